import fc from 'fast-check';
import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { escapeMrkdwn } from '../../src/slack/views/mrkdwn';
import { channels, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { liveBroadcastsIn } from '../support/live-broadcasts';
import { markup } from '../support/markup-arbitrary';
import { initialValues, visibleText } from '../support/visible-text';

describe('text from Slack is decoded once, at the edge', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  /** Every message, ephemeral and view the app gave Slack, with any live broadcast in it. */
  const everythingTheAppPosted = () => [
    ...harness.slack.messages.filter((message) => message.user === harness.slack.botUserId),
    ...harness.slack.ephemerals,
    ...[...harness.slack.views.values()].map((open) => ({ blocks: open.view.blocks })),
  ];
  const livePings = () => everythingTheAppPosted().flatMap((message) => liveBroadcastsIn(message));

  const openedModal = (userId: string) => harness.slack.waitFor(() => harness.slack.currentView(userId), 3000, 'the ticket modal');

  it('/ticket Printer & scanner down <3rd floor> files the summary as typed and shows it so on the card', async () => {
    const { slack, requests } = harness;
    await requests.slashCommand(people.karen.id, 'Printer & scanner down <3rd floor>');
    expect(initialValues((await openedModal(people.karen.id)).view).Summary).toBe('Printer & scanner down <3rd floor>');
    await requests.submitModal(people.karen.id, { 'Help topic': 'Report a Problem' });
    await harness.settle();

    expect((await scenes.ticket(1001)).summary).toBe('Printer & scanner down <3rd floor>');
    const card = await scenes.card(1001);
    expect(card.text).toBe('#1001 Printer &amp; scanner down &lt;3rd floor&gt; (Normal, Open)');
    expect(card.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: '#1001 Printer & scanner down <3rd floor>' } });
    expect(visibleText(card)).not.toMatch(/&amp;amp;|&amp;lt;/);
    const confirmation = scenes.dmsTo(people.karen.id).at(-1);
    expect(visibleText(confirmation ?? {})).toContain('Printer &amp; scanner down &lt;3rd floor&gt;');
    expect(slack.rejections).toEqual([]);
  });

  it('Create ticket on a message with a mention, a labelled link and a channel link shows names, in the modal and on the card', async () => {
    const { slack, requests } = harness;
    const message = slack.postAsUser(
      channels.general,
      people.karen.id,
      'VPN drops for <@U0MICHAEL> since 9:05, see <https://status.example.com/vpn|the status page> and <#C0SYSADM|sysadmins>\nAlso <#C0SUPPORT> knows, <!here>',
    );
    await requests.messageShortcut(people.ken.id, message);
    const readable = 'VPN drops for @Michael Michael since 9:05, see the status page (https://status.example.com/vpn) and #sysadmins';
    expect(initialValues((await openedModal(people.ken.id)).view)).toMatchObject({
      Summary: readable,
      Details: `${readable}\nAlso #support knows, @here`,
    });
    await requests.submitModal(people.ken.id, { 'Help topic': 'Report a Problem' });
    await harness.settle();

    const ticket = await harness.helpdesk.db.manager.findOneByOrFail(TicketEntity, { number: 1001 });
    expect(ticket.details).toBe(`${readable}\nAlso #support knows, @here`);
    const card = await scenes.card(1001);
    expect(visibleText(card)).toContain(`${readable}\nAlso #support knows, @here`);
    expect(visibleText(card)).not.toContain('U0MICHAEL');
    expect(livePings()).toEqual([]);
    expect(slack.rejections).toEqual([]);
  });

  it('Create ticket still opens its modal in time when names cannot be looked up, and shows the ids instead', async () => {
    const { slack, requests } = harness;
    const message = slack.postAsUser(channels.general, people.karen.id, 'VPN drops for <@U0MICHAEL> and <@U0KEN>, ask in <#C0SYSADM>');
    slack.failNext('users.info', { error: 'user_not_found' });
    slack.failNext('users.info', { status: 429, retryAfterSeconds: 30 });
    slack.failNext('conversations.info', { status: 500 });
    const started = Date.now();
    await requests.messageShortcut(people.john.id, message);
    const modal = await openedModal(people.john.id);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(initialValues(modal.view).Summary).toBe('VPN drops for @U0MICHAEL and @U0KEN, ask in #C0SYSADM');
    expect(slack.rejections).toEqual([]);
  });

  it('Create ticket on a monitoring alert whose content is only in attachments pre-fills the modal from them', async () => {
    const { slack, requests } = harness;
    const alert = slack.postAsBot(channels.general, 'B0GRAFANA', {
      attachments: [
        {
          fallback: '[Alerting] VPN gateway down',
          pretext: '[Alerting] VPN gateway down',
          title: 'vpn-1 packet loss &gt; 80%',
          title_link: 'https://grafana.example/d/vpn',
          text: 'Tunnel flaps every 10 minutes &amp; users are dropped',
          fields: [
            { title: 'Host', value: 'vpn-1' },
            { title: 'Since', value: '9:05' },
          ],
        },
      ],
    });
    await requests.messageShortcut(people.jerry.id, alert);
    expect(initialValues((await openedModal(people.jerry.id)).view)).toMatchObject({
      Summary: '[Alerting] VPN gateway down',
      Details: '[Alerting] VPN gateway down\nvpn-1 packet loss > 80% (https://grafana.example/d/vpn)\nTunnel flaps every 10 minutes & users are dropped\nHost: vpn-1\nSince: 9:05',
    });
  });

  it('Create ticket on a monitoring alert whose content is only in blocks pre-fills the modal from them', async () => {
    const { slack, requests } = harness;
    const alert = slack.postAsBot(channels.general, 'B0PAGERDUTY', {
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'SEV-A: Entire mobile online banking is down' } },
        { type: 'section', text: { type: 'mrkdwn', text: '*404 on every page* &lt;api-gw&gt; since 9:05' } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'Triggered by <@U0SYSA>' }] },
      ],
    });
    await requests.messageShortcut(people.karen.id, alert);
    expect(initialValues((await openedModal(people.karen.id)).view)).toMatchObject({
      Summary: 'SEV-A: Entire mobile online banking is down',
      Details: 'SEV-A: Entire mobile online banking is down\n*404 on every page* <api-gw> since 9:05\nTriggered by @Jerry Sysadmin',
    });
  });

  it('a sweep over every inbound path: what a person typed is what the ticket stores', async () => {
    const { slack, requests } = harness;
    const typed = ['Printer & scanner down <3rd floor>', 'a &amp; b is not a & b', '<@U0BOSS> typed by hand', 'x <!channel> > y < z', '&lt;3 📧 👩‍💻 🇬🇧', 'e\u0301t\u00e9 *bold* `code`'];
    await scenes.fileTicket(people.karen.id, 'Report a Problem', 'Entire mobile online banking is down');
    for (const text of typed) {
      // The slash command: the local Slack escapes it, as Slack does.
      await requests.slashCommand(people.michael.id, text);
      expect(initialValues((await openedModal(people.michael.id)).view).Summary).toBe(text);
      // The modal's input comes back unescaped, as Slack sends plain_text_input values: stored as is.
      await requests.submitModal(people.michael.id, { 'Help topic': 'Report a Problem' });
      slack.closeView(people.michael.id);
      await harness.settle();
      const filed = await harness.helpdesk.db.manager.find(TicketEntity, { order: { id: 'DESC' }, take: 1 });
      expect(filed[0]?.summary).toBe(text);
      // A message shortcut: Slack stored the message escaped.
      const message = slack.postAsUser(channels.general, people.ken.id, escapeMrkdwn(text));
      await requests.messageShortcut(people.ken.id, message);
      expect(initialValues((await openedModal(people.ken.id)).view).Summary).toBe(text);
      slack.closeView(people.ken.id);
      // A DM in the ticket's thread.
      await requests.writeInDm(people.karen.id, escapeMrkdwn(text), (await scenes.ticket(1001)).requesterDmTs);
      await harness.settle();
      expect((await scenes.history(1001)).at(-1)).toMatchObject({ type: 'requester_messaged', text });
    }
    expect(livePings()).toEqual([]);
  });
});

describe('nobody can make the app ping a channel', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeAll(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
    await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
  });
  afterAll(async () => {
    await harness.stop();
  });

  const appMessages = () => [...harness.slack.messages.filter((message) => message.user === harness.slack.botUserId), ...harness.slack.ephemerals];
  const dmThread = async () => (await scenes.ticket(1001)).requesterDmTs;

  it('a nested user-group mention in a DM shows in the card thread as typed, and pings nobody', async () => {
    // Typed in Slack's composer (Slack escapes it), and posted raw with the member's own API token.
    await harness.requests.writeInDm(people.karen.id, escapeMrkdwn('still down <!<!subteam^S1|channel>>'), await dmThread());
    await harness.requests.writeInDm(people.karen.id, 'still down <!<!subteam^S1|channel>> <!subteam^S0OPS|@ops> <!EVERYONE>', await dmThread());
    await harness.settle();
    const thread = scenes.thread(await scenes.card(1001));
    expect(thread.at(-2)).toBe(`:envelope: <@${people.karen.id}> (requester): still down &lt;!&lt;!subteam^S1|channel&gt;&gt;`);
    expect(thread.at(-1)).toMatch(/^:envelope: <@U0KAREN> \(requester\): still down .*@ops @everyone$/);
    expect(appMessages().flatMap(liveBroadcastsIn)).toEqual([]);
  });

  it('a file named <!<!subteam^S1|here>>.png is noted by its name, as typed, and pings nobody', async () => {
    await harness.requests.writeInDm(people.karen.id, '', await dmThread(), { subtype: 'file_share', files: [{ id: 'F0SHOT', name: '<!<!subteam^S1|here>>.png', title: '<!here>' }] });
    await harness.settle();
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toBe(
      `:envelope: <@${people.karen.id}> (requester): :paperclip: attached a file in their DM: \`&lt;\u2060!&lt;\u2060!subteam^S1|here&gt;&gt;.png\``,
    );
    expect(appMessages().flatMap(liveBroadcastsIn)).toEqual([]);
  });

  it('generated markup relayed through the real app, as DM text, file names, replies and notes, never pings', async () => {
    const { requests, slack } = harness;
    const samples = fc.sample(markup, { numRuns: 8, seed: 1314 });
    for (const sample of samples) {
      await requests.writeInDm(people.karen.id, sample, await dmThread());
      await requests.writeInDm(people.karen.id, escapeMrkdwn(sample), await dmThread(), { files: [{ id: 'F0X', name: sample }] });
      await harness.settle();
    }
    const written = samples.join(' ').slice(0, 3000);
    await scenes.clickAndSubmit(people.john.id, await scenes.card(1001), 'Internal note', { Note: written });
    await scenes.clickAndSubmit(people.john.id, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': written });
    await scenes.clickAndSubmit(people.john.id, await scenes.card(1001), 'Escalate', { Reason: written });
    await scenes.clickAndSubmit(people.john.id, await scenes.card(1001), 'Transfer', { 'Transfer to': 'Sys Admins', Reason: written });
    await scenes.clickAndSubmit(people.jerry.id, await scenes.card(1001), 'Resolve', { Resolution: written });
    await harness.settle();
    expect((await scenes.history(1001)).filter((event) => event.text === written).map((event) => event.type)).toEqual(['noted', 'replied', 'escalated', 'transferred', 'resolved']);
    expect(appMessages().length).toBeGreaterThan(samples.length * 2);
    expect(appMessages().flatMap(liveBroadcastsIn)).toEqual([]);
    expect(slack.rejections).toEqual([]);
  });
});
