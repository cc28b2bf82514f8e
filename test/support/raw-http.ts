import { connect, Socket } from 'node:net';
import { signRequest } from '../../src/sandbox/local-slack/slack-requests';

/** What came back on a raw connection: the status (if any answer came), the text, and whether the app closed it. */
export interface RawAnswer {
  readonly status: number | null;
  readonly text: string;
  readonly closed: boolean;
  /** Milliseconds from sending the head to the answer's first bytes, or to the close. */
  readonly elapsedMs: number;
}

export const openSocket = (port: number): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });

/** Reads what the app sends back until it closes the connection or `waitMs` pass. */
export const readAnswer = (socket: Socket, started: number, waitMs: number): Promise<RawAnswer> =>
  new Promise((resolve) => {
    let text = '';
    let firstAt: number | null = null;
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.off('data', onData);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({ status: status ? Number(status) : null, text, closed, elapsedMs: (firstAt ?? Date.now()) - started });
    };
    const onData = (chunk: Buffer) => {
      firstAt ??= Date.now();
      text += chunk.toString('latin1');
    };
    const timer = setTimeout(() => done(false), waitMs);
    socket.on('data', onData);
    socket.once('close', () => done(true));
    socket.once('error', () => undefined);
  });

/** The head of a POST to /slack/events, with Slack's signature headers for `body` when a secret is given. */
export const slackHead = (options: { contentLength?: number; chunked?: boolean; secret?: string; timestamp?: number; body?: string; signature?: string; contentType?: string }): string => {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const lines = ['POST /slack/events HTTP/1.1', 'Host: 127.0.0.1', `Content-Type: ${options.contentType ?? 'application/x-www-form-urlencoded'}`];
  if (options.contentLength !== undefined) lines.push(`Content-Length: ${options.contentLength}`);
  if (options.chunked) lines.push('Transfer-Encoding: chunked');
  const signature = options.signature ?? (options.secret ? signRequest(options.secret, timestamp, options.body ?? '') : undefined);
  if (signature) lines.push(`X-Slack-Request-Timestamp: ${timestamp}`, `X-Slack-Signature: ${signature}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
};

/** A signature of the right form that is not the body's: what a forger without the secret sends. */
export const FORGED_SIGNATURE = `v0=${'ab'.repeat(32)}`;
