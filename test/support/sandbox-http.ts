import { Agent, request as httpRequest } from 'node:http';

/** The token the sandbox serves inside its page, read from the page as the browser does. */
export const pageTokenOf = async (url: string): Promise<string> => {
  const page = await (await fetch(`${url}/`)).text();
  const token = /<meta name="sandbox-token" content="([^"]+)">/.exec(page)?.[1];
  if (!token) throw new Error('the sandbox page carries no token');
  return token;
};

export interface SandboxAnswer {
  status: number;
  body: string;
}

export interface SandboxRequest {
  method?: string;
  path: string;
  /** Exactly the headers sent; `host` defaults to `localhost:<port>`. */
  headers?: Record<string, string>;
  body?: string;
}

/** What a request sent after {@link SandboxHttpClient.stop} fails with. */
export const STOPPED_SANDBOX = 'the sandbox was stopped (afterAll ran: did the test run out of time?); this request was not sent';

/**
 * Raw HTTP requests to a sandbox on 127.0.0.1, with exactly the headers given (a browser's fetch
 * would add its own), over keep-alive connections. Once stopped it sends nothing: a property that
 * outlived its test (Jest's time-out ran afterAll, which stopped the sandbox, while fast-check went
 * on) fails with {@link STOPPED_SANDBOX} instead of a misleading ECONNREFUSED.
 */
export class SandboxHttpClient {
  /** As Node's global agent: keep-alive, an idle connection dropped after 5 s. */
  private readonly agent = new Agent({ keepAlive: true, timeout: 5_000 });
  private stopped = false;

  constructor(
    private readonly port: () => number,
    private readonly timeoutMs = 10_000,
  ) {}

  /** One request; a server-sent event stream is answered by its status alone (and closed). */
  send({ method = 'GET', path, headers = {}, body }: SandboxRequest): Promise<SandboxAnswer> {
    if (this.stopped) return Promise.reject(new Error(`${STOPPED_SANDBOX}: ${method} ${path}`));
    const port = this.port();
    return new Promise((done, fail) => {
      const request = httpRequest({ host: '127.0.0.1', port, method, path, agent: this.agent, headers: { host: `localhost:${port}`, ...headers }, timeout: this.timeoutMs }, (response) => {
        const status = response.statusCode ?? 0;
        if (String(response.headers['content-type']).startsWith('text/event-stream')) {
          response.destroy();
          return done({ status, body: '' });
        }
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => done({ status, body: text }));
        response.on('error', fail);
      });
      request.on('timeout', () => request.destroy(new Error(`no answer to ${method} ${path} within ${this.timeoutMs / 1000} s`)));
      request.on('error', fail);
      request.end(body);
    });
  }

  /** Call before stopping the sandbox: later requests fail with {@link STOPPED_SANDBOX}; open connections close. */
  stop(): void {
    this.stopped = true;
    this.agent.destroy();
  }
}

/**
 * fast-check options that end a property before its Jest test times out: `testTimeoutMs` less a
 * margin for what follows. An interrupted property fails ("Property interrupted after N tests"),
 * so a slow machine reads as such, while the sandbox still runs.
 */
export const withinTestTime = (startedAt: number, testTimeoutMs: number, now = Date.now()): { interruptAfterTimeLimit: number; markInterruptAsFailure: true } => ({
  interruptAfterTimeLimit: Math.max(1, startedAt + testTimeoutMs - 5_000 - now),
  markInterruptAsFailure: true,
});
