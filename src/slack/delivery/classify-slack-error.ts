import { ErrorCode } from '@slack/web-api';
import { DeliveryOutcome } from '../../services/outbox-dispatcher';
import { PacingDeferral } from '../../services/outbox-pacing';
import { networkFailure } from '../request-failure';

/**
 * Slack's answers that will not change by asking again: the request itself is wrong, the
 * conversation or message cannot take it, or the token may not do it. From the error lists of
 * chat.postMessage, chat.update, conversations.open and conversations.history/replies in Slack's
 * method reference. Sending again would get the same answer, so the message is given up at once.
 */
export const PERMANENT_SLACK_ERRORS = [
  // The request: arguments, blocks, text, metadata.
  'invalid_arguments',
  'invalid_arg_name',
  'invalid_array_arg',
  'invalid_charset',
  'invalid_form_data',
  'invalid_post_type',
  'missing_post_type',
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_attachments',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
  'metadata_must_be_sent_from_app',
  'msg_too_long',
  'msg_blocks_too_long',
  'no_text',
  'too_many_attachments',
  'too_many_contact_cards',
  'attachment_payload_limit_exceeded',
  'block_mismatch',
  'markdown_text_conflict',
  'no_dual_broadcast_content_update',
  'duplicate_channel_not_found',
  'duplicate_message_not_found',
  'invalid_limit',
  'as_user_not_supported',
  'invalid_cursor',
  'invalid_ts_latest',
  'invalid_ts_oldest',
  // The conversation: what the app may post in (see CHANNEL_PROBLEMS for waiting on a department channel).
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'restricted_action_thread_locked',
  'cannot_reply_to_message',
  'channel_type_not_supported',
  'method_not_supported_for_channel_type',
  'slack_connect_canvas_sharing_blocked',
  'slack_connect_file_link_sharing_blocked',
  'slack_connect_lists_sharing_blocked',
  'team_not_found',
  'ekm_access_denied',
  'access_denied',
  'no_permission',
  'thread_not_found',
  'message_not_found',
  'cant_update_message',
  'message_not_owned_by_app',
  'edit_window_closed',
  'is_inactive',
  // The person: a DM that cannot be opened.
  'user_not_found',
  'user_not_visible',
  'user_disabled',
  'cannot_dm_bot',
  'is_bot',
  'not_enough_users',
  'users_list_not_supplied',
  'too_many_users',
  'not_supported',
  // A Home tab publish (views.publish): the install does not turn the Home tab on, or the view is too large.
  'not_enabled',
  'view_too_large',
  // The method itself.
  'no_such_method',
  'unknown_method',
  'method_deprecated',
  'deprecated_endpoint',
  'enterprise_is_restricted',
] as const;

/**
 * Slack's answers that say "later": its own trouble, or an answer that may have been lost. Kept
 * transient deliberately, with backoff: `internal_error` and `fatal_error` may even have applied
 * (the read-back of PostOnce then finds the message). Any name in neither list is transient too,
 * and logged with its name, so a new Slack error costs backoff on one lane, never a lost message.
 */
export const TRANSIENT_SLACK_ERRORS = [
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
  'org_login_required',
  'messaging_processing_failed',
  'external_channel_migrating',
  // A free workspace over its message limit, or a network Slack limits for the method: later, it may pass.
  'message_limit_exceeded',
  'accesslimited',
  // The installation, not the message: once an admin fixes the token or its scopes, every waiting
  // message can still go. Giving them up would lose the whole backlog to one revoked token.
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'not_allowed_token_type',
  'team_access_not_granted',
  'two_factor_setup_required',
  // The app's Messages tab is off in its settings: every DM fails until an admin turns it on.
  'messages_tab_disabled',
] as const;

/** A department channel that refuses the app: the card waits for the channel to be fixed instead of being given up. */
export const CHANNEL_PROBLEMS = ['not_in_channel', 'channel_not_found', 'is_archived'] as const;
/** One of `CHANNEL_PROBLEMS`: the channel refuses the app until someone fixes it. */
export type ChannelProblem = (typeof CHANNEL_PROBLEMS)[number];
/** Whether Slack's error name says the channel refuses the app. */
export const isChannelProblem = (name: string): name is ChannelProblem => (CHANNEL_PROBLEMS as readonly string[]).includes(name);

const PERMANENT = new Set<string>(PERMANENT_SLACK_ERRORS);

/** HTTP statuses that mean the request will never be taken: too large. Others (5xx, 408, a proxy's 403) may pass later. */
const PERMANENT_HTTP = new Set([413]);

type SlackApiError = Error & { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number };

/**
 * Errors raised before a request leaves: our own check of the arguments (NotSendableError, see
 * sendable.ts), Node's argument and encoding errors (`ERR_INVALID_URI` for text holding a lone
 * surrogate, `ERR_INVALID_ARG_TYPE`, `ERR_INVALID_CHAR`). The same
 * arguments fail the same way every time. Other errors without a Slack code (a database read
 * that failed while rendering, say) stay transient.
 */
const raisedBeforeSending = (failure: SlackApiError): boolean =>
  failure.code === 'helpdesk_not_sendable' || failure.name === 'URIError' || (typeof failure.code === 'string' && failure.code.startsWith('ERR_INVALID'));

/**
 * Turns a failed Web API call into what the outbox should do next: `failed` (permanent, given up
 * at once), or `retry` (with Slack's Retry-After for a rate limit; a network failure under its
 * code: `ETIMEDOUT` when the 10 s time-out fired, `ECONNREFUSED`, …).
 */
export const classifySlackError = (error: unknown): DeliveryOutcome => {
  if (error instanceof PacingDeferral) return { status: 'paced', until: error.until };
  const failure = (error ?? {}) as SlackApiError;
  switch (failure.code) {
    case ErrorCode.RateLimitedError:
      return { status: 'retry', error: 'ratelimited', retryAfterMs: (failure.retryAfter ?? 1) * 1000 };
    case ErrorCode.PlatformError: {
      const name = failure.data?.error ?? 'unknown_error';
      return PERMANENT.has(name) ? { status: 'failed', error: name } : { status: 'retry', error: name };
    }
    case ErrorCode.HTTPError: {
      const error = `http_${failure.statusCode ?? 'error'}`;
      return PERMANENT_HTTP.has(failure.statusCode ?? 0) ? { status: 'failed', error } : { status: 'retry', error };
    }
    case ErrorCode.RequestError:
      return { status: 'retry', error: networkFailure(error) };
    default:
      if (raisedBeforeSending(failure)) return { status: 'failed', error: `not sent: ${failure.message ?? String(error)}` };
      return { status: 'retry', error: networkFailure(error) };
  }
};

/** The Slack error name of a failed call, for messages to users and logs. */
export const slackErrorName = (error: unknown): string => (error as SlackApiError).data?.error ?? (error as SlackApiError).code ?? 'unknown_error';
