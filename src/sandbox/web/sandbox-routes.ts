import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { z } from 'zod';
import { isValidTimezone } from '../../domain/business-hours';
import { parseJson } from '../json';
import type { Route } from '../local-slack/local-slack';
import { mediaTypeOf, readLimitedBody } from '../local-slack/request-guard';
import type { RunningSandbox } from '../sandbox';
import { projectRoot } from '../project-root';
import { performAct, sandboxActSchema } from './sandbox-acts';
import { APP_MESSAGES, buildScreen } from './sandbox-screen';

const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/sandbox/sandbox.js': { file: 'sandbox.js', type: 'text/javascript; charset=utf-8' },
  '/sandbox/sandbox-forms.js': { file: 'sandbox-forms.js', type: 'text/javascript; charset=utf-8' },
  '/sandbox/sandbox-input.js': { file: 'sandbox-input.js', type: 'text/javascript; charset=utf-8' },
  '/sandbox/sandbox.css': { file: 'sandbox.css', type: 'text/css; charset=utf-8' },
};

const MAX_BODY_BYTES = 1_000_000;
const HEARTBEAT_MS = 20_000;
/** Live-update streams open at once; a page keeps one. */
const MAX_STREAMS = 32;
/** The header the page sends its token in; a custom header also makes a cross-site request need a CORS preflight, which is never granted. */
export const PAGE_TOKEN_HEADER = 'x-sandbox-token';
const TOKEN_PLACEHOLDER = '{{SANDBOX_TOKEN}}';

/** On every answer: no other site may frame the page, sniff a type or embed a response. */
const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'self'; img-src * data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

const screenQuery = z.object({
  as: z.string().min(1),
  conversation: z.string().default(APP_MESSAGES),
  thread: z
    .string()
    .regex(/^\d+\.\d+$/)
    .nullable()
    .default(null),
  tz: z.string().refine(isValidTimezone).catch('UTC'),
});

const json = (response: ServerResponse, status: number, body: unknown, close = false): void => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...(close ? { connection: 'close' } : {}) });
  response.end(JSON.stringify(body));
};

/**
 * Why a request does not come from the sandbox's own page, or null when it may. The local Slack
 * has already checked Host (one of the sandbox's own names, so no DNS rebinding). A browser marks
 * where a request comes from: `Origin` (on every cross-origin request and every POST) must be the
 * sandbox's own, and `Sec-Fetch-Site` must be same-origin or none (typed in the address bar); the
 * one cross-site request allowed is following a link to the page itself.
 */
const foreignRequest = (request: IncomingMessage, path: string): string | null => {
  const origin = request.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${String(request.headers.host).toLowerCase()}`)
    return 'This request comes from another web site; the sandbox answers only its own page.';
  const site = request.headers['sec-fetch-site'];
  if (site === undefined || site === 'same-origin' || site === 'none') return null;
  const opensThePage = request.method === 'GET' && path === '/' && request.headers['sec-fetch-mode'] === 'navigate' && request.headers['sec-fetch-dest'] === 'document';
  return opensThePage ? null : 'This request comes from another web site; the sandbox answers only its own page.';
};

const sameToken = (given: string | string[] | undefined, expected: Buffer): boolean =>
  typeof given === 'string' && Buffer.byteLength(given) === expected.length && timingSafeEqual(Buffer.from(given), expected);

/**
 * The page, its screen for a person, live change notices (server-sent events), and what people do.
 * `pageToken` is served inside the page only; every act must carry it in {@link PAGE_TOKEN_HEADER}
 * with `Content-Type: application/json`, so a web page elsewhere cannot act (it can neither read
 * the page nor send that header or type without a preflight the sandbox never grants).
 */
export const sandboxRoutes = (sandbox: RunningSandbox, pageToken: string): Route => {
  const expectedToken = Buffer.from(pageToken);
  const publicDir = join(projectRoot(), 'src', 'sandbox', 'web', 'public');
  const streams = new Set<ServerResponse>();
  let version = 0;
  let pending: NodeJS.Timeout | null = null;
  sandbox.slack.onChange(() => {
    pending ??= setTimeout(() => {
      pending = null;
      version += 1;
      for (const stream of streams) stream.write(`event: change\ndata: ${version}\n\n`);
    }, 25);
  });

  const screen = (url: URL, response: ServerResponse) => {
    const query = screenQuery.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) return json(response, 400, { ok: false, error: 'Pick a person from the workspace.' });
    const { conversation, thread, tz } = query.data;
    // An old bookmark may name someone who is not in the workspace: show the first person instead.
    const as = sandbox.slack.hasUser(query.data.as) ? query.data.as : (sandbox.slack.people[0]?.id ?? '');
    json(response, 200, { version, ...buildScreen(sandbox.slack, { viewer: as, conversation, thread, timeZone: tz, now: new Date() }, sandbox.manifest) });
  };

  const events = (request: IncomingMessage, response: ServerResponse) => {
    if (streams.size >= MAX_STREAMS) return json(response, 429, { ok: false, error: 'Too many open sandbox pages; close some tabs.' }, true);
    response.writeHead(200, { 'content-type': 'text/event-stream', ...SECURITY_HEADERS, connection: 'keep-alive' });
    response.write(`event: change\ndata: ${version}\n\n`);
    streams.add(response);
    const heartbeat = setInterval(() => response.write(': still here\n\n'), HEARTBEAT_MS);
    request.on('close', () => {
      clearInterval(heartbeat);
      streams.delete(response);
    });
  };

  /** A file's bytes, for a person who sees a message sharing it (a member of its conversation), as Slack lets them open it; as a download, never shown in the page. */
  const file = (url: URL, response: ServerResponse) => {
    // File ids are letters and digits (F…): nothing to decode, so a malformed escape is just an unknown id.
    const id = url.pathname.slice('/sandbox/file/'.length);
    const as = url.searchParams.get('as') ?? '';
    const stored = sandbox.slack.files.stored.get(id);
    const visible = sandbox.slack.messages.some((message) => message.files?.some((shared) => shared.id === id) && sandbox.slack.channel(message.channel)?.members.has(as));
    if (!stored || !visible) return json(response, 404, { ok: false, error: 'That file is not shared anywhere you can see.' });
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'application/octet-stream',
      'content-length': String(stored.bytes.length),
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(stored.name)}`,
    });
    response.end(stored.bytes);
  };

  const act = async (request: IncomingMessage, response: ServerResponse) => {
    const media = mediaTypeOf(request.headers['content-type']);
    const charset = media?.parameters.get('charset')?.toLowerCase();
    if (media?.type !== 'application/json' || (charset !== undefined && charset !== 'utf-8')) {
      return json(response, 400, { ok: false, error: 'The sandbox takes acts as Content-Type: application/json only.' }, true);
    }
    if (!sameToken(request.headers[PAGE_TOKEN_HEADER], expectedToken)) {
      return json(response, 403, { ok: false, error: "This request does not carry the sandbox page's token: reload the page." }, true);
    }
    const read = await readLimitedBody(request, MAX_BODY_BYTES);
    if (!read.ok) return json(response, read.status, { ok: false, error: read.status === 413 ? 'The request is too large.' : read.error }, true);
    const body = parseJson(read.text);
    if (body === undefined) return json(response, 400, { ok: false, error: 'The request is not JSON.' });
    const parsed = sandboxActSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const error = issue?.path[0] === 'text' ? issue.message : 'That is not something a person can do here.';
      return json(response, 400, { ok: false, error });
    }
    const outcome = await performAct(sandbox, parsed.data).catch((error: Error) => ({ ok: false as const, error: error.message }));
    json(response, outcome.ok ? 200 : 422, outcome);
  };

  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://sandbox.local');
    const foreign = foreignRequest(request, url.pathname);
    if (foreign) return json(response, 403, { ok: false, error: foreign }, true);
    const asset = ASSETS[url.pathname];
    if (request.method === 'GET' && asset) {
      const content = readFileSync(join(publicDir, asset.file), 'utf8');
      response.writeHead(200, { 'content-type': asset.type, ...SECURITY_HEADERS });
      return void response.end(asset.file === 'index.html' ? content.replace(TOKEN_PLACEHOLDER, pageToken) : content);
    }
    if (request.method === 'GET' && url.pathname === '/sandbox/screen') return screen(url, response);
    if (request.method === 'GET' && url.pathname === '/sandbox/events') return events(request, response);
    if (request.method === 'GET' && url.pathname.startsWith('/sandbox/file/')) return file(url, response);
    if (request.method === 'POST' && url.pathname === '/sandbox/act') return act(request, response);
    json(response, 404, { ok: false, error: 'not_found' }, request.method !== 'GET');
  };
};
