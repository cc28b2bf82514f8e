import { readFileSync } from 'node:fs';
import { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { z } from 'zod';
import { isValidTimezone } from '../../domain/business-hours';
import type { RunningSandbox } from '../sandbox';
import { projectRoot } from '../project-root';
import { performAct, sandboxActSchema } from './sandbox-acts';
import { APP_MESSAGES, buildScreen } from './sandbox-screen';

const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/sandbox/sandbox.js': { file: 'sandbox.js', type: 'text/javascript; charset=utf-8' },
  '/sandbox/sandbox.css': { file: 'sandbox.css', type: 'text/css; charset=utf-8' },
};

const MAX_BODY_BYTES = 1_000_000;
const HEARTBEAT_MS = 20_000;

const screenQuery = z.object({
  as: z.string().min(1),
  conversation: z.string().default(APP_MESSAGES),
  thread: z.string().regex(/^\d+\.\d+$/).nullable().default(null),
  tz: z.string().refine(isValidTimezone).catch('UTC'),
});

const json = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
};

const readJson = (request: IncomingMessage): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return reject(new Error('the request is too large'));
      chunks.push(chunk);
    });
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
      } catch {
        reject(new Error('the request is not JSON'));
      }
    });
    request.on('error', reject);
  });

/** The page, its screen for a person, live change notices (server-sent events), and what people do. */
export const sandboxRoutes = (sandbox: RunningSandbox): RequestListener => {
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
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write(`event: change\ndata: ${version}\n\n`);
    streams.add(response);
    const heartbeat = setInterval(() => response.write(': still here\n\n'), HEARTBEAT_MS);
    request.on('close', () => {
      clearInterval(heartbeat);
      streams.delete(response);
    });
  };

  const act = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readJson(request).catch((error: Error) => error);
    if (body instanceof Error) return json(response, 400, { ok: false, error: body.message });
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
    const asset = ASSETS[url.pathname];
    if (request.method === 'GET' && asset) {
      response.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-store' });
      return void response.end(readFileSync(join(publicDir, asset.file)));
    }
    if (request.method === 'GET' && url.pathname === '/sandbox/screen') return screen(url, response);
    if (request.method === 'GET' && url.pathname === '/sandbox/events') return events(request, response);
    if (request.method === 'POST' && url.pathname === '/sandbox/act') return void act(request, response);
    json(response, 404, { ok: false, error: 'not_found' });
  };
};
