import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { ErrorCode, LogLevel, WebClient } from '@slack/web-api';
import { classifySlackError } from '../../src/slack/delivery/classify-slack-error';
import { fetchWithTimeout } from '../../src/slack/fetch-with-timeout';
import { networkFailure } from '../../src/slack/request-failure';

const run = promisify(execFile);

const ROOT = resolve(__dirname, '..', '..');
const BUILT = (path: string) => resolve(ROOT, 'dist', 'src', 'slack', path);

/** What one chat.postMessage through the app's client settings came to, in a node process of its own. */
type Probe = { elapsedMs: number; name?: string; code?: string; outcome?: unknown; description?: string };

const PROBE = `
const { WebClient, LogLevel } = require('@slack/web-api');
const { classifySlackError } = require(process.env.CLASSIFY);
const { describeSlackFailure } = require(process.env.STARTUP_CHECK);
const apiUrl = process.argv[1];
const text = JSON.parse(process.argv[2]);
const timeout = Number(process.argv[3]);
const client = new WebClient('xoxb-test', { slackApiUrl: apiUrl, timeout, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR });
const started = Date.now();
client.chat.postMessage({ channel: 'C0SUPPORT', text }).then(
  () => console.log(JSON.stringify({ elapsedMs: Date.now() - started })),
  (error) => console.log(JSON.stringify({ elapsedMs: Date.now() - started, name: error.name, code: error.code, outcome: classifySlackError(error), description: describeSlackFailure(error, apiUrl, 'SLACK_BOT_TOKEN', '') })),
);
`;

/**
 * Posts `text` to `apiUrl` in a node process of its own, with the client's time-out of `timeoutMs`
 * (300 ms by default, so a call Slack never answers is given up quickly).
 */
const probe = async (apiUrl: string, text: string, timeoutMs = 300): Promise<Probe> => {
  if (!existsSync(BUILT('startup-check.js'))) throw new Error('dist/ is missing: run `npm test` (it builds first) or `npm run build`');
  const { stdout } = await run(process.execPath, ['-e', PROBE, apiUrl, JSON.stringify(text), String(timeoutMs)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', CLASSIFY: BUILT('delivery/classify-slack-error.js'), STARTUP_CHECK: BUILT('startup-check.js') },
  });
  return JSON.parse(stdout) as Probe;
};

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

/** The real `@slack/web-api` client, over its own HTTP stack, tuned as the app tunes it (with a shorter time-out). */
describe('the Web API client as the app configures it', () => {
  let server: Server;
  let handler: Handler;
  let client: WebClient;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => handler(request, body, response));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new WebClient('xoxb-test', { slackApiUrl: `http://127.0.0.1:${port}/api/`, timeout: 5000, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts the form Slack expects and reads the answer, scopes included', async () => {
    let seen: { method?: string; url?: string; auth?: string; type?: string; body: string } = { body: '' };
    handler = (request, body, response) => {
      seen = { method: request.method, url: request.url, auth: request.headers.authorization, type: request.headers['content-type'], body };
      response.writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': 'chat:write,im:write' });
      response.end(JSON.stringify({ ok: true, channel: 'C0SUPPORT', ts: '1.000100' }));
    };
    const result = await client.chat.postMessage({ channel: 'C0SUPPORT', text: 'Entire mobile online banking is down & <b>' });
    expect(result).toMatchObject({ ok: true, ts: '1.000100', response_metadata: { scopes: ['chat:write', 'im:write'] } });
    expect(seen).toMatchObject({ method: 'POST', url: '/api/chat.postMessage', auth: 'Bearer xoxb-test', type: 'application/x-www-form-urlencoded' });
    expect(new URLSearchParams(seen.body).get('text')).toBe('Entire mobile online banking is down & <b>');
  });

  it("turns Slack's ok:false into the client's platform error", async () => {
    handler = (_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: false, error: 'channel_not_found' }));
    };
    const error = await client.chat.postMessage({ channel: 'C0NOWHERE', text: 'hi' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ErrorCode.PlatformError, data: { error: 'channel_not_found' } });
    expect(classifySlackError(error)).toEqual({ status: 'failed', error: 'channel_not_found' });
  });

  it('reports a rate limit with its Retry-After', async () => {
    handler = (_request, _body, response) => {
      response.writeHead(429, { 'retry-after': '7' });
      response.end();
    };
    const error = await client.chat.postMessage({ channel: 'C0SUPPORT', text: 'hi' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
    expect(classifySlackError(error)).toEqual({ status: 'retry', error: 'ratelimited', retryAfterMs: 7000 });
  });

  it('reports a server error with its status, to be retried', async () => {
    handler = (_request, _body, response) => {
      response.writeHead(503, { 'content-type': 'text/plain' });
      response.end('upstream down');
    };
    const error = await client.chat.postMessage({ channel: 'C0SUPPORT', text: 'hi' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 503, body: 'upstream down' });
    expect(classifySlackError(error)).toEqual({ status: 'retry', error: 'http_503' });
  });

  // Node's fetch throws errors of the main realm, which jest's sandbox does not recognise as errors
  // (the client would keep only their text): these run the client and the built app's own
  // classification in a plain node process, as the app runs.
  it('gives up on a call Slack does not answer within the time-out, as ETIMEDOUT, to be retried', async () => {
    handler = () => undefined;
    const { port } = server.address() as AddressInfo;
    const seen = await probe(`http://127.0.0.1:${port}/api/`, 'Entire mobile online banking is down');
    expect(seen.elapsedMs).toBeGreaterThanOrEqual(290);
    expect(seen.code).toBe(ErrorCode.RequestError);
    expect(seen.outcome).toEqual({ status: 'retry', error: 'ETIMEDOUT' });
    expect(seen.description).toBe(`Slack could not be reached at 127.0.0.1:${port} (ETIMEDOUT). Check the network, the DNS, any proxy or firewall on the way, and SLACK_API_URL.`);
  });

  it('reports a connection refused as ECONNREFUSED, to be retried', async () => {
    const closed = createServer();
    await new Promise<void>((listening) => closed.listen(0, '127.0.0.1', listening));
    const { port } = closed.address() as AddressInfo;
    await new Promise((done) => closed.close(done));
    // A refusal comes back at once; the long time-out keeps a busy machine, which can hold the
    // probe past 300 ms before it reads the refusal, from turning it into ETIMEDOUT.
    const seen = await probe(`http://127.0.0.1:${port}/api/`, 'Entire mobile online banking is down', 10_000);
    expect(seen.code).toBe(ErrorCode.RequestError);
    expect(seen.outcome).toEqual({ status: 'retry', error: 'ECONNREFUSED' });
    expect(seen.description).toBe(`Slack could not be reached at 127.0.0.1:${port} (ECONNREFUSED). Check the network, the DNS, any proxy or firewall on the way, and SLACK_API_URL.`);
  });

  it('refuses, before anything is sent, a text holding half a character, which is permanent', async () => {
    let requests = 0;
    handler = (_request, _body, response) => {
      requests += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: true }));
    };
    const { port } = server.address() as AddressInfo;
    const seen = await probe(`http://127.0.0.1:${port}/api/`, 'Entire mobile online banking is down \ud83d');
    expect(seen.name).toBe('URIError');
    expect(requests).toBe(0);
    expect(seen.outcome).toEqual({ status: 'failed', error: 'not sent: URI malformed' });
  });

  it("gives Bolt's respond() the same time-out, while leaving the client's own signal alone", async () => {
    handler = () => undefined;
    const { port } = server.address() as AddressInfo;
    const started = Date.now();
    const error = await fetchWithTimeout(300)(`http://127.0.0.1:${port}/response_url`, { method: 'POST', body: '{}' }).catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(networkFailure(error)).toBe('ETIMEDOUT');
    const own = new AbortController();
    const pending = fetchWithTimeout(60_000)(`http://127.0.0.1:${port}/response_url`, { method: 'POST', body: '{}', signal: own.signal }).catch((caught: unknown) => caught);
    own.abort(new Error('called off'));
    expect(await pending).toMatchObject({ message: 'called off' });
  });
});
