import { Json } from '../json';
import { WebApiAnswer } from './fault-injection';

/** A limit as Slack applies it: `perMinute` calls a minute, up to `burst` at once. */
export interface SlackLimit {
  readonly perMinute: number;
  readonly burst: number;
}

/**
 * Slack's published Web API limits, as the local Slack enforces them when asked
 * (`LocalSlack.limitRates`). Source: https://docs.slack.dev/apis/web-api/rate-limits and the
 * "Rate limits" fact of each method's reference page.
 *
 * | limit | published | enforced here |
 * | --- | --- | --- |
 * | Tier 1, per method per workspace | 1+ per minute, "a small amount of burst" | 1 a minute, 2 at once |
 * | Tier 2 | 20+ per minute, "occasional bursts" | 20 a minute, 20 at once (a minute's window) |
 * | Tier 3: chat.update, chat.delete, conversations.open/info/history/replies | 50+ per minute, "sporadic bursts" | 50 a minute, 50 at once |
 * | Tier 4: users.info, views.open/update/push/publish, chat.getPermalink (Special) | 100+ per minute, "generous burst" | 100 a minute, 100 at once |
 * | chat.postMessage (Special), per channel | "1 per second", "short bursts >1 allowed" | 1 a second, 3 at once |
 * | chat.postMessage, per workspace | "several hundred messages per minute" | 300 a minute, 100 at once |
 * | views.publish, per user | per user; no figure published | 10 a minute, 3 at once (an assumption) |
 *
 * A refused call answers as Slack does: HTTP 429, `Retry-After` in whole seconds, and
 * `{"ok":false,"error":"ratelimited"}`; it takes no token. Methods not listed are Tier 2.
 */
export const SLACK_TIER_PER_MINUTE = { tier1: 1, tier2: 20, tier3: 50, tier4: 100 } as const;

const tier = (perMinute: number): SlackLimit => ({ perMinute, burst: Math.max(2, perMinute) });

export const SLACK_METHOD_LIMITS: Readonly<Record<string, SlackLimit>> = {
  'chat.update': tier(SLACK_TIER_PER_MINUTE.tier3),
  'chat.delete': tier(SLACK_TIER_PER_MINUTE.tier3),
  'conversations.open': tier(SLACK_TIER_PER_MINUTE.tier3),
  'conversations.info': tier(SLACK_TIER_PER_MINUTE.tier3),
  'conversations.history': tier(SLACK_TIER_PER_MINUTE.tier3),
  'conversations.replies': tier(SLACK_TIER_PER_MINUTE.tier3),
  'users.info': tier(SLACK_TIER_PER_MINUTE.tier4),
  'users.list': tier(SLACK_TIER_PER_MINUTE.tier2),
  'views.open': tier(SLACK_TIER_PER_MINUTE.tier4),
  'views.update': tier(SLACK_TIER_PER_MINUTE.tier4),
  'views.push': tier(SLACK_TIER_PER_MINUTE.tier4),
  'views.publish': tier(SLACK_TIER_PER_MINUTE.tier4),
  'chat.getPermalink': tier(SLACK_TIER_PER_MINUTE.tier4),
  'chat.postMessage': { perMinute: 300, burst: 100 },
  // auth.test is Special and unlimited in practice: the app asks it once at start-up.
  'auth.test': { perMinute: 6000, burst: 6000 },
};

/** Methods limited per target too, and the argument naming the target. */
export const SLACK_TARGET_LIMITS: Readonly<Record<string, { readonly argument: string; readonly limit: SlackLimit }>> = {
  'chat.postMessage': { argument: 'channel', limit: { perMinute: 60, burst: 3 } },
  'views.publish': { argument: 'user_id', limit: { perMinute: 10, burst: 3 } },
};

const OTHER_METHODS = tier(SLACK_TIER_PER_MINUTE.tier2);

/**
 * Slack's rate limiting, for the local Slack: token buckets per method and per method and target,
 * on the real clock (or `now`, for tests).
 */
export class SlackRateLimiter {
  /** When each bucket's next call is due at the average rate, ms. */
  private readonly due = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A 429 answer when `method` called with `args` is over a limit (the call takes no token); null when it may go. */
  check(method: string, args: Json): WebApiAnswer | null {
    const now = this.now();
    const buckets = [{ key: `m:${method}`, limit: SLACK_METHOD_LIMITS[method] ?? OTHER_METHODS }];
    const perTarget = SLACK_TARGET_LIMITS[method];
    const target = perTarget ? args[perTarget.argument] : undefined;
    if (perTarget && typeof target === 'string') buckets.push({ key: `t:${method}:${target}`, limit: perTarget.limit });
    const timing = buckets.map(({ key, limit }) => {
      const interval = 60_000 / limit.perMinute;
      const due = Math.max(this.due.get(key) ?? now, now);
      return { key, interval, due, wait: due - (limit.burst - 1) * interval - now };
    });
    const wait = Math.max(...timing.map((bucket) => bucket.wait));
    if (wait > 0) return [429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) }];
    for (const { key, interval, due } of timing) this.due.set(key, due + interval);
    return null;
  }

  /** Forgets every call so far: full buckets. */
  reset(): void {
    this.due.clear();
  }
}
