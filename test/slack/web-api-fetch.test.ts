import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { ErrorCode, LogLevel, WebClient } from '@slack/web-api';
import { classifySlackError } from '../../src/slack/delivery/classify-slack-error';
import { webApiFetch } from '../../src/slack/web-api-fetch';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

describe('the Web API client over webApiFetch', () => {
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
    client = new WebClient('xoxb-test', { slackApiUrl: `http://127.0.0.1:${port}/api/`, fetch: webApiFetch(300), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR });
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

  it('gives up on a call Slack does not answer within the time-out, to be retried', async () => {
    handler = () => undefined;
    const started = Date.now();
    const error = await client.chat.postMessage({ channel: 'C0SUPPORT', text: 'hi' }).catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(error).toMatchObject({ code: ErrorCode.RequestError });
    expect(classifySlackError(error)).toMatchObject({ status: 'retry', error: expect.stringContaining('did not answer within 300 ms') });
  });

  it('reports a connection refused as a request error, to be retried', async () => {
    const refused = new WebClient('xoxb-test', { slackApiUrl: 'http://127.0.0.1:9/api/', fetch: webApiFetch(300), retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
    const error = await refused.chat.postMessage({ channel: 'C0SUPPORT', text: 'hi' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ErrorCode.RequestError });
    expect(classifySlackError(error)).toMatchObject({ status: 'retry' });
  });
});
