import { CallLimit, PacingLimits } from './slack-pacing';

/**
 * Slack's published Web API rate-limit tiers, per method per workspace per app, in calls a minute
 * (https://docs.slack.dev/apis/web-api/rate-limits): Tier 1 "1+ per minute", Tier 2 "20+",
 * Tier 3 "50+", Tier 4 "100+". Slack counts per minute window, so a tier allows its minute's worth
 * at once; the app keeps one call in hand.
 */
export const SLACK_TIERS = { tier1: 1, tier2: 20, tier3: 50, tier4: 100 } as const;

const tier = (perMinute: number): CallLimit => ({ perMinute, burst: Math.max(1, perMinute - 1) });

/**
 * The tier of each method the app calls, from each method's reference page ("Rate limits" in its
 * Facts): chat.update, chat.delete, conversations.open/info/history/replies Tier 3; users.info and
 * views.open/update/push/publish Tier 4. chat.postMessage and chat.getPermalink are "Special".
 */
const METHOD_LIMITS: Record<string, CallLimit> = {
  'chat.update': tier(SLACK_TIERS.tier3),
  'chat.delete': tier(SLACK_TIERS.tier3),
  'conversations.open': tier(SLACK_TIERS.tier3),
  'conversations.info': tier(SLACK_TIERS.tier3),
  'conversations.history': tier(SLACK_TIERS.tier3),
  'conversations.replies': tier(SLACK_TIERS.tier3),
  'users.info': tier(SLACK_TIERS.tier4),
  'views.open': tier(SLACK_TIERS.tier4),
  'views.update': tier(SLACK_TIERS.tier4),
  'views.push': tier(SLACK_TIERS.tier4),
  'views.publish': tier(SLACK_TIERS.tier4),
  // Special: "several hundred messages per minute" for the workspace, besides the per-channel limit below.
  'chat.postMessage': { perMinute: 300, burst: 60 },
  // Special, and generous; paced as Tier 4.
  'chat.getPermalink': tier(SLACK_TIERS.tier4),
};

/**
 * The app's pacing by default: the published limits, a little inside them.
 *
 * - `chat.postMessage`: "one message per second per channel", "short bursts >1 allowed" (Slack's
 *   rate-limits page, "Posting messages"): one a second, two at once.
 * - `views.publish`: per person as well as per workspace. Slack publishes no figure per person; the
 *   app keeps to one Home refresh every 6 seconds per person, three at once (see the local Slack's
 *   `rate-limits.ts`), and coalesces the refreshes that wait.
 * - Methods not listed: Tier 2, the tier "most methods" have.
 */
export const SLACK_PACING_LIMITS: PacingLimits = {
  perMethod: METHOD_LIMITS,
  otherMethods: tier(SLACK_TIERS.tier2),
  perTarget: {
    'chat.postMessage': { perMinute: 60, burst: 2 },
    'views.publish': { perMinute: 10, burst: 2 },
  },
};
