import { Clock } from './clock';
import { Deliver, DeliveryBatch, DeliveryOutcome } from './outbox-delivery';
import { OutboxPacing, PacingDeferral, UNPACED } from './outbox-pacing';
import { WAITING_FOR_CHANNEL } from './outbox-lanes';
import { outboxMessageSchema, toOutboxRow } from './outbox-messages';
import { OutboxStore, Settlement } from './ports/outbox-store';
import { OutboxMessageRow } from './ports/records';

export type { Deliver, DeliveryAttempt, DeliveryBatch, DeliveryOutcome } from './outbox-delivery';

/** Where the dispatcher reports messages given up (error) and its own failures (warn). */
export interface DispatcherLog {
  warn(...message: unknown[]): void;
  error(...message: unknown[]): void;
}

/** How the dispatcher claims and retries; every duration in milliseconds (defaults in `DEFAULTS`). */
export interface DispatcherOptions {
  /** How long a claimed message stays leased to this process before another may take it. */
  readonly leaseMs: number;
  /** The most messages claimed in one batch. */
  readonly batchSize: number;
  /** How often the outbox is polled when nothing wakes the dispatcher sooner. */
  readonly pollMs: number;
  /** The longest wait between attempts; the backoff doubles from 1 s up to it. */
  readonly maxBackoffMs: number;
  /** After this many failed attempts a message is given up, so it cannot hold up its ticket's later messages forever. */
  readonly maxAttempts: number;
  /** How long a message refused by its channel waits before it is tried again, unless the channel is seen to work sooner. */
  readonly blockedRetryMs: number;
  /** Told of every delivery that did not go through, for metrics. */
  readonly onFailure?: (outcome: 'retry' | 'failed' | 'blocked') => void;
  /** Paces the deliveries' Web API calls under Slack's rate limits; none when not given. */
  readonly pacing?: OutboxPacing | null;
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/** Deliveries started per turn of the event loop: about a millisecond of work, what an ack may wait behind. */
const STARTS_PER_TURN = 4;

/** Backoff doubles from 1 s to 5 min; 25 attempts span about an hour and a half of Slack being down. The lease outlasts the Web API client's 10 s time-out. */
const DEFAULTS: DispatcherOptions = { leaseMs: 15_000, batchSize: 50, pollMs: 1000, maxBackoffMs: 5 * 60_000, maxAttempts: 25, blockedRetryMs: 5 * 60_000 };

/**
 * Sends what committed changes owe Slack. Each message is claimed with a conditional update
 * before it is sent, so two processes never send the same message; a crash leaves the lease to
 * expire and the message is sent after restart.
 */
export class OutboxDispatcher {
  private readonly options: DispatcherOptions;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  /** Wakes the dispatcher when the earliest message deferred by pacing is due, rather than at the next poll. */
  private wake: { at: number; timer: NodeJS.Timeout } | null = null;
  private stopped = false;

  constructor(
    private readonly store: OutboxStore,
    private readonly clock: Clock,
    private readonly deliver: Deliver,
    private readonly log: DispatcherLog,
    options: Partial<DispatcherOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  start(): void {
    this.stopped = false;
    this.timer ??= setInterval(() => this.kick(), this.options.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Asks for a drain soon; drains requested while one runs are folded into one more pass. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((error) => this.log.error('outbox drain failed', error))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Sends every ready message, pass after pass, until none is ready. */
  async drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const ids = await this.store.readyIds(this.clock(), this.options.batchSize);
      if (ids.length === 0) return sent;
      const now = this.clock();
      const lease = new Date(now.getTime() + this.options.leaseMs);
      const rows = await this.store.claim(ids, now, lease);
      const delivered = await Promise.all(await this.startEach(rows));
      await this.recordAll(delivered);
      const progressed = delivered.filter(({ outcome }) => outcome.status === 'sent').length;
      // A message given up, or set to wait for its channel, may let others go: another pass, at once.
      const settled = delivered.some(({ outcome }) => outcome.status === 'failed' || outcome.status === 'blocked');
      this.wakeForPaced(delivered);
      if (progressed === 0 && !settled) return sent;
      sent += progressed;
    }
  }

  /**
   * Starts a batch's deliveries a few per turn of the event loop: started all together, their
   * reads and rendering ran as one block that held up the acks of requests arriving meanwhile.
   */
  private async startEach(rows: readonly OutboxMessageRow[]): Promise<Promise<{ row: OutboxMessageRow; outcome: DeliveryOutcome }>[]> {
    const started: Promise<{ row: OutboxMessageRow; outcome: DeliveryOutcome }>[] = [];
    const batch: DeliveryBatch = { ticketIds: rows.flatMap((row) => (row.ticketId === null ? [] : [row.ticketId])) };
    for (const row of rows) {
      if (started.length > 0 && started.length % STARTS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
      started.push(this.attempt(row, batch).then((outcome) => ({ row, outcome })));
    }
    return started;
  }

  /** Waits for the running drain, then drains until nothing is ready or `timeoutMs` passes. */
  async flush(timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      // A drain kicked meanwhile may hold leases this one cannot take: wait for it too.
      await this.running;
      const sent = await this.drain();
      if (sent === 0 && !this.running) return;
    }
  }

  /**
   * A channel works again (the app was invited, the channel unarchived): the messages waiting for
   * a channel are made ready now and sent. Answers how many were waiting.
   */
  async channelWorks(channelId: string): Promise<number> {
    const released = await this.store.releaseWaiting(`${WAITING_FOR_CHANNEL}${channelId}`, this.clock());
    if (released > 0) this.kick();
    return released;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopped = true;
    if (this.wake) clearTimeout(this.wake.timer);
    this.wake = null;
    await this.running;
  }

  /**
   * Delivers one claimed message; a retry past the last attempt becomes a failure. A 429 pauses
   * the paced call it answered for Slack's Retry-After. A message deferred by pacing before it
   * posted anything gets its attempt back (so its retry need not read back what it never posted).
   */
  private async attempt(row: OutboxMessageRow, batch: DeliveryBatch): Promise<DeliveryOutcome> {
    const parsed = outboxMessageSchema.safeParse(parseJson(row.payload));
    const paced = this.options.pacing?.delivery(row.id);
    const delivered: DeliveryOutcome = parsed.success
      ? await this.deliver(parsed.data, { outboxId: row.id, attempt: row.attempts, queuedAt: row.createdAt, batch, pace: paced?.pace ?? UNPACED }).catch((error: Error) =>
          error instanceof PacingDeferral ? { status: 'paced' as const, until: error.until } : { status: 'retry' as const, error: error.message },
        )
      : { status: 'failed', error: `unreadable outbox message: ${parsed.error.message}` };
    const lastCall = paced?.lastCall();
    if (delivered.status === 'retry' && delivered.retryAfterMs !== undefined && lastCall) this.options.pacing?.rateLimited(lastCall, delivered.retryAfterMs);
    if (delivered.status === 'paced') return { ...delivered, posted: paced?.posted() ?? true };
    return delivered.status === 'retry' && row.attempts >= this.options.maxAttempts ? { status: 'failed', error: `gave up after ${row.attempts} attempts: ${delivered.error}` } : delivered;
  }

  /** Sets the wake-up for the earliest message a pass deferred to its slot, unless one is set sooner. */
  private wakeForPaced(delivered: readonly { outcome: DeliveryOutcome }[]): void {
    const slots = delivered.flatMap(({ outcome }) => (outcome.status === 'paced' ? [outcome.until.getTime()] : []));
    // Stopped (shutting down, or only flushed): the next process takes the messages at their slot.
    if (slots.length === 0 || this.stopped) return;
    const at = Math.min(...slots);
    if (this.wake && this.wake.at <= at) return;
    if (this.wake) clearTimeout(this.wake.timer);
    const timer = setTimeout(
      () => {
        this.wake = null;
        this.kick();
      },
      Math.max(0, at - this.clock().getTime()),
    );
    timer.unref();
    this.wake = { at, timer };
  }

  /**
   * Records a batch's outcomes together; if that fails, each on its own, so one bad record cannot
   * hold back the others (one that fails again is retried when its lease runs out).
   */
  private async recordAll(delivered: readonly { row: OutboxMessageRow; outcome: DeliveryOutcome }[]): Promise<void> {
    if (delivered.length === 0) return;
    const at = this.clock();
    const settlements = delivered.map(({ row, outcome }) => this.settlementOf(row, outcome, at));
    try {
      await this.store.settle(settlements, at);
    } catch (error) {
      this.log.warn('recording a batch of deliveries failed; recording them one by one', { error: String(error) });
      for (const settlement of settlements) {
        await this.store
          .settle([settlement], at)
          .catch((single: unknown) => this.log.error('recording a delivery failed; it will be retried when its lease expires', { id: settlement.id, error: String(single) }));
      }
    }
    for (const { row, outcome } of delivered) {
      if (outcome.status !== 'sent' && outcome.status !== 'paced') this.options.onFailure?.(outcome.status);
      if (outcome.status === 'blocked')
        this.log.warn('outbox message waits for its channel', { id: row.id, kind: row.kind, ticket: outcome.ticketNumber, channel: outcome.channelId, error: outcome.error });
      if (outcome.status === 'failed') this.log.error('outbox message given up', { id: row.id, kind: row.kind, ticket: outcome.ticketNumber, error: outcome.error });
      if (outcome.status === 'retry') this.log.warn('outbox message will be retried', { id: row.id, kind: row.kind, ticket: outcome.ticketNumber, attempts: row.attempts, error: outcome.error });
    }
  }

  /**
   * What to record of a delivery: sent; or tried again after Slack's Retry-After or a backoff
   * doubling from 1 s to `maxBackoffMs`; or given up, the department told by a `delivery_failed`
   * notice (unless what failed was such a notice: then the error log is all that is left).
   */
  private settlementOf(row: OutboxMessageRow, outcome: DeliveryOutcome, at: Date): Settlement {
    if (outcome.status === 'sent') return { outcome: 'sent', id: row.id, at, ...(outcome.learned ? { learned: outcome.learned } : {}) };
    if (outcome.status === 'failed') {
      const notice = row.ticketId !== null && row.kind !== 'delivery_failed' ? toOutboxRow({ kind: 'delivery_failed', ticketId: row.ticketId, failedKind: row.kind, error: outcome.error }) : null;
      return { outcome: 'failed', id: row.id, at, error: outcome.error, notice };
    }
    if (outcome.status === 'paced') {
      // Deferred before it posted anything: this claim was no attempt.
      const attempts = outcome.posted === false ? Math.max(0, row.attempts - 1) : row.attempts;
      return { outcome: 'retry', id: row.id, nextAttemptAt: outcome.until, error: `paced until ${outcome.until.toISOString()}`, attempts, notice: null };
    }
    if (outcome.status === 'blocked') {
      // A wait for the channel is no failed attempt: once the channel works, the message gets its
      // full count of retries, not one hiccup after hours of waiting. One, not zero: the next
      // attempt still reads back what an earlier one may have posted (PostOnce).
      const waiting = `${WAITING_FOR_CHANNEL}${outcome.channelId}: ${outcome.error}`;
      // Told once per wait, not at every slow retry.
      const notice =
        row.ticketId !== null && !row.lastError?.startsWith(WAITING_FOR_CHANNEL)
          ? toOutboxRow({ kind: 'delivery_failed', ticketId: row.ticketId, failedKind: row.kind, error: outcome.error, channelId: outcome.channelId })
          : null;
      return { outcome: 'retry', id: row.id, nextAttemptAt: new Date(at.getTime() + this.options.blockedRetryMs), error: waiting, attempts: 1, notice };
    }
    const backoff = Math.min(1000 * 2 ** (row.attempts - 1), this.options.maxBackoffMs);
    return { outcome: 'retry', id: row.id, nextAttemptAt: new Date(at.getTime() + (outcome.retryAfterMs ?? backoff)), error: outcome.error };
  }
}
