/**
 * A limit on calls, as a token bucket: `perMinute` calls a minute on average, up to `burst` at
 * once (a bucket that holds `burst` tokens and refills `perMinute` a minute).
 */
export interface CallLimit {
  readonly perMinute: number;
  readonly burst: number;
}

/**
 * The limits the app paces its Web API calls by, as data (see `slack-pacing-limits.ts` for
 * Slack's published ones). A call takes one token from its method's bucket and, when its method is
 * limited per conversation or person, one from that target's bucket too.
 */
export interface PacingLimits {
  /** Per method and workspace, by method name (`chat.update`). */
  readonly perMethod: Readonly<Record<string, CallLimit>>;
  /** For a method not listed in `perMethod`. */
  readonly otherMethods: CallLimit;
  /** Per method and target: `chat.postMessage` per channel, `views.publish` per user. */
  readonly perTarget: Readonly<Record<string, CallLimit>>;
}

/** One Web API call as pacing sees it: its method, and the channel or user it is about when the method is limited per target. */
export interface PacedCall {
  readonly method: string;
  readonly target?: string;
}

interface Bucket {
  readonly key: string;
  /** Milliseconds between calls at the average rate. */
  readonly interval: number;
  /** How far ahead of the average rate calls may run: (burst - 1) intervals. */
  readonly tolerance: number;
}

/** Past this many remembered buckets or held slots, those that no longer matter are dropped. */
const PRUNE_AT = 10_000;
/** A slot held for a message that never came back (another instance sent it, it was given up) is forgotten after this long. */
const HOLD_TTL_MS = 10 * 60_000;

/**
 * Paces Web API calls with token buckets, one per method and one per method and target, in the
 * virtual-scheduling form (each bucket remembers when its next call is due at the average rate).
 * Pure: time is passed in as milliseconds; nothing here reads a clock or waits.
 *
 * `next` books the earliest slot a call may take, at `now` or later, so callers that must wait are
 * handed slots one after another instead of all trying again at once. A caller that cannot wait
 * for its slot (an outbox message deferred to it) `hold`s it, and gets the same slot back when it
 * returns. A 429 (`rateLimited`) moves the call's bucket past Slack's Retry-After.
 */
export class SlackPacing {
  /** When each bucket's next call is due at the average rate, ms. */
  private readonly due = new Map<string, number>();
  private readonly held = new Map<string, number>();

  constructor(private readonly limits: PacingLimits) {}

  /**
   * The slot of `call` by `holder` (an outbox message id): a slot it held, or a new one booked now.
   * Answers when the call may be made (ms, at least `now`).
   */
  next(call: PacedCall, now: number, holder: number): number {
    const heldKey = this.heldKey(call, holder);
    const held = this.held.get(heldKey);
    if (held !== undefined) {
      this.held.delete(heldKey);
      return Math.max(held, now);
    }
    this.prune(now);
    const { method, target } = this.bucketsOf(call);
    const buckets = target ? [method, target] : [method];
    const at = Math.max(now, ...buckets.map((bucket) => (this.due.get(bucket.key) ?? now) - bucket.tolerance));
    // Charged from now, not from the slot: a bucket that did not hold the call back keeps its
    // credit for the calls booked before the slot comes (the one that did is past `at` already).
    for (const bucket of buckets) this.due.set(bucket.key, Math.max(this.due.get(bucket.key) ?? now, now) + bucket.interval);
    return at;
  }

  /** Keeps the slot `at` that `holder` was given for `call`, for when it comes back (see `next`). */
  hold(call: PacedCall, holder: number, at: number): void {
    this.held.set(this.heldKey(call, holder), at);
  }

  /**
   * Slack answered 429 to `call`, asking for `retryAfterMs`: no call of its bucket before then.
   * The most specific bucket is paused (the target's, when the method is limited per target), as
   * Slack does not say which of its limits was reached.
   */
  rateLimited(call: PacedCall, retryAfterMs: number, now: number): void {
    const { method, target } = this.bucketsOf(call);
    const bucket = target ?? method;
    this.due.set(bucket.key, Math.max(this.due.get(bucket.key) ?? now, now + retryAfterMs + bucket.tolerance));
  }

  private bucketsOf(call: PacedCall): { method: Bucket; target: Bucket | null } {
    const method = bucket(`m:${call.method}`, this.limits.perMethod[call.method] ?? this.limits.otherMethods);
    const perTarget = this.limits.perTarget[call.method];
    return { method, target: perTarget && call.target !== undefined ? bucket(`t:${call.method}:${call.target}`, perTarget) : null };
  }

  private heldKey(call: PacedCall, holder: number): string {
    return `${holder}:${call.method}:${call.target ?? ''}`;
  }

  /** A bucket whose next call was due before `now` is as good as new; a held slot long past was abandoned. */
  private prune(now: number): void {
    if (this.due.size > PRUNE_AT) for (const [key, due] of this.due) if (due <= now) this.due.delete(key);
    if (this.held.size > PRUNE_AT) for (const [key, at] of this.held) if (at < now - HOLD_TTL_MS) this.held.delete(key);
  }
}

const bucket = (key: string, limit: CallLimit): Bucket => {
  const interval = 60_000 / limit.perMinute;
  return { key, interval, tolerance: (Math.max(1, limit.burst) - 1) * interval };
};
