import { OutboxMessage } from '../../src/services/outbox-messages';
import { DeliveryAttempt, DeliveryOutcome, OutboxDispatcher } from '../../src/services/outbox-dispatcher';
import { OutboxStore, Settlement } from '../../src/services/ports/outbox-store';
import { OutboxMessageRow } from '../../src/services/ports/records';

const T0 = new Date('2026-11-23T14:00:00Z');

/** A manual clock: time moves only when a test says so. */
class ManualClock {
  private ms = T0.getTime();
  readonly now = () => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

/**
 * An outbox in memory with the rule the database's ready query keeps: a message of a ticket waits
 * while an earlier one of that ticket is pending. `failBatches` makes every settlement of more than
 * one message throw, and `poisoned` every settlement that includes that message.
 */
class MemoryOutbox implements OutboxStore {
  readonly rows: OutboxMessageRow[] = [];
  readonly settled: Settlement[][] = [];
  failBatches = false;
  poisoned: number | null = null;

  add(message: OutboxMessage | Record<string, unknown>, ticketId: number | null, at: Date): number {
    const id = this.rows.length + 1;
    const named = (message as { kind?: unknown }).kind;
    const kind = typeof named === 'string' ? named : 'unknown';
    this.rows.push({ id, ticketId, kind, payload: JSON.stringify(message), createdAt: at, nextAttemptAt: at, attempts: 0, lockedUntil: null, sentAt: null, failedAt: null, lastError: null });
    return id;
  }

  row(id: number): OutboxMessageRow {
    const row = this.rows.find((candidate) => candidate.id === id);
    if (!row) throw new Error(`no message ${id}`);
    return row;
  }

  private pending = (row: OutboxMessageRow) => row.sentAt === null && row.failedAt === null;

  async readyIds(now: Date, limit: number): Promise<number[]> {
    return this.rows
      .filter((row) => this.pending(row) && row.nextAttemptAt <= now && (row.lockedUntil === null || row.lockedUntil <= now))
      .filter((row) => !this.rows.some((earlier) => earlier.ticketId !== null && earlier.ticketId === row.ticketId && earlier.id < row.id && this.pending(earlier)))
      .slice(0, limit)
      .map((row) => row.id);
  }

  async claim(ids: readonly number[], now: Date, lockedUntil: Date): Promise<OutboxMessageRow[]> {
    const claimed = this.rows.filter((row) => ids.includes(row.id) && this.pending(row) && (row.lockedUntil === null || row.lockedUntil <= now));
    for (const row of claimed) Object.assign(row, { lockedUntil, attempts: row.attempts + 1 });
    return claimed.map((row) => ({ ...row }));
  }

  async releaseWaiting(waitingPrefix: string, now: Date): Promise<number> {
    const waiting = this.rows.filter((row) => this.pending(row) && row.nextAttemptAt > now && row.lastError?.startsWith(waitingPrefix));
    for (const row of waiting) row.nextAttemptAt = now;
    return waiting.length;
  }

  async settle(settlements: readonly Settlement[]): Promise<void> {
    if (this.failBatches && settlements.length > 1) throw new Error('deadlock detected');
    if (settlements.some((settlement) => settlement.id === this.poisoned)) throw new Error('value too long for the column');
    this.settled.push([...settlements]);
    for (const settlement of settlements) {
      const row = this.row(settlement.id);
      if (settlement.outcome === 'sent') Object.assign(row, { sentAt: settlement.at, lockedUntil: null, lastError: null });
      if (settlement.outcome === 'retry') {
        Object.assign(row, { nextAttemptAt: settlement.nextAttemptAt, lockedUntil: null, lastError: settlement.error, attempts: settlement.attempts ?? row.attempts });
        if (settlement.notice) this.add(settlement.notice.payload, settlement.notice.ticketId, T0);
      }
      if (settlement.outcome === 'failed') {
        Object.assign(row, { failedAt: settlement.at, lockedUntil: null, lastError: settlement.error });
        if (settlement.notice) this.add(settlement.notice.payload, settlement.notice.ticketId, settlement.at);
      }
    }
  }
}

/** A Slack gateway that answers what each test scripts, per message, and remembers what it was asked to deliver. */
class FakeGateway {
  readonly delivered: { message: OutboxMessage; attempt: DeliveryAttempt }[] = [];
  private readonly scripts = new Map<string, (DeliveryOutcome | Error)[]>();

  script(message: OutboxMessage, ...outcomes: (DeliveryOutcome | Error)[]): void {
    this.scripts.set(JSON.stringify(message), outcomes);
  }

  readonly deliver = async (message: OutboxMessage, attempt: DeliveryAttempt): Promise<DeliveryOutcome> => {
    this.delivered.push({ message, attempt });
    const next = this.scripts.get(JSON.stringify(message))?.shift();
    if (next instanceof Error) throw next;
    return next ?? { status: 'sent' };
  };

  kinds(): string[] {
    return this.delivered.map(({ message }) => `${message.kind}#${message.ticketId}`);
  }
}

const silentLog = () => {
  const lines: { level: string; message: unknown[] }[] = [];
  return { lines, warn: (...message: unknown[]) => lines.push({ level: 'warn', message }), error: (...message: unknown[]) => lines.push({ level: 'error', message }) };
};

const card = (ticketId: number): OutboxMessage => ({ kind: 'post_ticket_card', ticketId });
const redraw = (ticketId: number): OutboxMessage => ({ kind: 'update_ticket_card', ticketId });
const line = (ticketId: number, eventId: number): OutboxMessage => ({ kind: 'thread_line', ticketId, eventId });
const rateLimited = (retryAfterMs?: number): DeliveryOutcome => ({ status: 'retry', error: 'ratelimited', ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });

describe('the outbox dispatcher, with a fake Slack gateway and a manual clock', () => {
  let clock: ManualClock;
  let outbox: MemoryOutbox;
  let gateway: FakeGateway;
  let log: ReturnType<typeof silentLog>;
  let failures: string[];
  const dispatcher = (options: { maxAttempts?: number; maxBackoffMs?: number } = {}) =>
    new OutboxDispatcher(outbox, clock.now, gateway.deliver, log, { ...options, onFailure: (outcome) => failures.push(outcome) });
  const queue = (message: OutboxMessage) => outbox.add(message, message.ticketId, clock.now());

  beforeEach(() => {
    clock = new ManualClock();
    outbox = new MemoryOutbox();
    gateway = new FakeGateway();
    log = silentLog();
    failures = [];
  });

  it('backs off 1 s, 2 s, 4 s after transient errors, never tries early, and sends when Slack recovers', async () => {
    const id = queue(card(7));
    gateway.script(card(7), rateLimited(), rateLimited(), rateLimited());
    const subject = dispatcher();
    for (const wait of [1000, 2000, 4000]) {
      expect(await subject.drain()).toBe(0);
      expect(outbox.row(id).nextAttemptAt.getTime() - clock.now().getTime()).toBe(wait);
      clock.advance(wait - 1);
      expect(await subject.drain()).toBe(0);
      clock.advance(1);
    }
    expect(await subject.drain()).toBe(1);
    expect(gateway.delivered.map(({ attempt }) => attempt.attempt)).toEqual([1, 2, 3, 4]);
    expect(outbox.row(id).sentAt).toEqual(clock.now());
    expect(failures).toEqual(['retry', 'retry', 'retry']);
  });

  it("waits as long as Slack's Retry-After says, and never longer than the backoff cap", async () => {
    const id = queue(card(7));
    gateway.script(card(7), rateLimited(30_000), rateLimited(), rateLimited(), rateLimited());
    const subject = dispatcher({ maxBackoffMs: 1500 });
    await subject.drain();
    expect(outbox.row(id).nextAttemptAt.getTime() - clock.now().getTime()).toBe(30_000);
    clock.advance(30_000);
    await subject.drain();
    expect(outbox.row(id).nextAttemptAt.getTime() - clock.now().getTime()).toBe(1500);
  });

  it('counts a gateway that throws as a transient error', async () => {
    const id = queue(card(7));
    gateway.script(card(7), new Error('socket hang up'));
    await dispatcher().drain();
    expect(outbox.row(id)).toMatchObject({ sentAt: null, failedAt: null, lastError: 'socket hang up' });
  });

  it("gives up after the last attempt and tells Karen's ticket's department, once", async () => {
    const id = queue(card(7));
    gateway.script(card(7), rateLimited(), rateLimited(), rateLimited());
    const subject = dispatcher({ maxAttempts: 3 });
    for (let pass = 0; pass < 3; pass += 1) {
      await subject.drain();
      clock.advance(60_000);
    }
    expect(outbox.row(id).failedAt).not.toBeNull();
    expect(outbox.row(id).lastError).toBe('gave up after 3 attempts: ratelimited');
    const notices = outbox.rows.filter((row) => row.kind === 'delivery_failed');
    expect(notices.map((row): unknown => JSON.parse(row.payload))).toEqual([{ kind: 'delivery_failed', ticketId: 7, failedKind: 'post_ticket_card', error: 'gave up after 3 attempts: ratelimited' }]);
    expect(log.lines.filter((entry) => entry.level === 'error').map((entry) => entry.message[0])).toEqual(['outbox message given up']);
  });

  it('gives up a permanent error at once, and the ticket’s next message goes out on the next pass', async () => {
    const refused = queue(redraw(7));
    const next = queue(line(7, 1));
    gateway.script(redraw(7), { status: 'failed', error: 'invalid_blocks' });
    const subject = dispatcher();
    await subject.drain();
    expect(outbox.row(refused)).toMatchObject({ lastError: 'invalid_blocks', attempts: 1 });
    expect(outbox.row(refused).failedAt).toEqual(clock.now());
    await subject.drain();
    expect(outbox.row(next).sentAt).not.toBeNull();
    expect(failures).toEqual(['failed']);
  });

  it('does not report a failed failure notice, so a department channel that refuses everything cannot loop', async () => {
    const id = outbox.add({ kind: 'delivery_failed', ticketId: 7, failedKind: 'post_ticket_card', error: 'invalid_blocks' }, 7, clock.now());
    gateway.script({ kind: 'delivery_failed', ticketId: 7, failedKind: 'post_ticket_card', error: 'invalid_blocks' }, { status: 'failed', error: 'is_archived' });
    await dispatcher().drain();
    expect(outbox.row(id).failedAt).not.toBeNull();
    expect(outbox.rows).toHaveLength(1);
  });

  it('gives up a message it cannot read without calling Slack', async () => {
    const id = outbox.add({ kind: 'no_such_kind', ticketId: 7 }, 7, clock.now());
    await dispatcher().drain();
    expect(outbox.row(id).lastError).toMatch(/^unreadable outbox message/);
    // Slack hears only of the department's notice about it.
    expect(gateway.delivered.map(({ message }) => message.kind)).toEqual(['delivery_failed']);
  });

  it('hands the store what the gateway learned, with the sent mark', async () => {
    const id = queue(card(7));
    gateway.script(card(7), { status: 'sent', learned: { fact: 'card_posted', ticketId: 7, channelId: 'C0SUPPORT', ts: '1700000000.000100' } });
    await dispatcher().drain();
    expect(outbox.settled).toEqual([[{ outcome: 'sent', id, at: clock.now(), learned: { fact: 'card_posted', ticketId: 7, channelId: 'C0SUPPORT', ts: '1700000000.000100' } }]]);
  });

  it('records one by one when recording the batch fails, so one bad record holds back no other', async () => {
    const ids = [7, 8, 9].map((ticketId) => queue(card(ticketId)));
    outbox.failBatches = true;
    outbox.poisoned = ids[1] ?? null;
    await dispatcher().drain();
    expect(ids.map((id) => outbox.row(id).sentAt !== null)).toEqual([true, false, true]);
    expect(log.lines.map((entry) => `${entry.level}: ${String(entry.message[0])}`)).toEqual([
      'warn: recording a batch of deliveries failed; recording them one by one',
      'error: recording a delivery failed; it will be retried when its lease expires',
    ]);
    // The unrecorded one stays leased, then goes again once its lease runs out.
    expect(await dispatcher().drain()).toBe(0);
    clock.advance(15_000);
    outbox.poisoned = null;
    expect(await dispatcher().drain()).toBe(1);
  });

  it("keeps a ticket's messages in order behind one that backs off, while other tickets pass", async () => {
    queue(card(7));
    queue(line(7, 1));
    queue(line(7, 2));
    queue(card(8));
    gateway.script(card(7), rateLimited());
    const subject = dispatcher();
    await subject.drain();
    expect(gateway.kinds()).toEqual(['post_ticket_card#7', 'post_ticket_card#8']);
    clock.advance(1000);
    await subject.drain();
    expect(gateway.kinds()).toEqual(['post_ticket_card#7', 'post_ticket_card#8', 'post_ticket_card#7', 'thread_line#7', 'thread_line#7']);
    expect(gateway.delivered.slice(3).map(({ message }) => (message.kind === 'thread_line' ? message.eventId : null))).toEqual([1, 2]);
  });

  it('lets a card wait for a channel that refuses the app, tells the department once, and sends it as soon as the channel works', async () => {
    const id = queue(card(7));
    const refused: DeliveryOutcome = { status: 'blocked', error: 'not_in_channel', channelId: 'C0SUPPORT' };
    gateway.script(card(7), refused, refused);
    const subject = new OutboxDispatcher(outbox, clock.now, gateway.deliver, log, { blockedRetryMs: 300_000, onFailure: (outcome) => failures.push(outcome) });
    await subject.drain();
    expect(outbox.row(id)).toMatchObject({ attempts: 1, failedAt: null, lastError: 'waiting for channel C0SUPPORT: not_in_channel' });
    expect(outbox.row(id).nextAttemptAt.getTime() - clock.now().getTime()).toBe(300_000);
    clock.advance(300_000);
    await subject.drain();
    expect(outbox.rows.filter((row) => row.kind === 'delivery_failed')).toHaveLength(1);
    expect(outbox.row(id).attempts).toBe(1);
    expect(await subject.channelWorks('C0SUPPORT')).toBe(1);
    await subject.stop();
    await subject.drain();
    expect(outbox.row(id).sentAt).not.toBeNull();
    expect(failures).toEqual(['blocked', 'blocked']);
  });

  it('never sends one message twice when two dispatchers drain the same outbox at once', async () => {
    for (const ticketId of [1, 2, 3, 4, 5, 6]) queue(card(ticketId));
    const [a, b] = [dispatcher(), dispatcher()];
    await Promise.all([a.drain(), b.drain()]);
    expect(gateway.kinds().sort()).toEqual([1, 2, 3, 4, 5, 6].map((ticketId) => `post_ticket_card#${ticketId}`).sort());
  });
});
