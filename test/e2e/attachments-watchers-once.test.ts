import { PostedMessage } from '../../src/sandbox/local-slack/local-slack';
import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';

/**
 * An agent's files reach the watchers as they reach the requester (Ken watches Karen's outage and
 * gets John's runbook in his own thread), and each copy is shared once though Slack fails: a 500
 * after Slack shared the files (the answer lost, as when the process dies after the call), or a 429.
 * Ken's own file goes the other way, into the card thread.
 */
describe("an agent's files reach the watchers, and each copy is shared once", () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeAll(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down', 'Every page of the app answers 404.');
    await scenes.click(john, await scenes.card(1001), 'Assign to me');
    // John adds Ken as a watcher from the card's ⋮ menu.
    await harness.requests.chooseOverflow(john, await scenes.card(1001), 'Watchers…');
    const modal = await harness.slack.waitFor(
      () => (harness.slack.currentView(john)?.view.callback_id === 'ticket_watchers_modal' ? harness.slack.currentView(john) : null),
      3000,
      'the Watchers modal',
    );
    await harness.requests.submitModal(john, { Watchers: ken }, modal);
    await harness.settle();
  });
  afterAll(async () => {
    await harness.stop();
  });

  const karen = people.karen.id;
  const ken = people.ken.id;
  const john = people.john.id;

  /** Ken's ticket thread: the message that starts it, then its replies. */
  const kensThread = (): PostedMessage[] => {
    const root = scenes.dmsTo(ken).find((message) => message.text.includes('added you as a watcher'));
    return root ? harness.slack.messagesIn(root.channel, root.ts) : [];
  };
  /** The copies of files the app shared in a thread, by the names of the files each shares. */
  const sharedFiles = (thread: PostedMessage[]): string[][] =>
    thread.filter((message) => message.user === harness.slack.botUserId && message.files?.length).map((message) => (message.files ?? []).map((file) => String(file.name)));
  /** The bytes of the file a message shares, as Slack keeps them. */
  const bytesOf = (message: PostedMessage | undefined): string | undefined => {
    const id = message?.files?.[0]?.id;
    return typeof id === 'string' ? harness.slack.files.stored.get(id)?.bytes.toString() : undefined;
  };
  const reply = async (text: string, name: string, bytes: string): Promise<void> => {
    const file = harness.slack.files.share(name, Buffer.from(bytes), john);
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': text, Files: file.id });
    await harness.settle();
  };

  it("John's runbook with his reply reaches Karen's thread and Ken's, once each", async () => {
    await reply('Try again now, see the attached steps.', 'load-balancer-runbook.txt', '1. Reconnect pool 3');
    const kens = kensThread();
    expect(kens.map((message) => visibleText(message)).join('\n')).toContain('Try again now, see the attached steps.');
    expect(visibleText(kens.at(-1) ?? {})).toBe(`:paperclip: <@${john}> attached this file.`);
    expect(bytesOf(kens.at(-1))).toBe('1. Reconnect pool 3');
    expect(sharedFiles(kens)).toEqual([['load-balancer-runbook.txt']]);
    expect(sharedFiles(await scenes.requesterThread(1001))).toEqual([['load-balancer-runbook.txt']]);
  });

  it("an internal note's file stays in the card thread: Ken never gets it", async () => {
    const trace = harness.slack.files.share('lb-trace.txt', Buffer.from('pool 3: 0/4 healthy'), john);
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Internal note', { Note: 'Trace attached', Files: trace.id });
    await harness.settle();
    expect(sharedFiles(kensThread())).toEqual([['load-balancer-runbook.txt']]);
    const card = await scenes.card(1001);
    expect(sharedFiles(harness.slack.messagesIn(card.channel, card.ts)).at(-1)).toEqual(['lb-trace.txt']);
  });

  it('Slack shares the files and then answers 500 (the answer lost): the retry reads the thread back and shares nothing twice', async () => {
    const completes = harness.slack.callsTo('files.completeUploadExternal').length;
    // Both copies of this reply (Karen's and Ken's) are shared, and both answers lost.
    harness.slack.failNext('files.completeUploadExternal', { status: 500, afterApplying: true }, 2);
    await reply('Here is the config we rolled back to.', 'pool-3.conf', 'backend pool3 { healthy }');
    await harness.slack.waitFor(() => harness.slack.callsTo('conversations.replies').length > 0 && harness.slack.callsTo('files.completeUploadExternal').length >= completes + 2, 5000, 'the retries');
    await harness.settle();
    expect(harness.slack.callsTo('files.completeUploadExternal')).toHaveLength(completes + 2);
    expect(sharedFiles(await scenes.requesterThread(1001))).toEqual([['load-balancer-runbook.txt'], ['pool-3.conf']]);
    expect(sharedFiles(kensThread())).toEqual([['load-balancer-runbook.txt'], ['pool-3.conf']]);
  });

  it('Slack rate-limits the share (nothing shared): the retry uploads again and shares once', async () => {
    harness.slack.failNext('files.completeUploadExternal', { retryAfterSeconds: 1 }, 1);
    await reply('And the monitoring dashboard export.', 'dashboard.json', '{"pool3":"down"}');
    const ticket = await scenes.ticket(1001);
    const karens = () => harness.slack.messagesIn(ticket.requesterDmChannelId ?? '', ticket.requesterDmTs ?? '');
    await harness.slack.waitFor(() => sharedFiles(karens()).length === 3 && sharedFiles(kensThread()).length === 3, 10_000, 'both copies after the rate limit');
    await harness.settle();
    expect(sharedFiles(await scenes.requesterThread(1001)).at(-1)).toEqual(['dashboard.json']);
    expect(sharedFiles(kensThread()).at(-1)).toEqual(['dashboard.json']);
    expect(sharedFiles(await scenes.requesterThread(1001))).toHaveLength(3);
    expect(sharedFiles(kensThread())).toHaveLength(3);
  });

  it("Ken's photo from a branch, shared in his thread, is copied into the card thread", async () => {
    const root = scenes.dmsTo(ken).find((message) => message.text.includes('added you as a watcher'));
    await harness.requests.shareFilesInDm(ken, 'the branch screen', root?.ts ?? null, [{ name: 'branch-screen.jpg', bytes: Buffer.from('JPEG…404 at the branch') }]);
    await harness.settle();
    const card = await scenes.card(1001);
    const thread = harness.slack.messagesIn(card.channel, card.ts);
    expect(thread.at(-2)?.text).toContain(`<@${ken}> (watcher): the branch screen`);
    expect(visibleText(thread.at(-1) ?? {})).toBe(`:paperclip: <@${ken}> attached this file.`);
    expect(bytesOf(thread.at(-1))).toBe('JPEG…404 at the branch');
  });

  it('Ken, who stopped watching, gets no more files', async () => {
    const root = scenes.dmsTo(ken).find((message) => message.text.includes('added you as a watcher'));
    await scenes.click(ken, root as PostedMessage, 'Stop watching');
    await reply('One more thing for Karen only.', 'notes.txt', 'only for Karen');
    expect(sharedFiles(await scenes.requesterThread(1001)).at(-1)).toEqual(['notes.txt']);
    expect(sharedFiles(kensThread())).toHaveLength(3);
  });
});
