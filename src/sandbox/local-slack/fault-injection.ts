import { Json } from '../json';

/** How the next calls to one Web API method fail. */
export interface Failure {
  readonly error?: string;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  /** Slack did the work but the answer was lost: a time-out, a dropped connection. */
  readonly afterApplying?: boolean;
  /** Only calls about this conversation fail (`channel`), and with `threadTs`, only replies in that thread. */
  readonly channel?: string;
  readonly threadTs?: string;
}

interface InjectedFailure extends Failure {
  readonly method: string;
  remaining: number;
}

/** An answer of the Web API: HTTP status, body, and extra headers. */
export type WebApiAnswer = [number, Json, Record<string, string>?];

/**
 * Slack's bad days on demand: tests make the next calls to a method fail with a Slack error, an
 * HTTP status or a 429 with Retry-After, optionally after Slack did the work.
 */
export class FaultInjector {
  private readonly failures: InjectedFailure[] = [];

  /** Makes the next `times` calls to `method` fail: with a Slack error, an HTTP status, or a 429. */
  failNext(method: string, failure: Failure, times = 1): void {
    this.failures.push({ method, ...failure, remaining: times });
  }

  /** Slack is healthy again: no more injected failures. */
  clear(): void {
    this.failures.length = 0;
  }

  /**
   * Uses up one injected failure of `method` whose filters match the call's `args`, if any is left: answers how the call fails and
   * whether Slack applies it first; `null` when the call goes through.
   */
  take(method: string, args: Json): { answer: WebApiAnswer; afterApplying: boolean } | null {
    const failure = this.failures.find(
      (candidate) =>
        candidate.method === method &&
        candidate.remaining > 0 &&
        (candidate.channel === undefined || candidate.channel === args.channel) &&
        (candidate.threadTs === undefined || candidate.threadTs === args.thread_ts),
    );
    if (!failure) return null;
    failure.remaining -= 1;
    return { answer: answerOf(failure), afterApplying: failure.afterApplying ?? false };
  }
}

const answerOf = (failure: InjectedFailure): WebApiAnswer => {
  if (failure.retryAfterSeconds !== undefined) {
    return [429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfterSeconds) }];
  }
  if (failure.status) return [failure.status, { ok: false, error: 'internal_error' }];
  return [200, { ok: false, error: failure.error ?? 'internal_error' }];
};
