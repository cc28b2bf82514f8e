import { request } from 'node:http';
import { channels, people } from '../support/demo-workspace';
import { Harness, startHarness, startLocalSlack } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';

const karen = people.karen.id;
const john = people.john.id;
const supportStaff = [people.supportManager.id, people.john.id, people.jane.id];
const FIX = 'invite @helpdesk to #support (type /invite @helpdesk in #support)';

const getJson = (port: number, path: string): Promise<Record<string, unknown>> =>
  new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      response.on('end', () => resolve(JSON.parse(body) as Record<string, unknown>));
    })
      .on('error', reject)
      .end();
  });

type LogLine = { level: string; msg: string } & Record<string, unknown>;

/** Issue 13 §6: the most common install mistake, forgetting `/invite @Helpdesk` in #support. */
describe('no ticket without a home', () => {
  let slack: LocalSlack;
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    slack = await startLocalSlack();
    slack.removeBot(channels.support);
    harness = await startHarness({ slack });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
    await slack.stop();
  });

  const logLines = () => harness.logs.map((line) => JSON.parse(line) as LogLine);

  it('says at start-up and in the health report that #support is unusable, and how to fix it', async () => {
    const warned = logLines().find((line) => line.level === 'warn' && line.msg.includes(FIX));
    expect(warned).toMatchObject({ channel: channels.support, name: 'support', problem: 'not_in_channel', department: 'Support', role: 'department' });
    expect(
      slack
        .callsTo('conversations.info')
        .map((call) => call.args.channel)
        .sort(),
    ).toEqual([channels.support, channels.sysadmins]);
    const health = await getJson(harness.helpdesk.opsPort, '/healthz');
    expect(health.unusableChannels).toEqual([{ channelId: channels.support, name: 'support', problem: 'not_in_channel', fix: FIX }]);
    expect(harness.helpdesk.channelHealth.unusableChannels()).toEqual(health.unusableChannels);
  });

  it("tells Support's people by DM within seconds, promises Karen only what is true, and posts the card once the app is invited, with what was said meanwhile", async () => {
    const started = Date.now();
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');

    // Every manager and agent of Support hears of it: the ticket, the channel, the fix.
    const notices = await slack.waitFor(
      () => {
        const found = supportStaff.map((userId) => scenes.dmsTo(userId).find((message) => message.text.includes('#1001')));
        return found.every(Boolean) ? found : null;
      },
      5000,
      "the DMs to Support's manager and agents",
    );
    expect(Date.now() - started).toBeLessThan(5000);
    for (const notice of notices) {
      expect(notice?.text).toContain('Ticket *#1001* (Entire mobile online banking is down) has no home yet');
      expect(notice?.text).toContain(`<#${channels.support}> (#support)`);
      expect(notice?.text).toContain('`not_in_channel`');
      expect(notice?.text).toContain(`To fix it, ${FIX}.`);
    }
    // Each person once.
    expect(supportStaff.map((userId) => scenes.dmsTo(userId).filter((message) => message.text.includes('#1001')).length)).toEqual([1, 1, 1]);

    // Karen is not told Support has it: she is told it is filed and the people who can act know.
    const confirmation = scenes.dmsTo(karen)[0];
    expect(visibleText(confirmation as never)).toContain("Your ticket is filed. It cannot reach Support's channel in Slack yet; the people who can act on it have been told");
    expect(slack.messagesIn(channels.support)).toHaveLength(0);

    // Karen adds something while the card waits: it is kept for the card's thread.
    const ticket = await scenes.ticket(1001);
    await harness.requests.writeInDm(karen, 'Only the app; the website is fine.', ticket.requesterDmTs);
    await harness.settle();
    expect(slack.messagesIn(channels.support)).toHaveLength(0);

    // Someone types /invite @helpdesk in #support: Slack tells the app, the card follows at once, no restart.
    const invited = Date.now();
    await harness.requests.event(slack.inviteBot(channels.support));
    const card = await slack.waitFor(() => slack.messagesIn(channels.support, null)[0], 5000, 'the card after the invitation');
    expect(Date.now() - invited).toBeLessThan(5000);
    expect(visibleText(card)).toContain('#1001 Entire mobile online banking is down');
    await slack.waitFor(() => scenes.thread(card).length > 0, 5000, "Karen's line in the card's thread");
    await harness.settle();
    expect(slack.messagesIn(channels.support, null)).toHaveLength(1);
    expect(scenes.thread(card)).toEqual([expect.stringContaining('Only the app; the website is fine.')]);
    expect(harness.helpdesk.channelHealth.unusableChannels()).toEqual([]);

    // Later lines follow in order, on the card that was posted.
    await scenes.click(john, card, 'Assign to me');
    expect(scenes.thread(card).at(-1)).toBe(`<@${john}> assigned this to themselves.`);
    expect(card.edits).toBe(1);
  });

  it("does not tell Karen in the 'Ticket created' modal that Support has it when #support refuses the app", async () => {
    const { requests } = harness;
    await requests.slashCommand(karen, 'Entire mobile online banking is down');
    await slack.waitFor(() => slack.currentView(karen)?.view.callback_id === 'ticket_new', 3000, 'the ticket modal');
    const response = await requests.submitModal(karen, { 'Help topic': 'Business Critical Outage', Details: '' });
    const modal = JSON.stringify(response.json().view);
    expect(modal).not.toContain('Support has it');
    expect(modal).toContain("It cannot reach Support's channel in Slack yet; the people who can act on it are being told.");
  });

  it('holds cards for an archived channel and tells the people concerned what to do', async () => {
    await harness.requests.event(slack.inviteBot(channels.support));
    slack.archiveChannel(channels.support);
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    const notice = await slack.waitFor(() => scenes.dmsTo(people.supportManager.id).find((message) => message.text.includes('#1001')), 5000, "the manager's DM");
    expect(notice.text).toContain('`is_archived`');
    expect(notice.text).toContain('unarchive #support, or give the department another channel in the help desk configuration');
    expect(harness.helpdesk.channelHealth.unusableChannels()).toEqual([expect.objectContaining({ channelId: channels.support, problem: 'is_archived' })]);
    expect(logLines().some((line) => line.level === 'warn' && line.msg === 'outbox message waits for its channel')).toBe(true);
  });
});
