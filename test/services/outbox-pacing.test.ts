import { DeliveryAttempt, DeliveryOutcome, OutboxDispatcher } from '../../src/services/outbox-dispatcher';
import { OutboxMessage } from '../../src/services/outbox-messages';
import { OutboxPacing } from '../../src/services/outbox-pacing';
import { OutboxStore, Settlement } from '../../src/services/ports/outbox-store';
import { OutboxMessageRow } from '../../src/services/ports/records';
import { PacingLimits, SlackPacing } from '../../src/services/slack-pacing';

const T0 = Date.parse('2026-11-30T11:00:00Z');
const LIMITS: PacingLimits = {
  perMethod: { 'chat.postMessage': { perMinute: 300, burst: 60 } },
  otherMethods: { perMinute: 20, burst: 19 },
  perTarget: { 'chat.postMessage': { perMinute: 60, burst: 2 } },
};

/** The outbox in memory: ready when due and not leased; one message per ticket (no lanes needed here). */
class MemoryOutbox implements OutboxStore {
  readonly rows: OutboxMessageRow[] = [];
  add(message: OutboxMessage, at: number): number {
    const id = this.rows.length + 1;
    const when = new Date(at);
    this.rows.push({
      id,
      ticketId: message.ticketId,
      kind: message.kind,
      payload: JSON.stringify(message),
      createdAt: when,
      nextAttemptAt: when,
      attempts: 0,
      lockedUntil: null,
      sentAt: null,
      failedAt: null,
      lastError: null,
    });
    return id;
  }
  row(id: number): OutboxMessageRow {
    const row = this.rows[id - 1];
    if (!row) throw new Error(`no message ${id}`);
    return row;
  }
  private pending = (row: OutboxMessageRow) => row.sentAt === null && row.failedAt === null;
  async readyIds(now: Date, limit: number) {
    return this.rows
      .filter((row) => this.pending(row) && row.nextAttemptAt <= now && (row.lockedUntil === null || row.lockedUntil <= now))
      .slice(0, limit)
      .map((row) => row.id);
  }
  async claim(ids: readonly number[], now: Date, lockedUntil: Date) {
    const claimed = this.rows.filter((row) => ids.includes(row.id) && this.pending(row) && (row.lockedUntil === null || row.lockedUntil <= now));
    for (const row of claimed) Object.assign(row, { lockedUntil, attempts: row.attempts + 1 });
    return claimed.map((row) => ({ ...row }));
  }
  async releaseWaiting() {
    return 0;
  }
  async settle(settlements: readonly Settlement[]) {
    for (const settlement of settlements) {
      const row = this.row(settlement.id);
      if (settlement.outcome === 'sent') Object.assign(row, { sentAt: settlement.at, lockedUntil: null });
      if (settlement.outcome === 'retry')
        Object.assign(row, { nextAttemptAt: settlement.nextAttemptAt, lockedUntil: null, lastError: settlement.error, attempts: settlement.attempts ?? row.attempts });
      if (settlement.outcome === 'failed') Object.assign(row, { failedAt: settlement.at, lockedUntil: null, lastError: settlement.error });
    }
  }
}

describe('the dispatcher paces deliveries under Slack rate limits (a hand-driven clock)', () => {
  let now: number;
  let outbox: MemoryOutbox;
  let posts: { ticketId: number; at: number; attempt: number }[];
  let answers: DeliveryOutcome[];
  let subject: OutboxDispatcher;
  const log = { warn: () => undefined, error: () => undefined };
  /** A gateway that posts each message in channel C1, after asking for the post's slot. */
  const deliver = async (message: OutboxMessage, attempt: DeliveryAttempt): Promise<DeliveryOutcome> => {
    await attempt.pace({ method: 'chat.postMessage', target: 'C1' });
    posts.push({ ticketId: message.ticketId ?? 0, at: now, attempt: attempt.attempt });
    return answers.shift() ?? { status: 'sent' };
  };
  const cards = (count: number) => Array.from({ length: count }, (_, index) => outbox.add({ kind: 'post_ticket_card', ticketId: index + 1 }, now));

  beforeEach(() => {
    now = T0;
    outbox = new MemoryOutbox();
    posts = [];
    answers = [];
    // No slot is waited for in place: every later slot defers its message, so nothing here sleeps.
    subject = new OutboxDispatcher(outbox, () => new Date(now), deliver, log, { pacing: new OutboxPacing(new SlackPacing(LIMITS), () => new Date(now), 0) });
  });
  afterEach(async () => {
    await subject.stop();
  });

  it('posts a burst to one channel one a second after the first two, each message deferred to its own slot without losing an attempt', async () => {
    const ids = cards(5);
    expect(await subject.drain()).toBe(2);
    expect(ids.map((id) => outbox.row(id).nextAttemptAt.getTime() - T0)).toEqual([0, 0, 1000, 2000, 3000]);
    expect(ids.slice(2).map((id) => ({ attempts: outbox.row(id).attempts, error: outbox.row(id).lastError?.startsWith('paced until') }))).toEqual(Array(3).fill({ attempts: 0, error: true }));
    for (let second = 1; second <= 3; second++) {
      now = T0 + second * 1000 - 1;
      expect(await subject.drain()).toBe(0);
      now += 1;
      expect(await subject.drain()).toBe(1);
    }
    expect(posts.map(({ ticketId, at }) => [ticketId, at - T0])).toEqual([
      [1, 0],
      [2, 0],
      [3, 1000],
      [4, 2000],
      [5, 3000],
    ]);
    // Each was posted on its first counted attempt: no read-back of a post that never happened.
    expect(posts.every(({ attempt }) => attempt === 1)).toBe(true);
  });

  it("stops posting to a channel for Slack's Retry-After when Slack answers 429 anyway", async () => {
    const [first = 0, second = 0] = cards(2);
    answers.push({ status: 'retry', error: 'ratelimited', retryAfterMs: 30_000 });
    expect(await subject.drain()).toBe(1);
    expect(outbox.row(first).nextAttemptAt.getTime() - T0).toBe(30_000);
    // The second was posted in the same pass, before the 429 was known; a third waits out the Retry-After.
    expect(outbox.row(second).sentAt).not.toBeNull();
    const third = outbox.add({ kind: 'post_ticket_card', ticketId: 3 }, now);
    await subject.drain();
    expect(outbox.row(third).sentAt).toBeNull();
    expect(outbox.row(third).nextAttemptAt.getTime()).toBeGreaterThanOrEqual(T0 + 30_000);
  });

  it('keeps the attempt of a message deferred after it posted a piece, so its retry reads back what it posted', async () => {
    const twoPieces = async (message: OutboxMessage, attempt: DeliveryAttempt): Promise<DeliveryOutcome> => {
      await attempt.pace({ method: 'chat.postMessage', target: 'C1' });
      posts.push({ ticketId: message.ticketId ?? 0, at: now, attempt: attempt.attempt });
      await attempt.pace({ method: 'chat.postMessage', target: 'C1' });
      return { status: 'sent' };
    };
    subject = new OutboxDispatcher(outbox, () => new Date(now), twoPieces, log, { pacing: new OutboxPacing(new SlackPacing(LIMITS), () => new Date(now), 0) });
    cards(2);
    await subject.drain();
    // Ticket 1 posted both pieces; ticket 2 posted its first and was deferred before its second.
    expect(outbox.row(2)).toMatchObject({ attempts: 1, sentAt: null });
    now = outbox.row(2).nextAttemptAt.getTime();
    await subject.drain();
    expect(posts.at(-1)).toEqual({ ticketId: 2, at: now, attempt: 2 });
  });

  it('paces nothing without pacing', async () => {
    subject = new OutboxDispatcher(outbox, () => new Date(now), deliver, log);
    cards(10);
    expect(await subject.drain()).toBe(10);
  });
});
