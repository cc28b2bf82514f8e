import { createServer, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { LogLevel, WebClient } from '@slack/web-api';
import { CHANNEL_PROBLEMS, classifySlackError, PERMANENT_SLACK_ERRORS, TRANSIENT_SLACK_ERRORS } from '../../src/slack/delivery/classify-slack-error';
import { assertSendable } from '../../src/slack/delivery/sendable';

/** Every failure is produced by the real Web API client, talking to a server that answers as Slack would. */
describe('which Slack failures are permanent', () => {
  let server: Server;
  let answer: (response: ServerResponse) => void;
  let client: WebClient;

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => answer(response));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new WebClient('xoxb-test', { slackApiUrl: `http://127.0.0.1:${port}/api/`, timeout: 2000, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const slackAnswers = async (error: string) => {
    answer = (response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: false, error }));
    };
    return classifySlackError(await client.chat.postMessage({ channel: 'C0SUPPORT', text: 'Entire mobile online banking is down' }).catch((caught: unknown) => caught));
  };

  const httpStatus = async (status: number) => {
    answer = (response) => {
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end('no');
    };
    return classifySlackError(await client.chat.update({ channel: 'C0SUPPORT', ts: '1.000100', text: 'x' }).catch((caught: unknown) => caught));
  };

  it.each([...PERMANENT_SLACK_ERRORS])('gives up at once when Slack answers %s', async (name) => {
    expect(await slackAnswers(name)).toEqual({ status: 'failed', error: name });
  });

  it.each([...TRANSIENT_SLACK_ERRORS])('tries again later when Slack answers %s', async (name) => {
    expect(await slackAnswers(name)).toMatchObject({ status: 'retry', error: name });
  });

  /**
   * The errors Slack's method reference lists for the methods the outbox calls (chat.postMessage,
   * chat.update, conversations.open, conversations.history and conversations.replies), the common
   * ones included. Each must be classified on purpose: a permanent answer left out would hold its
   * lane for an hour and a half of retries.
   */
  const DOCUMENTED = `
access_denied accesslimited account_inactive as_user_not_supported attachment_payload_limit_exceeded block_mismatch
cannot_reply_to_message cant_update_message channel_not_found channel_type_not_supported deprecated_endpoint
duplicate_channel_not_found duplicate_message_not_found edit_window_closed ekm_access_denied enterprise_is_restricted
external_channel_migrating fatal_error internal_error invalid_arg_name invalid_arguments invalid_array_arg
invalid_attachments invalid_auth invalid_blocks invalid_blocks_format invalid_charset invalid_cursor
invalid_form_data invalid_limit invalid_metadata_format invalid_metadata_schema invalid_post_type invalid_ts_latest
invalid_ts_oldest is_archived is_bot is_inactive markdown_text_conflict message_limit_exceeded message_not_found
message_not_owned_by_app messages_tab_disabled messaging_processing_failed metadata_must_be_sent_from_app
metadata_too_large method_deprecated method_not_supported_for_channel_type missing_post_type missing_scope
msg_blocks_too_long msg_too_long no_dual_broadcast_content_update no_permission no_text not_allowed_token_type
not_authed not_enough_users not_in_channel org_login_required rate_limited ratelimited request_timeout
restricted_action restricted_action_non_threadable_channel restricted_action_read_only_channel
restricted_action_thread_locked restricted_action_thread_only_channel service_unavailable
slack_connect_canvas_sharing_blocked slack_connect_file_link_sharing_blocked slack_connect_lists_sharing_blocked
team_access_not_granted team_added_to_org team_not_found thread_not_found token_expired token_revoked
too_many_attachments too_many_contact_cards too_many_users two_factor_setup_required user_disabled user_not_found
user_not_visible users_list_not_supplied
  `
    .split(/\s+/)
    .filter(Boolean);

  it('classifies on purpose every error Slack documents for the methods the outbox calls', () => {
    const classified = new Set<string>([...PERMANENT_SLACK_ERRORS, ...TRANSIENT_SLACK_ERRORS]);
    expect(DOCUMENTED.filter((name) => !classified.has(name))).toEqual([]);
  });

  it.each(['restricted_action_thread_locked', 'cannot_reply_to_message', 'message_not_owned_by_app', 'block_mismatch', 'no_dual_broadcast_content_update', 'is_bot'])(
    'gives up at once on %s, a refusal missing from the first lists',
    async (name) => {
      expect(await slackAnswers(name)).toEqual({ status: 'failed', error: name });
    },
  );

  it('tries again later on an error name Slack may add one day', async () => {
    expect(await slackAnswers('some_new_error')).toEqual({ status: 'retry', error: 'some_new_error' });
  });

  it('counts the channel problems a card waits out among the permanent answers', () => {
    expect(CHANNEL_PROBLEMS.every((name) => (PERMANENT_SLACK_ERRORS as readonly string[]).includes(name))).toBe(true);
  });

  it('never lists a name as both permanent and transient', () => {
    expect(PERMANENT_SLACK_ERRORS.filter((name) => (TRANSIENT_SLACK_ERRORS as readonly string[]).includes(name))).toEqual([]);
  });

  it.each([500, 502, 503, 504, 408])('tries again later on HTTP %i', async (status) => {
    expect(await httpStatus(status)).toEqual({ status: 'retry', error: `http_${status}` });
  });

  it('gives up at once on HTTP 413: the request is too large and stays so', async () => {
    expect(await httpStatus(413)).toEqual({ status: 'failed', error: 'http_413' });
  });

  it('waits out a rate limit for as long as Slack asks', async () => {
    answer = (response) => {
      response.writeHead(429, { 'retry-after': '3' });
      response.end();
    };
    expect(classifySlackError(await client.chat.postMessage({ channel: 'C0SUPPORT', text: 'hi' }).catch((caught: unknown) => caught))).toEqual({
      status: 'retry',
      error: 'ratelimited',
      retryAfterMs: 3000,
    });
  });

  it('gives up at once on text that cannot be encoded (a lone surrogate), before anything is sent', () => {
    const cut = `${'a'.repeat(2864)}\ud83d`;
    const error = (() => {
      try {
        assertSendable('chat.postMessage', { channel: 'C0SUPPORT', text: cut });
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(classifySlackError(error)).toMatchObject({ status: 'failed', error: expect.stringContaining('not sent') });
    expect(() => assertSendable('chat.postMessage', { text: 'Entire mobile online banking is down 📧 👩‍💻 🇬🇧' })).not.toThrow();
    // What the client itself throws while encoding such text, outside the check.
    expect(classifySlackError(Object.assign(new URIError('URI malformed'), { code: 'ERR_INVALID_URI' }))).toMatchObject({ status: 'failed' });
  });

  it("gives up at once on Node's invalid-argument errors", () => {
    const invalid = Object.assign(new TypeError('The "chunk" argument must be of type string'), { code: 'ERR_INVALID_ARG_TYPE' });
    expect(classifySlackError(invalid)).toMatchObject({ status: 'failed' });
  });

  it('tries again later on a network failure or a failure of our own that is not about the request (a database read)', async () => {
    const refused = new WebClient('xoxb-test', { slackApiUrl: 'http://127.0.0.1:9/api/', timeout: 300, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
    expect(classifySlackError(await refused.chat.postMessage({ channel: 'C0SUPPORT', text: 'hi' }).catch((caught: unknown) => caught))).toMatchObject({ status: 'retry' });
    expect(classifySlackError(new Error('SQLITE_BUSY: database is locked'))).toMatchObject({ status: 'retry' });
  });
});
