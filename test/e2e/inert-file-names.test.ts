import { renderMrkdwn, RenderContext } from '../../src/sandbox/web/render-mrkdwn';
import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';

const { karen, john } = people;

/** Names that are markup if posted as message text: a mention, a broadcast, bold, a labelled link, a code-span break-out. */
const MARKUP_NAMES = [`<@${john.id}>.png`, '<!channel>.pdf', '*bold*.txt', '<https://evil.example|click>.png', 'a`*b*`c.txt'];

const RENDER: RenderContext = { userName: () => 'Someone', channelName: () => 'somewhere', timeZone: 'UTC', now: new Date(0), permalinkTarget: () => null };

/** What the sandbox (drawn as Slack draws mrkdwn) shows for a text: no bold, italics, mentions or links may come from a file name. */
const formattedParts = (text: string): string[] => [...renderMrkdwn(text, RENDER).matchAll(/<(b|i|s|a|span class="mention")[ >][^]*?<\//g)].map((match) => match[0]);

describe('a file name is not a message: names shown as inert text everywhere', () => {
  jest.setTimeout(60_000);
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness({ config: DEMO_CONFIG });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  it("Karen's files named with markup: the card thread's file lines and her refusal show the names as typed, nothing live, nobody notified", async () => {
    await scenes.fileTicket(karen.id, 'Report a Problem', 'Entire mobile online banking is down');
    const ticket = await scenes.ticket(1001);
    const johnNotified = harness.slack.notificationsOf(john.id).length;
    await harness.requests.shareFilesInDm(karen.id, '', ticket.requesterDmTs, [
      ...MARKUP_NAMES.map((name) => ({ name, bytes: Buffer.from('x') })),
      { name: `<@${john.id}>*run*.exe`, bytes: Buffer.from('MZ') },
    ]);
    await harness.settle();
    const card = await scenes.card(1001);
    const lines = harness.slack
      .messagesIn(card.channel, card.ts)
      .map((message) => visibleText(message))
      .filter((text) => text.includes('attached a file in their DM'));
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? '';
    // The only markup left is Karen's own mention at the head of her relayed message.
    expect(formattedParts(line)).toEqual([expect.stringContaining('mention')]);
    const shown = renderMrkdwn(line, RENDER).replace(/\u2060/g, '');
    for (const name of MARKUP_NAMES) expect(shown).toContain(name.replace(/[<>&]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[char] ?? char).replace(/`/g, 'ˋ'));
    expect(harness.slack.notificationsOf(john.id)).toHaveLength(johnNotified);
    const refusal = (await scenes.requesterThread(1001)).map((message) => message.text).find((text) => text.includes('was not passed on')) ?? '';
    expect(refusal).toContain('.exe');
    expect(formattedParts(refusal)).toEqual([]);
  });

  it("an agent's refused file in Reply to requester is named inertly beside the input", async () => {
    await scenes.fileTicket(karen.id, 'Report a Problem', 'Mail stopped on my iPhone');
    const runbook = harness.slack.files.share(`<!here> *fix*.exe`, Buffer.from('MZ'), john.id);
    await harness.requests.clickButton(john.id, await scenes.card(1001), 'Reply to requester');
    await harness.slack.waitFor(() => harness.slack.currentView(john.id), 3000, 'the Reply modal');
    const response = await harness.requests.submitModal(john.id, { 'Message to the requester': 'Try this', Files: runbook.id });
    const body = response.json() as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors.files).toBe('`<\u2060!here> *fix*.exe` was not passed on: files of type .exe are not accepted.');
  });
});
