import fc from 'fast-check';
import { parseDatabaseUrl } from '../../src/config/env';
import { createDataSource } from '../../src/persistence/data-source';
import { Database, openDatabase } from '../../src/persistence/database';
import { OutboxMessageEntity } from '../../src/persistence/entities/outbox-message.entity';
import { OutboxRepository } from '../../src/persistence/repositories/outbox.repository';
import { SqlOutboxStore } from '../../src/persistence/outbox-store';
import { DeliveryOutcome, OutboxDispatcher } from '../../src/services/outbox-dispatcher';
import { laneOf } from '../../src/services/outbox-lanes';
import { OutboxMessage, toOutboxRow } from '../../src/services/outbox-messages';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const TICKET = 7;
const card: OutboxMessage = { kind: 'post_ticket_card', ticketId: TICKET };
const redraw: OutboxMessage = { kind: 'update_ticket_card', ticketId: TICKET };
const line = (eventId: number): OutboxMessage => ({ kind: 'thread_line', ticketId: TICKET, eventId });
const confirm: OutboxMessage = { kind: 'confirm_to_requester', ticketId: TICKET };
const reply = (eventId: number): OutboxMessage => ({ kind: 'requester_update', ticketId: TICKET, eventId });
const staffDm = (eventId: number): OutboxMessage => ({ kind: 'staff_dm', ticketId: TICKET, eventId, userId: 'U0JOHN' });

const name = (message: OutboxMessage): string => ('eventId' in message ? `${message.kind}:${message.eventId}` : message.kind);

/**
 * The ordering rule (outbox-lanes.ts) and what the dispatcher does with each outcome, on a real
 * database, with a manual clock: every "later" below is the clock moved, never a sleep.
 */
describe('the outbox dispatcher', () => {
  let testDatabase: TestDatabase;
  let db: Database;
  let now: number;
  /** What the deliveries answer, by message name; each answer is used once, then `sent`. */
  let script: Map<string, DeliveryOutcome[]>;
  let delivered: string[];
  let dispatcher: OutboxDispatcher;
  const log = { warn: () => undefined, error: () => undefined };

  beforeEach(async () => {
    testDatabase = await createTestDatabase();
    db = await openDatabase(createDataSource(parseDatabaseUrl(testDatabase.url)));
    await db.migrate();
    // Messages are queued at this manual wall clock's time, so they are ready at once.
    now = Date.now() + 1000;
    script = new Map();
    delivered = [];
    dispatcher = new OutboxDispatcher(
      new SqlOutboxStore(db),
      () => new Date(now),
      async (message) => {
        delivered.push(name(message));
        return script.get(name(message))?.shift() ?? { status: 'sent' };
      },
      log,
      { blockedRetryMs: 60_000, maxAttempts: 3 },
    );
  });
  afterEach(async () => {
    await dispatcher.stop();
    await db.close();
    await testDatabase.drop();
  });

  const queue = (...messages: OutboxMessage[]) => new OutboxRepository(db.manager).enqueue(messages.map(toOutboxRow), new Date(now));
  const answer = (message: OutboxMessage, ...outcomes: DeliveryOutcome[]) => script.set(name(message), outcomes);
  const rows = () => db.manager.find(OutboxMessageEntity, { order: { id: 'ASC' } });

  it('puts each kind in the lane the rule says', () => {
    expect(['post_ticket_card', 'update_ticket_card', 'retire_ticket_card', 'thread_history', 'thread_line'].map(laneOf)).toEqual(Array(5).fill('card'));
    expect(['confirm_to_requester', 'requester_update', 'settle_requester_prompt'].map(laneOf)).toEqual(Array(3).fill('requester'));
    expect(['staff_dm', 'channel_alert', 'delivery_failed', 'breach_summary'].map(laneOf)).toEqual(Array(4).fill('unordered'));
  });

  it('gives up a redraw Slack refused for good at once, and the ticket goes on in the same drain', async () => {
    await queue(redraw, line(1), reply(1));
    answer(redraw, { status: 'failed', error: 'invalid_blocks' });
    await dispatcher.drain();
    // The reply did not wait for the redraw; the thread line waited only for its outcome; the department was told.
    expect(delivered).toEqual(['update_ticket_card', 'requester_update:1', 'thread_line:1', 'delivery_failed']);
    const [givenUp] = await rows();
    expect(givenUp).toMatchObject({ kind: 'update_ticket_card', attempts: 1, failedAt: expect.any(Date), lastError: 'invalid_blocks' });
  });

  it('holds a redraw that is backing off, and the card lane behind it, only until its backoff; never the requester lane', async () => {
    await queue(redraw, line(1), reply(1));
    answer(redraw, { status: 'retry', error: 'http_500' });
    await dispatcher.drain();
    expect(delivered).toEqual(['update_ticket_card', 'requester_update:1']);

    now += 999;
    await dispatcher.drain();
    expect(delivered).toHaveLength(2);

    now += 1;
    await dispatcher.drain();
    expect(delivered).toEqual(['update_ticket_card', 'requester_update:1', 'update_ticket_card', 'thread_line:1']);
  });

  it("keeps the requester's lane in order: a reply waits for the confirmation it answers in, a staff DM only for the card it links to", async () => {
    await queue(card, confirm, line(1), reply(1), staffDm(1));
    answer(confirm, { status: 'retry', error: 'http_503' });
    await dispatcher.drain();
    expect(delivered).toEqual(['post_ticket_card', 'confirm_to_requester', 'thread_line:1', 'staff_dm:1']);
    now += 1000;
    await dispatcher.drain();
    expect(delivered.slice(4)).toEqual(['confirm_to_requester', 'requester_update:1']);
  });

  it('lets staff DMs wait for a card backing off, but not for a card waiting for its channel to be fixed', async () => {
    await queue(card, staffDm(1));
    answer(card, { status: 'retry', error: 'http_500' }, { status: 'blocked', error: 'not_in_channel', channelId: 'C0SUPPORT' });
    await dispatcher.drain();
    expect(delivered).toEqual(['post_ticket_card']);
    now += 1000;
    await dispatcher.drain();
    expect(delivered).toEqual(['post_ticket_card', 'post_ticket_card', 'staff_dm:1', 'delivery_failed']);
  });

  it('keeps thread lines in the order they happened, each after the card', async () => {
    await queue(card, line(1), line(2), line(3));
    await dispatcher.drain();
    expect(delivered).toEqual(['post_ticket_card', 'thread_line:1', 'thread_line:2', 'thread_line:3']);
  });

  it('gives up a message that keeps failing after maxAttempts, and the lane goes on', async () => {
    await queue(redraw, line(1));
    answer(redraw, ...Array<DeliveryOutcome>(3).fill({ status: 'retry', error: 'internal_error' }));
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await dispatcher.drain();
      now += 10_000;
    }
    expect(delivered).toEqual(['update_ticket_card', 'update_ticket_card', 'update_ticket_card', 'thread_line:1', 'delivery_failed']);
    expect((await rows())[0]).toMatchObject({ failedAt: expect.any(Date), lastError: 'gave up after 3 attempts: internal_error' });
  });

  it('lets a card refused by its channel wait, tells the department once, and sends it with what queued behind it once the channel works', async () => {
    await queue(card, line(1), reply(1));
    const refused: DeliveryOutcome = { status: 'blocked', error: 'not_in_channel', channelId: 'C0SUPPORT' };
    answer(card, refused, refused, refused);
    await dispatcher.drain();
    expect(delivered).toEqual(['post_ticket_card', 'requester_update:1', 'delivery_failed']);
    const notices = (await rows()).filter((row) => row.kind === 'delivery_failed');
    expect(notices.map((row) => JSON.parse(row.payload) as unknown)).toEqual([
      { kind: 'delivery_failed', ticketId: TICKET, failedKind: 'post_ticket_card', error: 'not_in_channel', channelId: 'C0SUPPORT' },
    ]);

    // Its slow retry: still refused, and nobody is told twice.
    now += 60_000;
    await dispatcher.drain();
    expect(delivered.slice(3)).toEqual(['post_ticket_card']);
    expect((await rows()).filter((row) => row.kind === 'delivery_failed')).toHaveLength(1);
    // Never given up, however many slow retries (maxAttempts is 3 here).
    now += 60_000;
    await dispatcher.drain();
    now += 1000;

    // The channel works: no waiting for the slow retry.
    expect(await dispatcher.channelWorks('C0SUPPORT')).toBe(1);
    // channelWorks starts a drain of its own: wait for it.
    await dispatcher.flush(5000);
    expect(delivered.slice(-2)).toEqual(['post_ticket_card', 'thread_line:1']);
    expect((await rows()).find((row) => row.kind === 'post_ticket_card')).toMatchObject({ sentAt: expect.any(Date), failedAt: null });
  });

  it('counts a long wait for the channel as no failed attempt: the first Slack hiccup after the channel works is retried, not given up', async () => {
    await queue(card, line(1));
    const refused: DeliveryOutcome = { status: 'blocked', error: 'not_in_channel', channelId: 'C0SUPPORT' };
    // More slow retries than maxAttempts (3 here): hours of waiting for someone to invite the app.
    answer(card, refused, refused, refused, refused, { status: 'retry', error: 'internal_error' });
    for (let wait = 0; wait < 4; wait += 1) {
      if (wait > 0) now += 60_000;
      await dispatcher.drain();
    }
    expect(delivered.filter((kind) => kind === 'post_ticket_card')).toHaveLength(4);
    now += 1000;
    expect(await dispatcher.channelWorks('C0SUPPORT')).toBe(1);
    await dispatcher.flush(5000);
    // The channel works but Slack answers internal_error once: tried again after its backoff, then sent.
    expect((await rows()).find((row) => row.kind === 'post_ticket_card')).toMatchObject({ sentAt: null, failedAt: null, lastError: 'internal_error' });
    now += 10_000;
    await dispatcher.drain();
    expect((await rows()).find((row) => row.kind === 'post_ticket_card')).toMatchObject({ sentAt: expect.any(Date), failedAt: null });
    expect(delivered.slice(-2)).toEqual(['post_ticket_card', 'thread_line:1']);
  });

  it('releases only the messages waiting for the channel that works', async () => {
    await queue(card);
    answer(card, { status: 'blocked', error: 'is_archived', channelId: 'C0SYSADM' });
    await dispatcher.drain();
    expect(await dispatcher.channelWorks('C0SUPPORT')).toBe(0);
    expect(await dispatcher.channelWorks('C0SYSADM')).toBe(1);
  });

  it('never lets what happens to a ticket’s card lane change when, or whether, its requester hears (property)', async () => {
    const failure = fc.constantFrom<DeliveryOutcome>(
      { status: 'failed', error: 'invalid_blocks' },
      { status: 'retry', error: 'http_500' },
      { status: 'blocked', error: 'not_in_channel', channelId: 'C0SUPPORT' },
    );
    const message = fc.record({
      ticketId: fc.constantFrom(1, 2),
      kind: fc.constantFrom('thread_line', 'requester_update', 'staff_dm'),
      outcomes: fc.array(failure, { maxLength: 2 }),
    });
    /** Delivers `messages` over three drains a few seconds apart; answers, per message index, the order each was delivered in. */
    const play = async (messages: { ticketId: number; kind: string; outcomes: DeliveryOutcome[] }[], cardLaneSucceeds: boolean) => {
      await db.manager.query('DELETE FROM outbox');
      const toMessage = ({ ticketId, kind }: { ticketId: number; kind: string }, eventId: number): OutboxMessage =>
        kind === 'staff_dm' ? { kind: 'staff_dm', ticketId, eventId, userId: 'U0JOHN' } : ({ kind, ticketId, eventId } as OutboxMessage);
      await new OutboxRepository(db.manager).enqueue(
        messages.map((entry, index) => toOutboxRow(toMessage(entry, index))),
        new Date(now),
      );
      const order: number[] = [];
      const attempts = new Map<number, number>();
      const played = new OutboxDispatcher(
        new SqlOutboxStore(db),
        () => new Date(now),
        async (sent) => {
          if (sent.kind === 'delivery_failed' || !('eventId' in sent)) return { status: 'sent' };
          const entry = messages[sent.eventId];
          const attempt = attempts.get(sent.eventId) ?? 0;
          attempts.set(sent.eventId, attempt + 1);
          order.push(sent.eventId);
          if (entry && laneOf(entry.kind) === 'card' && cardLaneSucceeds) return { status: 'sent' };
          return entry?.outcomes[attempt] ?? { status: 'sent' };
        },
        log,
        { blockedRetryMs: 60_000 },
      );
      for (const step of [0, 1500, 5000]) {
        now += step;
        await played.drain();
      }
      return order;
    };
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 10 }), async (messages) => {
        const requesterSide = (order: number[]) => order.filter((index) => laneOf(messages[index]?.kind ?? '') !== 'card');
        const withTrouble = await play(messages, false);
        const without = await play(messages, true);
        expect(requesterSide(withTrouble)).toEqual(requesterSide(without));
        // Within a ticket's lane, a message is first tried only after every earlier one was tried.
        const firstTry = withTrouble.filter((index, position) => withTrouble.indexOf(index) === position);
        for (const [position, index] of firstTry.entries()) {
          const entry = messages[index];
          const earlier = messages
            .slice(0, index)
            .flatMap((other, otherIndex) => (other.ticketId === entry?.ticketId && laneOf(other.kind) === laneOf(entry.kind) && laneOf(entry.kind) !== 'unordered' ? [otherIndex] : []));
          expect(earlier.every((otherIndex) => firstTry.slice(0, position).includes(otherIndex))).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
  });
});
