import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';

const karen = people.karen.id;
const john = people.john.id;
const REPLY = 'We are on it. Does the website work for you, or only the app?';

/** Issue 13 §2: one message Slack refuses, or one backing off, never holds up the rest of its ticket. */
describe('one bad message never holds a ticket hostage', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    harness.slack.clearFailures();
    await harness.stop();
  });

  /** John replies to Karen from the card; answers when the request was sent. */
  const johnReplies = async (): Promise<number> => {
    const { slack, requests } = harness;
    await requests.clickButton(john, await scenes.card(1001), 'Reply to requester');
    const modal = await slack.waitFor(() => slack.currentView(john), 3000, 'the reply modal');
    const started = Date.now();
    await requests.submitModal(john, { 'Message to the requester': REPLY }, modal);
    return started;
  };

  const replyInKarensDm = () => scenes.requesterThread(1001).then((thread) => thread.find((message) => message.text.includes('We are on it')));

  const waitForReply = async (started: number): Promise<number> => {
    for (;;) {
      if (await replyInKarensDm()) return Date.now() - started;
      if (Date.now() - started > 8000) throw new Error("John's reply never reached Karen");
      await harness.slack.waitFor(() => false, 20).catch(() => undefined);
    }
  };

  it("gets John's reply to Karen within 5 s though Slack refused the card's redraw for good, and the card is right after the next change", async () => {
    const { slack, logs } = harness;
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    const card = await scenes.card(1001);
    // Slack refuses every redraw of the card, as it would refuse a card it finds malformed.
    slack.failNext('chat.update', { error: 'invalid_arguments', channel: card.channel }, 1000);
    await scenes.click(john, card, 'Assign to me');
    const started = await johnReplies();

    const took = await waitForReply(started);
    expect(took).toBeLessThan(5000);
    await harness.settle();
    expect(card.edits).toBe(0);
    // Each refused redraw was given up at once (one attempt), logged at error, and the department told.
    const givenUp = logs.map((line) => JSON.parse(line) as { level: string; msg: string; kind?: string; error?: string }).filter((entry) => entry.msg === 'outbox message given up');
    expect(givenUp.length).toBeGreaterThan(0);
    expect(givenUp.every((entry) => entry.level === 'error' && entry.kind === 'update_ticket_card' && entry.error === 'invalid_arguments')).toBe(true);
    expect(slack.callsTo('chat.update').filter((call) => call.args.channel === card.channel)).toHaveLength(givenUp.length);
    const notice = slack.messagesIn(card.channel, null).find((message) => message.text.includes('could not deliver an update of the ticket card'));
    expect(notice?.text).toContain('*#1001*: Slack answered `invalid_arguments`');
    // The thread lines went on too.
    expect(scenes.thread(card).some((text) => text.includes('*Reply to requester* from'))).toBe(true);

    // Slack takes redraws again: the next change shows the whole truth on the card.
    slack.clearFailures();
    const ticket = await scenes.ticket(1001);
    await harness.requests.writeInDm(karen, 'Only the app; the website is fine.', ticket.requesterDmTs);
    await harness.settle();
    expect(card.edits).toBe(1);
    expect(visibleText(card)).toContain(`*Assignee*\n<@${john}>`);
    expect(visibleText(card)).toContain('In progress');
  });

  it('does not let a card redraw that Slack keeps failing (HTTP 500, backing off) delay the reply to Karen', async () => {
    const { slack } = harness;
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    const card = await scenes.card(1001);
    // Backoff of 1, 2, 4 and 8 s before the redraw could go.
    slack.failNext('chat.update', { status: 500, channel: card.channel }, 4);
    await harness.requests.clickButton(john, card, 'Assign to me');
    await slack.waitFor(() => slack.callsTo('chat.update').length > 0, 3000, 'the first redraw');
    const started = await johnReplies();

    const took = await waitForReply(started);
    expect(took).toBeLessThan(5000);
    // The reply did not wait for the redraw, which is still backing off.
    expect(card.edits).toBe(0);
    expect(slack.callsTo('chat.update').filter((call) => call.status === 500).length).toBeLessThan(4);
  });
  it("gets John's reply to Karen within 5 s though admins locked the card's thread (a refusal the first lists missed), and gives each thread line up at once", async () => {
    const { slack, logs } = harness;
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    const card = await scenes.card(1001);
    slack.failNext('chat.postMessage', { error: 'restricted_action_thread_locked', channel: card.channel, threadTs: card.ts }, 1000);
    await scenes.click(john, card, 'Assign to me');
    const started = await johnReplies();

    expect(await waitForReply(started)).toBeLessThan(5000);
    await harness.settle();
    const threadPosts = slack.callsTo('chat.postMessage').filter((call) => call.args.channel === card.channel && call.args.thread_ts === card.ts);
    const givenUp = logs.map((line) => JSON.parse(line) as { msg: string; kind?: string; error?: string }).filter((entry) => entry.msg === 'outbox message given up' && entry.kind === 'thread_line');
    // Each thread line was asked for once and given up at once: no backoff, no retry.
    expect(givenUp.length).toBeGreaterThan(0);
    expect(givenUp.every((entry) => entry.error === 'restricted_action_thread_locked')).toBe(true);
    expect(threadPosts).toHaveLength(givenUp.length);
    const notice = slack.messagesIn(card.channel, null).find((message) => message.text.includes('restricted_action_thread_locked'));
    expect(notice?.text).toContain('*#1001*');
  });
  it("gets John's reply to Karen within 5 s though Slack refused her confirmation for good, and her answer in that conversation reaches the card", async () => {
    const { slack, logs } = harness;
    const dm = slack.openDm(karen);
    // The confirmation is refused, as Slack refuses a message it finds malformed.
    slack.failNext('chat.postMessage', { error: 'invalid_blocks', channel: dm }, 1);
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    expect((await scenes.ticket(1001)).requesterDmTs).toBeNull();
    expect(logs.some((line) => line.includes('outbox message given up') && line.includes('confirm_to_requester'))).toBe(true);
    const started = await johnReplies();

    // The reply starts Karen's conversation about the ticket, in her DM with the app.
    let took = 0;
    for (;;) {
      if (slack.messagesIn(dm, null).some((message) => message.text.includes('We are on it'))) break;
      took = Date.now() - started;
      if (took > 8000) throw new Error("John's reply never reached Karen");
      await slack.waitFor(() => false, 20).catch(() => undefined);
    }
    expect(took).toBeLessThan(5000);
    await harness.settle();
    const reply = slack.messagesIn(dm, null).find((message) => message.text.includes('We are on it'));
    expect((await scenes.ticket(1001)).requesterDmTs).toBe(reply?.ts);
    // Nobody was told "no ticket conversation": the reply was not lost.
    expect(logs.some((line) => line.includes('the requester has no ticket conversation'))).toBe(false);
    await harness.requests.writeInDm(karen, 'Only the app; the website is fine.', reply?.ts ?? null);
    await harness.settle();
    expect(scenes.thread(await scenes.card(1001)).some((text) => text.includes('Only the app; the website is fine.'))).toBe(true);
  });
});
