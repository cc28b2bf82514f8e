import { IncomingMessage, ServerResponse } from 'node:http';
import { isJsonObject, Json, jsonText, parseJson } from '../json';
import { messageProblems } from './block-kit-rules';
import { FaultInjector, WebApiAnswer } from './fault-injection';
import { send } from './http-server';
import { readLimitedBody } from './request-guard';
import { SlackRateLimiter } from './rate-limits';
import { parseArgs } from './web-api-args';
import { webApiMethods } from './web-api-methods';
import { SocketModeHub } from './socket-mode';
import { SlackWorkspace } from './workspace';

/** Slack's requests are small; a Web API call or response URL body above this is refused with a 413. */
const MAX_API_BODY_BYTES = 4_000_000;

/**
 * What the app calls: Web API methods at `/api/<method>` (token checked, injected failures
 * first) and response URLs at `/response/<token>`. Every call is recorded in the workspace.
 */
export class SlackEndpoints {
  constructor(
    private readonly slack: SlackWorkspace,
    private readonly faults: FaultInjector,
    /** The server's address, for reading request URLs. */
    private readonly baseUrl: () => string,
    private readonly socketMode: SocketModeHub,
  ) {}

  /** Slack's rate limits, when the local Slack enforces them (`LocalSlack.limitRates`); null when it does not. */
  rateLimiter: SlackRateLimiter | null = null;

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/files-pri/')) return this.download(path, request.headers.authorization, response);
    const read = await readLimitedBody(request, MAX_API_BODY_BYTES);
    if (!read.ok) return send(response, read.status, { ok: false, error: read.status === 413 ? 'request_too_large' : 'invalid_post_type' }, { connection: 'close' });
    const raw = read.text;
    const url = new URL(request.url ?? '/', this.baseUrl());
    if (url.pathname.startsWith('/response/')) return this.handleResponseUrl(url.pathname.slice('/response/'.length), raw, response);
    // The upload URL files.getUploadURLExternal gave: Slack's file service takes the bytes, raw or
    // as a multipart form (the Node SDK's filesUploadV2 sends a form), and answers 200 `OK - <length>`.
    if (url.pathname.startsWith('/upload/')) {
      const bytes = await uploadedBytes(read.bytes ?? Buffer.from(raw), request.headers['content-type']);
      const taken = this.slack.files.receiveUpload(url.pathname.slice('/upload/'.length), bytes);
      response.writeHead(taken ? 200 : 404, { 'content-type': 'text/plain' });
      response.end(taken ? `OK - ${bytes.length}` : 'Not Found');
      this.slack.changed();
      return;
    }
    if (!url.pathname.startsWith('/api/')) return send(response, 404, { ok: false, error: 'not_found' });
    const method = url.pathname.slice('/api/'.length);
    const args = parseArgs(raw, request.headers['content-type']);
    if ('refusal' in args) {
      const refusal = { ok: false, error: args.refusal };
      this.slack.calls.push({ at: Date.now(), method, args: {}, response: refusal, status: 200 });
      return send(response, 200, refusal);
    }
    const [status, body, headers] = this.answer(method, args.args, request.headers.authorization);
    this.slack.calls.push({ at: Date.now(), method, args: args.args, response: body, status });
    send(response, status, body, headers);
    this.slack.changed();
  }

  /** A file's `url_private`: only with the bot token in an Authorization header, as Slack serves them. */
  private download(path: string, authorization: string | undefined, response: ServerResponse): void {
    const file = this.slack.files.fileAt(path);
    this.slack.calls.push({ at: Date.now(), method: 'file_download', args: { path }, response: { ok: Boolean(file) }, status: file ? 200 : 404 });
    if (authorization !== `Bearer ${this.slack.botToken}`) return send(response, 403, { ok: false, error: 'not_authed' });
    if (!file) return send(response, 404, { ok: false, error: 'file_not_found' });
    response.writeHead(200, { 'content-type': file.mimetype, 'content-length': String(file.size), 'x-content-type-options': 'nosniff' });
    response.end(file.bytes);
  }

  private handleResponseUrl(token: string, raw: string, response: ServerResponse): void {
    const target = this.slack.responseUrls.get(token);
    if (!target) return send(response, 404, { ok: false, error: 'invalid_response_url' });
    const body = parseJson(raw || '{}');
    if (!isJsonObject(body)) return send(response, 400, { ok: false, error: 'invalid_payload' });
    const problems = messageProblems(body.text, body.blocks);
    if (problems.length) {
      const refusal = this.slack.fail('response_url', 'invalid_blocks', problems);
      this.slack.calls.push({ at: Date.now(), method: 'response_url', args: body, response: refusal, status: 200 });
      send(response, 200, refusal);
      return this.slack.changed();
    }
    // From a click on an ephemeral message, Slack can replace or delete that message (and only that one).
    const original = target.ephemeral ? this.slack.ephemerals.indexOf(target.ephemeral) : -1;
    const answer = { at: Date.now(), channel: target.channel, user: target.user, text: jsonText(body.text), blocks: (body.blocks as Json[]) ?? [], via: 'response_url' as const };
    if (original >= 0 && body.delete_original === true) this.slack.ephemerals.splice(original, 1);
    else if (original >= 0 && body.replace_original === true) this.slack.ephemerals.splice(original, 1, answer);
    else this.slack.ephemerals.push(answer);
    this.slack.calls.push({ at: Date.now(), method: 'response_url', args: body, response: { ok: true }, status: 200 });
    send(response, 200, { ok: true });
    this.slack.changed();
  }

  private answer(method: string, args: Json, authorization: string | undefined): WebApiAnswer {
    const failure = this.faults.take(method, args);
    if (failure) {
      if (failure.afterApplying) webApiMethods[method]?.call(this.slack, args);
      return failure.answer;
    }
    // Asked with the app-level token, which Slack takes only in the Authorization header.
    if (method === 'apps.connections.open') return [200, this.socketMode.open(authorization)];
    const token = authorization?.replace(/^Bearer /, '') ?? (args.token as string | undefined);
    if (!token) return [200, { ok: false, error: 'not_authed' }];
    if (token !== this.slack.botToken) return [200, { ok: false, error: 'invalid_auth' }];
    const handler = webApiMethods[method];
    if (!handler) return [200, { ok: false, error: 'unknown_method' }];
    const limited = this.rateLimiter?.check(method, args);
    if (limited) return limited;
    return [200, handler.call(this.slack, args)];
  }
}

/** The file's bytes in an upload: the body itself, or a multipart form's first part. */
const uploadedBytes = async (body: Buffer, contentType: string | undefined): Promise<Buffer> => {
  if (!contentType?.startsWith('multipart/form-data')) return body;
  const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  const part = [...form.values()][0];
  if (part === undefined) return Buffer.alloc(0);
  return typeof part === 'string' ? Buffer.from(part) : Buffer.from(await part.arrayBuffer());
};
