import { OutboxMessageEntity } from '../../src/persistence/entities/outbox-message.entity';
import { channels, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';

const karen = people.karen.id;
const ken = people.ken.id;
const john = people.john.id;

/** The metadata the app puts on each post, which any member can copy onto messages posted with their own token. */
const forgedMetadata = (outboxId: number, piece = 0) => ({ event_type: 'helpdesk_outbox', event_payload: { outbox_id: outboxId, piece } });

/**
 * Issue 14 §3: a retried post reads the conversation back to find what an earlier attempt
 * posted. Only this app's own messages may count, never a member's message carrying forged
 * metadata. Runs on SQLite, and on PostgreSQL with HELPDESK_TEST_DATABASE=postgres.
 */
describe('exactly-once delivery adopts only the app’s own messages', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
    // Ken joins #support, as any member may join a public channel.
    harness.slack.channel(channels.support)?.members.add(ken);
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('posts the real card once after a Slack 500, and never takes a message Ken posted with forged metadata for it', async () => {
    const { slack, helpdesk } = harness;
    const forged = Array.from({ length: 10 }, (_, index) => slack.postAsUser(channels.support, ken, `:ticket: #1001 Nothing to see here (${index + 1})`, null, forgedMetadata(index + 1)));
    slack.failNext('chat.postMessage', { status: 500, afterApplying: false, channel: channels.support });
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    await slack.waitFor(() => slack.callsTo('conversations.history').length > 0, 5000, 'the retry to read #support back');
    await harness.settle();

    // The retry read the conversation, found Ken's messages, and posted the card anyway.
    const cards = slack.messagesIn(channels.support, null).filter((message) => message.user === slack.botUserId);
    expect(cards).toHaveLength(1);
    expect(visibleText(cards[0] as never)).toContain('#1001 Entire mobile online banking is down');
    const ticket = await scenes.ticket(1001);
    expect(ticket.cardTs).toBe(cards[0]?.ts);
    expect(forged.map((message) => message.ts)).not.toContain(ticket.cardTs);
    expect(await helpdesk.db.manager.findOneByOrFail(OutboxMessageEntity, { kind: 'post_ticket_card' })).toMatchObject({ attempts: 2, sentAt: expect.any(Date) });
    // The real card is the one that changes.
    await scenes.click(john, await scenes.card(1001), 'Assign to me');
    expect(cards[0]?.edits).toBe(1);
    expect(forged.every((message) => message.edits === 0)).toBe(true);
  });

  it("posts a thread line after a Slack 500 though Ken forged replies for it in the card's thread", async () => {
    const { slack } = harness;
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    const card = await scenes.card(1001);
    const next = (await harness.helpdesk.db.manager.find(OutboxMessageEntity, { order: { id: 'DESC' }, take: 1 }))[0]?.id ?? 0;
    for (let id = next + 1; id <= next + 10; id += 1) slack.postAsUser(channels.support, ken, 'assigned this to themselves.', card.ts, forgedMetadata(id));
    slack.failNext('chat.postMessage', { status: 500 });
    await scenes.click(john, card, 'Assign to me');
    await slack.waitFor(() => slack.callsTo('conversations.replies').length > 0, 5000, 'the retry to read the thread back');
    await harness.settle();
    const fromTheApp = slack
      .messagesIn(channels.support, card.ts)
      .filter((message) => message.user === slack.botUserId)
      .map((message) => message.text);
    expect(fromTheApp).toEqual([`<@${john}> assigned this to themselves.`]);
  });

  it("still recognises its own post when Slack took it but the answer was lost, among Ken's forgeries", async () => {
    const { slack } = harness;
    Array.from({ length: 5 }, (_, index) => slack.postAsUser(channels.support, ken, 'forged', null, forgedMetadata(index + 1)));
    slack.failNext('chat.postMessage', { status: 500, afterApplying: true, channel: channels.support });
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    await slack.waitFor(() => slack.callsTo('conversations.history').length > 0, 5000, 'the retry to read #support back');
    await harness.settle();
    const cards = slack.messagesIn(channels.support, null).filter((message) => message.user === slack.botUserId);
    expect(cards).toHaveLength(1);
    expect((await scenes.ticket(1001)).cardTs).toBe(cards[0]?.ts);
  });
  it('never takes a message another app or a workflow posted with forged metadata, even one claiming the app’s bot user', async () => {
    const { slack } = harness;
    const forged = Array.from({ length: 6 }, (_, index) =>
      index % 2 === 0
        ? // Another app whose message claims the help desk's bot user: only its bot id is its own.
          slack.postAsBot(channels.support, 'B0MONITOR', { text: 'forged card', user: slack.botUserId, appId: 'A0MONITOR', metadata: forgedMetadata(index + 1) })
        : // A workflow Ken built: its bot posts on his behalf.
          slack.postAsBot(channels.support, 'B0WORKFLOW', { text: 'forged card', user: ken, metadata: forgedMetadata(index + 1) }),
    );
    slack.failNext('chat.postMessage', { status: 500 });
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    await slack.waitFor(() => slack.callsTo('conversations.history').length > 0, 5000, 'the retry to read #support back');
    await harness.settle();
    const ticket = await scenes.ticket(1001);
    expect(forged.map((message) => message.ts)).not.toContain(ticket.cardTs);
    const card = slack.messagesIn(channels.support, null).find((message) => message.ts === ticket.cardTs);
    expect(card?.botId).toBeUndefined();
    expect(visibleText(card as never)).toContain('#1001 Entire mobile online banking is down');
  });

  it("sends John's reply to Karen after a Slack 500 though Karen forged replies for it in her own DM thread", async () => {
    const { slack } = harness;
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    const ticket = await scenes.ticket(1001);
    const next = (await harness.helpdesk.db.manager.find(OutboxMessageEntity, { order: { id: 'DESC' }, take: 1 }))[0]?.id ?? 0;
    for (let id = next + 1; id <= next + 10; id += 1) slack.postAsUser(ticket.requesterDmChannelId ?? '', karen, 'We are on it (forged)', ticket.requesterDmTs, forgedMetadata(id));
    slack.failNext('chat.postMessage', { status: 500, channel: ticket.requesterDmChannelId ?? '' });
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'We are on it. Does the website work for you?' });
    await slack.waitFor(() => slack.callsTo('conversations.replies').some((call) => call.args.channel === ticket.requesterDmChannelId), 5000, "the retry to read Karen's thread back");
    await harness.settle();
    const fromTheApp = (await scenes.requesterThread(1001)).filter((message) => message.user === slack.botUserId && message.text.includes('Does the website work'));
    expect(fromTheApp).toHaveLength(1);
  });

  it('finds its own post on a later page of the read-back, behind more forgeries than one page holds', async () => {
    const { slack } = harness;
    Array.from({ length: 450 }, (_, index) => slack.postAsUser(channels.support, ken, 'forged', null, forgedMetadata((index % 5) + 1)));
    slack.failNext('chat.postMessage', { status: 500, afterApplying: true, channel: channels.support });
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    await slack.waitFor(() => slack.callsTo('conversations.history').length > 0, 5000, 'the retry to read #support back');
    await harness.settle();
    expect(slack.callsTo('conversations.history').length).toBeGreaterThan(2);
    const cards = slack.messagesIn(channels.support, null).filter((message) => message.user === slack.botUserId && !message.botId);
    expect(cards).toHaveLength(1);
    expect((await scenes.ticket(1001)).cardTs).toBe(cards[0]?.ts);
  });
});
