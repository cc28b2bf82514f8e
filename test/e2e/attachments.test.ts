import { PostedMessage } from '../../src/sandbox/local-slack/local-slack';
import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';

/**
 * Files both ways, with Slack's upload flow: Karen's screenshot reaches the card thread, John's
 * runbook reaches Karen's thread, and a file over helpdesk.yml's limit is refused with a message
 * (the requester's is named on the card and answered in her thread; the agent's stays in the modal).
 */
describe('attachments between the requester and the card', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeAll(async () => {
    harness = await startHarness({ config: `${DEMO_CONFIG}\nattachments:\n  max_file_size: 4KB\n  refused_types: [exe]\n` });
    scenes = new Scenes(harness);
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down', 'Every page of the app answers 404.');
  });
  afterAll(async () => {
    await harness.stop();
  });

  const karen = people.karen.id;
  const john = people.john.id;
  const screenshot = Buffer.from('PNG…the app answering 404 on every page');

  /** The bytes of the file a message shares, as Slack keeps them. */
  const bytesOf = (message: PostedMessage | undefined): string | undefined => {
    const id = message?.files?.[0]?.id;
    return typeof id === 'string' ? harness.slack.files.stored.get(id)?.bytes.toString() : undefined;
  };

  it("Karen's screenshot in her ticket thread is copied into the card thread, read with the bot token", async () => {
    const ticket = await scenes.ticket(1001);
    await harness.requests.shareFilesInDm(karen, 'here is what I see', ticket.requesterDmTs, [{ name: 'error-screenshot.png', bytes: screenshot }]);
    await harness.settle();
    const card = await scenes.card(1001);
    const thread = harness.slack.messagesIn(card.channel, card.ts);
    expect(thread.at(-2)?.text).toBe(`:envelope: <@${karen}> (requester): here is what I see\n:paperclip: attached a file in their DM: \`error-screenshot.png\``);
    const copy = thread.at(-1);
    expect(visibleText(copy ?? {})).toBe(`:paperclip: <@${karen}> attached this file.`);
    expect(copy?.files?.map((file) => file.name)).toEqual(['error-screenshot.png']);
    expect(bytesOf(copy)).toBe(screenshot.toString());
    // Downloaded with the bot token, then Slack's two-step upload.
    expect(harness.slack.calls.filter((call) => call.method === 'file_download' && call.status === 200)).toHaveLength(1);
    expect(harness.slack.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    expect(harness.slack.callsTo('files.completeUploadExternal')[0]?.args).toMatchObject({ channel_id: card.channel, thread_ts: card.ts });
  });

  it("John's runbook attached to his reply reaches Karen's ticket thread", async () => {
    const runbook = harness.slack.files.share('load-balancer-runbook.txt', Buffer.from('1. Reconnect pool 3'), john);
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'Try again now, see the attached steps.', Files: runbook.id });
    const conversation = await scenes.requesterThread(1001);
    expect(conversation.at(-2)?.text).toContain('Try again now, see the attached steps.');
    expect(visibleText(conversation.at(-1) ?? {})).toBe(`:paperclip: <@${john}> attached this file.`);
    expect(conversation.at(-1)?.files?.map((file) => file.name)).toEqual(['load-balancer-runbook.txt']);
    expect(bytesOf(conversation.at(-1))).toBe('1. Reconnect pool 3');
  });

  it("a file with John's internal note stays in the card thread; Karen never gets it", async () => {
    const trace = harness.slack.files.share('lb-trace.txt', Buffer.from('pool 3: 0/4 healthy'), john);
    const before = (await scenes.requesterThread(1001)).length;
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Internal note', { Note: 'Trace attached', Files: trace.id });
    const card = await scenes.card(1001);
    const copy = harness.slack.messagesIn(card.channel, card.ts).at(-1);
    expect(copy?.files?.map((file) => file.name)).toEqual(['lb-trace.txt']);
    expect(await scenes.requesterThread(1001)).toHaveLength(before);
  });

  it('refuses an oversized file with a message: Karen is told why, the card names it, nothing is copied', async () => {
    const ticket = await scenes.ticket(1001);
    const uploads = harness.slack.callsTo('files.completeUploadExternal').length;
    await harness.requests.shareFilesInDm(karen, 'the full server log', ticket.requesterDmTs, [{ name: 'server.log', bytes: Buffer.alloc(6 * 1024, 'x') }]);
    await harness.settle();
    expect((await scenes.requesterThread(1001)).at(-1)?.text).toBe('`server.log` was not passed on: it is 6 KB; files may be at most 4 KB.');
    // She was answering John's reply, so the ticket is back with the help desk.
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toBe(
      `:envelope: <@${karen}> (requester): the full server log\n:paperclip: attached a file in their DM: \`server.log\` (not copied here: it is 6 KB; files may be at most 4 KB) Status: Open.`,
    );
    expect(harness.slack.callsTo('files.completeUploadExternal')).toHaveLength(uploads);
  });

  it("refuses an agent's oversized or refused file beside the input, sending nothing", async () => {
    const big = harness.slack.files.share('capture.pcap', Buffer.alloc(8 * 1024, 'x'), john);
    const before = (await scenes.requesterThread(1001)).length;
    const { body } = await scenes.clickAndSubmit(john, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'Here is the capture', Files: big.id });
    expect(body).toEqual({ response_action: 'errors', errors: { files: '`capture.pcap` was not passed on: it is 8 KB; files may be at most 4 KB.' } });
    harness.slack.closeView(john);
    const tool = harness.slack.files.share('fix.exe', Buffer.from('MZ'), john);
    const second = await scenes.clickAndSubmit(john, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'Run this', Files: tool.id });
    expect(second.body).toEqual({ response_action: 'errors', errors: { files: '`fix.exe` was not passed on: files of type .exe are not accepted.' } });
    expect(await scenes.requesterThread(1001)).toHaveLength(before);
  });
});
