import { Agent as HttpAgent, IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * The `fetch` the Web API client (and Bolt's `respond`) is given: the same POST over node:http
 * with kept-alive connections. Both only POST a string body and read the whole answer, so the
 * global fetch's streams, Request objects and per-call abort signals were overhead: with them,
 * calling Slack cost more CPU than everything else a slash command does. The time-out lives here
 * (the client is given none, so it makes no signal per call): a call whose connection stays
 * silent for `timeoutMs` fails, and the outbox retries it.
 */
export const webApiFetch = (timeoutMs: number): typeof fetch => {
  const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

  return async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') throw new TypeError(`cannot call ${url.protocol} URLs`);
    const body = typeof init.body === 'string' ? init.body : init.body == null ? '' : null;
    // The client sends FormData only for file uploads, which this app does not make.
    if (body === null) throw new TypeError('only string bodies are supported');
    const given = init.headers instanceof Headers ? Object.fromEntries(init.headers.entries()) : (init.headers as Record<string, string> | undefined);
    const headers = { ...given, 'content-length': String(Buffer.byteLength(body)) };
    const send = secure ? httpsRequest : httpRequest;

    const response = await new Promise<{ message: IncomingMessage; data: Buffer }>((resolve, reject) => {
      const call = send(url, { method: init.method ?? 'GET', headers, agent: agents[secure ? 'https:' : 'http:'] }, (message) => {
        const chunks: Buffer[] = [];
        message.on('data', (chunk: Buffer) => chunks.push(chunk));
        message.on('end', () => resolve({ message, data: Buffer.concat(chunks) }));
        message.on('error', reject);
      });
      call.setTimeout(timeoutMs, () => call.destroy(Object.assign(new Error(`Slack did not answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      call.on('error', reject);
      call.end(body);
    });

    return answer(url, response.message, response.data);
  };
};

/**
 * The parts of a Response the Web API client reads (status, headers, body as text or bytes),
 * over the buffered answer; a full Response would wrap the buffer in a stream to read it back.
 */
const answer = (url: URL, message: IncomingMessage, data: Buffer): Response => {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(message.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  const status = message.statusCode ?? 0;
  return {
    url: url.toString(),
    status,
    statusText: message.statusMessage ?? '',
    ok: status >= 200 && status < 300,
    headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null, entries: () => headers.entries(), has: (name: string) => headers.has(name.toLowerCase()) },
    text: async () => data.toString('utf8'),
    json: async () => JSON.parse(data.toString('utf8')) as unknown,
    arrayBuffer: async () => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
  } as unknown as Response;
};
