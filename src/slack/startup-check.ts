import { ErrorCode, WebClient, WebClientOptions } from '@slack/web-api';
import { networkFailure } from './request-failure';

/** Slack's answers that mean the token itself is wrong, as opposed to Slack being out of reach. */
const TOKEN_REFUSALS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'not_allowed_token_type',
  'ekm_access_denied',
  'team_access_not_granted',
]);

type WebApiFailure = Error & { code?: string; data?: { error?: string }; statusCode?: number };

/**
 * Says what went wrong when the app could not use Slack at start-up, and what to check:
 * Slack's refusal of `credential` (e.g. `SLACK_BOT_TOKEN`) followed by `fix`, an unreachable
 * Slack (its host and the network error), or another answer from Slack.
 */
export const describeSlackFailure = (error: unknown, apiUrl: string, credential: string, fix: string): string => {
  const failure = error as WebApiFailure;
  const host = new URL(apiUrl).host;
  if (failure.code === ErrorCode.PlatformError) {
    const name = failure.data?.error ?? 'unknown_error';
    return TOKEN_REFUSALS.has(name)
      ? `Slack refused ${credential} (${name}). ${fix}`
      : `Slack answered ${name} when the app checked ${credential} at ${host}. See https://docs.slack.dev/reference/methods for what it means.`;
  }
  if (failure.code === ErrorCode.HTTPError) {
    return `Slack at ${host} answered HTTP ${failure.statusCode ?? '?'} when the app checked ${credential}. Slack may be having trouble (https://slack-status.com), or SLACK_API_URL or a proxy points elsewhere.`;
  }
  return `Slack could not be reached at ${host} (${networkFailure(error)}). Check the network, the DNS, any proxy or firewall on the way, and SLACK_API_URL.`;
};

/** Where the Web API lives, as the client sees it. */
export const slackApiUrl = (clientOptions: WebClientOptions): string => clientOptions.slackApiUrl ?? 'https://slack.com/api/';

/**
 * Checks the bot token once, awaited, so a bad token or an unreachable Slack stops the start with
 * a message that says which; answers who the bot is.
 */
export const whoIsTheBot = async (
  token: string,
  clientOptions: WebClientOptions,
): Promise<{ botId: string | undefined; botUserId: string | undefined; appId: string | undefined; name: string | undefined; teamUrl: string | undefined }> => {
  try {
    const identity = await new WebClient(token, clientOptions).auth.test();
    return { botId: identity.bot_id, botUserId: identity.user_id, appId: identity.app_id, name: identity.user, teamUrl: identity.url };
  } catch (error) {
    throw new Error(describeSlackFailure(error, slackApiUrl(clientOptions), 'SLACK_BOT_TOKEN', 'Check the token on the app\'s "OAuth & Permissions" page.'));
  }
};
