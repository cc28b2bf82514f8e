import { ErrorCode } from '@slack/web-api';
import { DeliveryOutcome } from '../../services/outbox-dispatcher';
import { networkFailure } from '../request-failure';

/** Slack errors that will not go away by trying again. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'user_not_found',
  'cannot_dm_bot',
  'user_disabled',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'no_text',
  'too_many_attachments',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'not_authed',
  'restricted_action',
  'message_not_found',
  'thread_not_found',
  'cant_update_message',
  'edit_window_closed',
]);

type SlackApiError = Error & { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number };

/**
 * Turns a failed Web API call into what the outbox should do next. A `URIError` comes from the
 * client form-encoding a string argument that holds half a character (a lone UTF-16 surrogate)
 * before the request leaves: sending it again fails the same way, so it is permanent. A network
 * failure is retried under its code (`ETIMEDOUT` when the 10 s time-out fired, `ECONNREFUSED`, …).
 */
export const classifySlackError = (error: unknown): DeliveryOutcome => {
  if ((error as Error | undefined)?.name === 'URIError') return { status: 'failed', error: `unencodable_text (${(error as Error).message})` };
  const failure = error as SlackApiError;
  switch (failure.code) {
    case ErrorCode.RateLimitedError:
      return { status: 'retry', error: 'ratelimited', retryAfterMs: (failure.retryAfter ?? 1) * 1000 };
    case ErrorCode.PlatformError: {
      const name = failure.data?.error ?? 'unknown_error';
      return PERMANENT.has(name) ? { status: 'failed', error: name } : { status: 'retry', error: name };
    }
    case ErrorCode.HTTPError:
      return { status: 'retry', error: `http_${failure.statusCode ?? 'error'}` };
    default:
      return { status: 'retry', error: networkFailure(error) };
  }
};

/** The Slack error name of a failed call, for messages to users and logs. */
export const slackErrorName = (error: unknown): string =>
  (error as SlackApiError).data?.error ?? (error as SlackApiError).code ?? 'unknown_error';
