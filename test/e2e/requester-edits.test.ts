import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';

const karen = people.karen.id;
const john = people.john.id;

/** Every row of every table of the app's database, as text: where the history (and anything else) lives. */
const everyRow = async (harness: Harness): Promise<string> => {
  const db = harness.helpdesk.db;
  const tables: { name: string }[] = db.isSqlite
    ? await db.manager.query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
    : await db.manager.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`);
  const dumps: string[] = [];
  for (const { name } of tables) dumps.push(`${name}: ${JSON.stringify(await db.manager.query(`SELECT * FROM "${name}"`))}`);
  return dumps.join('\n');
};

describe('requester edits and deletions reach the card', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
    await scenes.fileTicket(karen, 'Report a Problem', 'Entire mobile online banking is down');
  });
  afterEach(async () => {
    await harness.stop();
  });

  const dmTs = async () => (await scenes.ticket(1001)).requesterDmTs;
  const cardThread = async () => scenes.thread(await scenes.card(1001));
  /** Karen writes her password in her ticket thread, then John transfers the ticket: the new card's history quotes it. */
  const passwordThenTransfer = async () => {
    const { message } = await harness.requests.writeInDm(karen, 'my password is hunter2', await dmTs());
    await harness.settle();
    const oldCard = await scenes.card(1001);
    await scenes.clickAndSubmit(john, oldCard, 'Transfer', { 'Transfer to': 'Sys Admins', Reason: 'needs the load balancer team' });
    const newCard = await scenes.card(1001);
    expect(scenes.thread(newCard).join('\n')).toContain('hunter2');
    return { message, oldCard, newCard };
  };

  it('shows the corrected text in the card thread, marked edited, and records the edit', async () => {
    const { message } = await harness.requests.writeInDm(karen, 'The app says error 503 since 9:05', await dmTs());
    await harness.settle();
    await harness.requests.editInDm(message, 'The app says error 502 since 9:05');
    await harness.settle();
    const thread = await cardThread();
    expect(thread).toEqual([`:envelope: <@${karen}> (requester, edited): The app says error 502 since 9:05`]);
    expect(thread.join('\n')).not.toContain('503');
    const history = await scenes.history(1001);
    expect(history.slice(-2)).toEqual([
      { type: 'requester_messaged', actorId: karen, text: 'The app says error 503 since 9:05' },
      { type: 'requester_edited', actorId: karen, text: 'The app says error 502 since 9:05' },
    ]);
    expect(harness.slack.rejections).toEqual([]);
  });

  it('disarms broadcasts in an edit as in the message itself, so an edit cannot ping a department', async () => {
    const { message } = await harness.requests.writeInDm(karen, 'still down', await dmTs());
    await harness.settle();
    await harness.requests.editInDm(message, 'still down <!channel> <!subteam^S0SUPPORT|@support>');
    await harness.settle();
    const [line] = await cardThread();
    expect(line).toBe(`:envelope: <@${karen}> (requester, edited): still down @channel @support`);
  });

  it('takes a deleted message out of the card thread and out of the database, and keeps that it was deleted', async () => {
    const { message } = await harness.requests.writeInDm(karen, 'my password is hunter3', await dmTs());
    await harness.settle();
    await harness.requests.editInDm(message, 'my password is hunter2');
    await harness.settle();
    await harness.requests.deleteInDm(message);
    await harness.settle();
    const thread = await cardThread();
    expect(thread).toEqual([`:wastebasket: <@${karen}> (requester) deleted this message.`]);
    const dump = await everyRow(harness);
    expect(dump).not.toContain('hunter');
    expect((await scenes.history(1001)).slice(-3)).toEqual([
      { type: 'requester_messaged', actorId: karen, text: null },
      { type: 'requester_edited', actorId: karen, text: null },
      { type: 'requester_deleted', actorId: karen, text: null },
    ]);
  });

  it('takes a deleted message out of the history a transfer posted in the new card thread too', async () => {
    const { message, oldCard, newCard } = await passwordThenTransfer();
    await harness.requests.deleteInDm(message);
    await harness.settle();
    expect(scenes.thread(oldCard)).toContain(`:wastebasket: <@${karen}> (requester) deleted this message.`);
    const history = scenes.thread(newCard).join('\n');
    expect(history).toContain(`<@${karen}> (requester) sent a message and deleted it.`);
    expect(history).toContain('needs the load balancer team');
    expect(harness.slack.messages.map((posted) => posted.text).join('\n')).not.toContain('hunter2');
    expect(await everyRow(harness)).not.toContain('hunter2');
  });

  it('shows an edit made after a transfer in the history of the new card thread, and the old words nowhere', async () => {
    const { message, oldCard, newCard } = await passwordThenTransfer();
    await harness.requests.editInDm(message, 'my password is (removed)');
    await harness.settle();
    const [history, ...rest] = scenes.thread(newCard);
    expect(rest).toEqual([]);
    expect(history?.split('\n')).toEqual([
      '*History of #1001 so far*',
      `• <@${karen}> filed this ticket.`,
      `• :envelope: <@${karen}> (requester, edited): my password is (removed)`,
      `• Transferred from Support to Sys Admins by <@${john}>: needs the load balancer team`,
    ]);
    expect(scenes.thread(oldCard)).toContain(`:envelope: <@${karen}> (requester, edited): my password is (removed)`);
    for (const card of [oldCard, newCard]) expect(scenes.thread(card).join('\n')).not.toContain('hunter2');
    expect(harness.slack.rejections).toEqual([]);
  });

  it('shows the latest edit in the history of every card thread after several transfers', async () => {
    const jerry = people.jerry.id;
    const { message } = await harness.requests.writeInDm(karen, 'my password is hunter2', await dmTs());
    await harness.settle();
    const first = await scenes.card(1001);
    await scenes.clickAndSubmit(john, first, 'Transfer', { 'Transfer to': 'Sys Admins', Reason: 'needs the load balancer team' });
    const second = await scenes.card(1001);
    await harness.requests.editInDm(message, 'my password is hunter3');
    await harness.settle();
    await scenes.clickAndSubmit(jerry, second, 'Transfer', { 'Transfer to': 'Support', Reason: 'the load balancer is fine' });
    const third = await scenes.card(1001);
    await harness.requests.editInDm(message, 'my password is (removed)');
    await harness.settle();
    const edited = `:envelope: <@${karen}> (requester, edited): my password is (removed)`;
    expect(scenes.thread(first)).toEqual([edited]);
    for (const card of [second, third]) expect(scenes.thread(card)[0]).toContain(`• ${edited}\n`);
    for (const card of [first, second, third]) expect(scenes.thread(card).join('\n')).not.toMatch(/hunter/);
  });

  it('redraws a history that was being posted when the edit came', async () => {
    const { slack, requests } = harness;
    const { message } = await requests.writeInDm(karen, 'my password is hunter2', await dmTs());
    await harness.settle();
    const oldCard = await scenes.card(1001);
    // Slack posts each message but answers 503: the history is in the thread, and its delivery not yet done.
    slack.failNext('chat.postMessage', { status: 503, afterApplying: true }, 6);
    const before = slack.currentView(john)?.id;
    await requests.clickButton(john, oldCard, 'Transfer');
    const modal = await slack.waitFor(() => (slack.currentView(john)?.id !== before ? slack.currentView(john) : null), 3000, 'the transfer modal');
    await requests.submitModal(john, { 'Transfer to': 'Sys Admins', Reason: 'needs the load balancer team' }, modal);
    const history = await slack.waitFor(() => slack.messages.find((posted) => posted.channel === 'C0SYSADM' && posted.text.startsWith('*History of')), 10_000, 'the history');
    await requests.editInDm(message, 'my password is (removed)');
    const edited = `• :envelope: <@${karen}> (requester, edited): my password is (removed)`;
    const shown = () => slack.messages.find((posted) => posted.ts === history.ts && posted.channel === history.channel)?.text ?? '';
    // The history's delivery is retried after a back-off; its redraw waits for it.
    await slack.waitFor(() => shown().includes(edited) || null, 15_000, 'the history to show the edit');
    await harness.settle();
    expect(shown()).toContain(edited);
    expect(slack.messages.map((posted) => posted.text).join('\n')).not.toContain('hunter2');
  });

  it('edits every piece of a long relayed message, removing the pieces the new text no longer needs', async () => {
    const long = Array.from({ length: 400 }, (_, index) => `line ${index} of the mobile banking log`).join('\n');
    const { message } = await harness.requests.writeInDm(karen, long, await dmTs());
    await harness.settle();
    expect((await cardThread()).length).toBeGreaterThan(1);
    await harness.requests.editInDm(message, 'Never mind the log: it works again on Wi-Fi');
    await harness.settle();
    expect(await cardThread()).toEqual([`:envelope: <@${karen}> (requester, edited): Never mind the log: it works again on Wi-Fi`]);
    await harness.requests.editInDm(message, `${long}\nline 400 too`);
    await harness.settle();
    const relayed = (await cardThread()).join('');
    for (const line of ['line 0 of', 'line 399 of', 'line 400 too']) expect(relayed).toContain(line);
    expect(relayed).not.toContain('Never mind');
    expect(harness.slack.rejections).toEqual([]);
  });

  it('ends right when the edit arrives before the original is relayed', async () => {
    // Slack is slow to take the relay: the edit is received while the original waits to be delivered.
    harness.slack.failNext('chat.postMessage', { status: 503 });
    const { message } = await harness.requests.writeInDm(karen, 'It fails on 4G', await dmTs());
    await harness.requests.editInDm(message, 'It fails on 4G and on Wi-Fi');
    await harness.settle();
    await harness.slack.waitFor(() => harness.slack.callsTo('chat.update').length > 0, 10_000, 'the relay to be edited');
    await harness.settle();
    expect(await cardThread()).toEqual([`:envelope: <@${karen}> (requester, edited): It fails on 4G and on Wi-Fi`]);
  });

  it('relays an edit that overtook its message as the message, and ignores the late original', async () => {
    const channel = harness.slack.dmChannelOf(karen) ?? '';
    const original = harness.slack.postAsUser(channel, karen, 'It fails on 4G', await dmTs());
    const originalEvent = { type: 'message', channel, channel_type: 'im', user: karen, text: original.text, ts: original.ts, thread_ts: original.threadTs };
    await harness.requests.editInDm(original, 'It fails on 4G and on Wi-Fi');
    await harness.requests.deliverEvent(originalEvent, 2);
    await harness.settle();
    expect(await cardThread()).toEqual([`:envelope: <@${karen}> (requester): It fails on 4G and on Wi-Fi`]);
  });

  it('applies each edit once under retries, and never lets an older edit win', async () => {
    const { message } = await harness.requests.writeInDm(karen, 'first', await dmTs());
    await harness.settle();
    const second = harness.slack.editAsUser(message, 'second');
    const third = harness.slack.editAsUser(message, 'third');
    await harness.requests.deliverEvent(third, 3);
    await harness.requests.deliverEvent(second, 3);
    await harness.settle();
    expect(await cardThread()).toEqual([`:envelope: <@${karen}> (requester, edited): third`]);
    expect((await scenes.history(1001)).filter(({ type }) => type === 'requester_edited')).toEqual([{ type: 'requester_edited', actorId: karen, text: 'third' }]);
  });

  it('ignores edits and deletions of messages that are not relayed ticket messages, without a Slack call', async () => {
    const channel = harness.slack.dmChannelOf(karen) ?? '';
    const { message: topLevel } = await harness.requests.writeInDm(karen, 'hello?', null);
    await harness.settle();
    const calls = harness.slack.calls.length;
    const history = await scenes.history(1001);
    await harness.requests.editInDm(topLevel, 'hello? anyone?');
    await harness.requests.deleteInDm(topLevel);
    // The app's own confirmation DM, as Slack reports a change to it (its reply count, say).
    const ticket = await scenes.ticket(1001);
    const own = harness.slack.messages.find((message) => message.channel === channel && message.ts === ticket.requesterDmTs);
    if (!own) throw new Error('no confirmation');
    const change = harness.slack.editAsUser(own, own.text);
    await harness.requests.deliverEvent({
      ...change,
      message: { type: 'message', bot_id: 'B0HELPBOT', text: own.text, ts: own.ts },
      previous_message: { type: 'message', bot_id: 'B0HELPBOT', text: own.text, ts: own.ts },
    });
    await harness.requests.deliverEvent({ ...harness.slack.deleteAsUser(own), previous_message: { type: 'message', bot_id: 'B0HELPBOT', text: own.text, ts: own.ts } });
    await harness.settle();
    expect(harness.slack.calls.slice(calls)).toEqual([]);
    expect(await scenes.history(1001)).toEqual(history);
  });
});
