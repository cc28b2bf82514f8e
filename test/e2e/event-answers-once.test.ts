import { TicketEventEntity } from '../../src/persistence/entities/ticket-event.entity';
import { OutboxMessageEntity } from '../../src/persistence/entities/outbox-message.entity';
import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';

const karen = people.karen.id;
const john = people.john.id;
const HINT = 'To add to a ticket, reply in its thread here. To file a new ticket, use `/ticket`.';

/** Everything people see in Slack, with message timestamps replaced by their order, so two runs compare. */
/**
 * What Slack shows, conversation by conversation, each in the order it was posted: a card and its
 * thread, or a DM and its threads, keep their order (the outbox's lanes), while two conversations
 * are written to at once (the card and the requester's DM go out side by side).
 */
const transcript = (harness: Harness): string[] => {
  const channels = [...new Set(harness.slack.messages.map((message) => message.channel))].sort();
  return [
    ...channels.flatMap((channel) => {
      const posted = harness.slack.messages.filter((message) => message.channel === channel);
      const order = new Map(posted.map((message, index) => [message.ts, index]));
      return posted.map((message) => `${channel} ${message.threadTs === null ? 'top' : `thread of #${order.get(message.threadTs) ?? '?'}`} ${message.user}: ${message.text}`);
    }),
    ...harness.slack.ephemerals.map((message) => `ephemeral to ${message.user}: ${message.text}`),
  ];
};

const withHarness = async <T>(play: (harness: Harness, scenes: Scenes) => Promise<T>): Promise<T> => {
  const harness = await startHarness();
  try {
    return await play(harness, new Scenes(harness));
  } finally {
    await harness.stop();
  }
};

const fileKarensTicket = async (scenes: Scenes) => scenes.fileTicket(karen, 'Report a Problem', 'Entire mobile online banking is down');
const dmTs = async (scenes: Scenes) => (await scenes.ticket(1001)).requesterDmTs;

describe('every answer to a Slack event is sent once', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
    await fileKarensTicket(scenes);
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('answers a top-level DM delivered three times with one hint', async () => {
    const { ts, response } = await harness.requests.writeInDm(karen, 'hello? is the help desk there?', null, {}, 3);
    expect(response.status).toBe(200);
    await harness.settle();
    const answers = harness.slack.messagesIn(harness.slack.dmChannelOf(karen) ?? '', ts);
    expect(answers.map((message) => message.text)).toEqual([HINT]);
  });

  it('answers a message on a resolved ticket, delivered twice and retried, once, and relays nothing', async () => {
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Resolve', { Resolution: 'Restarted the mobile gateway' });
    const threadBefore = scenes.thread(await scenes.card(1001));
    const channel = harness.slack.dmChannelOf(karen) ?? '';
    const message = harness.slack.postAsUser(channel, karen, 'thanks, it works!', await dmTs(scenes));
    const event = { type: 'message', channel, channel_type: 'im', user: karen, text: message.text, ts: message.ts, thread_ts: message.threadTs };
    // Slack delivers the one message twice (two event ids happen when it cannot tell it sent it), and retries the first.
    await harness.requests.deliverEvent(event, 2);
    await harness.requests.deliverEvent(event, 1);
    await harness.settle();
    const answers = (await scenes.requesterThread(1001)).filter((reply) => reply.text.includes('was not passed on'));
    expect(answers).toHaveLength(1);
    expect(answers[0]?.text).toContain('Use *Still broken* or *Reopen* above');
    expect(scenes.thread(await scenes.card(1001))).toEqual(threadBefore);
    expect((await scenes.history(1001)).filter(({ type }) => type === 'refused')).toHaveLength(1);
    expect((await scenes.ticket(1001)).status).toBe('resolved');
  });

  it('answers once when the deliveries of one event arrive at the same moment', async () => {
    const channel = harness.slack.dmChannelOf(karen) ?? '';
    const topLevel = harness.slack.postAsUser(channel, karen, 'hello?', null);
    const inThread = harness.slack.postAsUser(channel, karen, 'It fails on 4G too', await dmTs(scenes));
    const eventOf = (message: typeof topLevel) => ({
      type: 'message',
      channel,
      channel_type: 'im',
      user: karen,
      text: message.text,
      ts: message.ts,
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    });
    const responses = await Promise.all(
      [topLevel, inThread].flatMap((message) =>
        [0, 1, 2].map((retry) => harness.requests.event(eventOf(message), { eventId: `Ev0SAME${message.ts}`, headers: retry ? { 'x-slack-retry-num': String(retry) } : {} })),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200]);
    await harness.settle();
    expect(harness.slack.messagesIn(channel, topLevel.ts).map((message) => message.text)).toEqual([HINT]);
    expect(scenes.thread(await scenes.card(1001))).toEqual([`:envelope: <@${karen}> (requester): It fails on 4G too`]);
  });

  it('relays a ticket-thread message retried by Slack once', async () => {
    await harness.requests.writeInDm(karen, 'It fails on 4G too', await dmTs(scenes), {}, 3);
    await harness.settle();
    expect(scenes.thread(await scenes.card(1001))).toEqual([`:envelope: <@${karen}> (requester): It fails on 4G too`]);
  });

  it('acks a retry of an event already handled without any work: no Slack call, no row written', async () => {
    const channel = harness.slack.dmChannelOf(karen) ?? '';
    const message = harness.slack.postAsUser(channel, karen, 'It fails on 4G too', await dmTs(scenes));
    const event = { type: 'message', channel, channel_type: 'im', user: karen, text: message.text, ts: message.ts, thread_ts: message.threadTs };
    const eventId = 'Ev0RETRY';
    await harness.requests.event(event, { eventId });
    await harness.settle();
    const calls = harness.slack.calls.length;
    const rows = async () => [await harness.helpdesk.db.manager.count(TicketEventEntity), await harness.helpdesk.db.manager.count(OutboxMessageEntity)];
    const before = await rows();
    const retry = await harness.requests.event(event, { eventId, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    await harness.settle();
    expect(retry.status).toBe(200);
    expect(harness.slack.calls.length).toBe(calls);
    expect(await rows()).toEqual(before);
  });
});

/** Every kind of event the app answers, played once with Slack delivering it `deliveries` times. */
const EVENT_KINDS: Record<string, (harness: Harness, scenes: Scenes, deliveries: number) => Promise<void>> = {
  'a top-level DM': async ({ requests }, _scenes, deliveries) => {
    await requests.writeInDm(karen, 'hello?', null, {}, deliveries);
  },
  'a message in a ticket thread': async ({ requests }, scenes, deliveries) => {
    await requests.writeInDm(karen, 'It fails on 4G & on Wi-Fi <3', await dmTs(scenes), {}, deliveries);
  },
  'a file shared in a ticket thread': async ({ requests }, scenes, deliveries) => {
    await requests.writeInDm(karen, 'screenshot', await dmTs(scenes), { subtype: 'file_share', files: [{ id: 'F1', name: 'error-503.png' }] }, deliveries);
  },
  'a message in a DM thread that is no ticket': async (harness, _scenes, deliveries) => {
    const { message } = await harness.requests.writeInDm(karen, 'hello?', null);
    await harness.settle();
    await harness.requests.writeInDm(karen, 'anyone?', message.ts, {}, deliveries);
  },
  'a message on a resolved ticket': async (harness, scenes, deliveries) => {
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Resolve', { Resolution: 'Restarted the mobile gateway' });
    await harness.requests.writeInDm(karen, 'thanks!', await dmTs(scenes), {}, deliveries);
  },
  'an edit of a relayed message': async (harness, scenes, deliveries) => {
    const { message } = await harness.requests.writeInDm(karen, 'error 503', await dmTs(scenes));
    await harness.settle();
    await harness.requests.editInDm(message, 'error 502', deliveries);
  },
  'a deletion of a relayed message': async (harness, scenes, deliveries) => {
    const { message } = await harness.requests.writeInDm(karen, 'my password is hunter2', await dmTs(scenes));
    await harness.settle();
    await harness.requests.deleteInDm(message, deliveries);
  },
  'an edit of a top-level DM': async (harness, _scenes, deliveries) => {
    const { message } = await harness.requests.writeInDm(karen, 'hello?', null);
    await harness.settle();
    await harness.requests.editInDm(message, 'hello, anyone?', deliveries);
  },
};

describe('a redelivered event shows the same in Slack as one delivered once', () => {
  it.each(Object.keys(EVENT_KINDS))('%s', async (kind) => {
    const play = EVENT_KINDS[kind] as (typeof EVENT_KINDS)[string];
    const run = (deliveries: number) =>
      withHarness(async (harness, scenes) => {
        await fileKarensTicket(scenes);
        const filed = transcript(harness);
        await play(harness, scenes, deliveries);
        await harness.settle();
        return { filed, slack: transcript(harness), history: (await scenes.history(1001)).map(({ type, text }) => `${type}: ${text}`) };
      });
    const once = await run(1);
    const thrice = await run(3);
    expect(thrice).toEqual(once);
    // Each kind answers, relays or takes back something, so the comparison is about something.
    expect(once.slack).not.toEqual(once.filed);
  });
});
