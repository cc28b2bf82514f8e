import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ListenOptions } from 'node:net';
import { App, Receiver, ReceiverEvent, ReceiverMultipleAckError, verifySlackRequest } from '@slack/bolt';
import type { Logger } from '@slack/logger';
import { DEFAULT_EDGE_LIMITS, EdgeLimits } from './edge-limits';
import { keepListeningThroughAcceptErrors } from './accept-errors';
import { relieveConnectionPressure } from './connection-pressure';
import { closeSlowConnections } from './header-deadlines';
import { ByteBudget, readBody } from './read-body';
import { checkSignatureHeaders } from './signature-headers';
import { mediaType, readSlackPayload } from './slack-payload';

/** An answer to a GET on the Slack-facing port, such as the public `/healthz`. */
export type PublicRoute = () => Promise<{ status: number; body: string }>;

/**
 * Told of each request to Slack's path as it arrives (`response` finishes when Slack has its
 * answer); answers the request's scope, which the receiver hands to Bolt as the context's
 * `requestScope` (Bolt's `customProperties`; see `request-context.ts`).
 */
export type RequestObserver = (response: ServerResponse) => object;

export interface HelpdeskReceiverOptions {
  readonly signingSecret: string;
  readonly logger: Logger;
  /** Where Slack sends every request. */
  readonly path?: string;
  readonly limits?: Partial<EdgeLimits>;
  /** GET routes served beside Slack's path, by path. */
  readonly routes?: Readonly<Record<string, PublicRoute>>;
  readonly observe?: RequestObserver;
  /** The wall clock (epoch ms) the signature's timestamp is checked against: the composition root's; tests move it. */
  readonly now: () => number;
}

/** For a body whose share of the budget was taken whole before reading. */
const UNCOUNTED = new ByteBudget(Number.POSITIVE_INFINITY);

/** An unsigned `ssl_check` is read only this far (`ssl_check=1&token=…` is well under it). */
const SSL_CHECK_MAX_BYTES = 1024;

const parseRetryNum = (value: string | string[] | undefined): number | undefined => (typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : undefined);

/** Answers as Bolt's HTTP receiver answers an ack: empty, text, or JSON. */
const sendAck = (response: ServerResponse, body: unknown): void => {
  if (response.headersSent) return;
  if (body === undefined || body === '' || body === null) {
    response.writeHead(200).end();
  } else if (typeof body === 'string') {
    response.writeHead(200).end(body);
  } else {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
};

/**
 * The app's HTTP receiver: a Bolt `Receiver` (Bolt's documented way to change how requests arrive)
 * on `node:http`, with the limits an internet-facing port needs. For a POST to `/slack/events` it
 * refuses, before reading any of the body, a `Content-Length` over the cap (413) and a request
 * without Slack's signature headers or with a timestamp more than five minutes off either way
 * (401); it reads the body within the cap and the request deadline (413, 408), holds at most
 * `maxBufferedBytes` of bodies at once (503), verifies the signature with Bolt's
 * `verifySlackRequest` (401), and reads the payload (400 when malformed). It answers Slack's
 * `ssl_check` and `url_verification` itself, answers payload types the app does not handle at once,
 * and hands the rest to `app.processEvent` with the retry headers as `retryNum`/`retryReason`.
 * Events API requests are answered once their listeners have finished, so an event is committed
 * before Slack hears it was received (a crash before that leaves Slack to retry it); commands and
 * interactions are answered when their listener acks. A refused request's connection is closed, so
 * an unread body is never drained.
 */
export class HelpdeskReceiver implements Receiver {
  private app: App | null = null;
  private server: Server | null = null;
  private readonly limits: EdgeLimits;
  private readonly budget: ByteBudget;
  private readonly path: string;
  private readonly now: () => number;

  constructor(private readonly options: HelpdeskReceiverOptions) {
    this.limits = { ...DEFAULT_EDGE_LIMITS, ...options.limits };
    this.budget = new ByteBudget(this.limits.maxBufferedBytes);
    this.path = options.path ?? '/slack/events';
    this.now = options.now;
  }

  init(app: App): void {
    this.app = app;
  }

  /** Listens on `listen` (a port, or Node's listen options) and resolves with the server. */
  start(listen: number | ListenOptions = 3000): Promise<Server> {
    if (this.server) return Promise.reject(new Error('the receiver is already started'));
    // Node checks the header and request time-outs on this interval (30 s by default).
    const server = createServer({ connectionsCheckingInterval: 500, requestTimeout: this.limits.requestTimeoutMs, headersTimeout: this.limits.headersTimeoutMs }, (request, response) =>
      this.route(request, response),
    );
    server.keepAliveTimeout = this.limits.keepAliveTimeoutMs;
    relieveConnectionPressure(server, this.limits.maxConnections);
    closeSlowConnections(server, this.limits.headersTimeoutMs, this.limits.keepAliveTimeoutMs);
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(typeof listen === 'number' ? { port: listen } : listen, () => {
        server.off('error', reject);
        keepListeningThroughAcceptErrors(server, (error) => this.options.logger.error('a connection to the Slack port could not be accepted', error));
        resolve(server);
      });
    });
  }

  /** Stops taking connections, closes idle ones, and resolves once the open requests are answered. */
  stop(): Promise<void> {
    const server = this.server;
    if (!server) return Promise.resolve();
    this.server = null;
    return new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeIdleConnections();
    });
  }

  private route(request: IncomingMessage, response: ServerResponse): void {
    // Requests parsed from a connection already closed (one that pipelined too many) get no work.
    if (request.socket.destroyed) return;
    const path = (request.url ?? '/').split('?')[0];
    if (path === this.path) {
      if (request.method !== 'POST') return this.refuse(response, 405, 'only POST');
      const scope = this.options.observe?.(response);
      return void this.handleSlackRequest(request, response, scope).catch((error: unknown) => this.fail(response, error));
    }
    const route = path ? this.options.routes?.[path] : undefined;
    if (!route || (request.method !== 'GET' && request.method !== 'HEAD')) return this.refuse(response, 404, 'not found');
    route().then(
      ({ status, body }) => response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(body),
      (error: unknown) => this.fail(response, error),
    );
  }

  /** Answers without reading the rest of the request, and closes the connection. */
  private refuse(response: ServerResponse, status: number, reason: string, headers: Record<string, string> = {}): void {
    this.options.logger.debug('request refused at the edge', { status, reason });
    if (response.headersSent) return void response.destroy();
    response.shouldKeepAlive = false;
    response.writeHead(status, { connection: 'close', ...headers }).end();
    response.once('finish', () => response.req.destroy());
  }

  private fail(response: ServerResponse, error: unknown): void {
    this.options.logger.error('the request could not be handled', error);
    if (!response.headersSent) response.writeHead(500, { connection: 'close' }).end();
  }

  private async handleSlackRequest(request: IncomingMessage, response: ServerResponse, scope: object | undefined): Promise<void> {
    const { limits } = this;
    const declared = request.headers['content-length'] === undefined ? null : Number(request.headers['content-length']);
    if (declared !== null && !(declared <= limits.maxBodyBytes)) return this.refuse(response, 413, 'Content-Length over the cap');
    const type = mediaType(request.headers['content-type']);
    if (type !== 'application/json' && type !== 'application/x-www-form-urlencoded') return this.refuse(response, 415, 'not JSON nor a form');

    const headers = checkSignatureHeaders(request.headers, this.now());
    // Slack's ssl_check may come unsigned (Bolt accepts it so); it is a tiny form, read only that far.
    const unsignedSslCheck = !headers.ok && type === 'application/x-www-form-urlencoded' && declared !== null && declared <= SSL_CHECK_MAX_BYTES;
    if (!headers.ok && !unsignedSslCheck) return this.refuse(response, 401, headers.reason);

    // A declared body takes its share of the memory budget before it is read; a chunked one as it arrives.
    const reserved = declared ?? 0;
    if (!this.budget.take(reserved)) return this.refuse(response, 503, 'too many request bodies in memory', { 'retry-after': '1' });
    const budget = declared === null ? this.budget : UNCOUNTED;
    const read = await readBody(request, { maxBytes: declared ?? limits.maxBodyBytes, timeoutMs: limits.requestTimeoutMs, budget }).finally(() => this.budget.give(reserved));
    if (!read.ok) return this.refuse(response, read.status, read.reason);
    const text = read.body.toString('utf8');

    if (!headers.ok) {
      const payload = readSlackPayload(text, request.headers['content-type']);
      return payload.kind === 'ssl_check' ? void response.writeHead(200).end() : this.refuse(response, 401, headers.reason);
    }
    try {
      verifySlackRequest({
        signingSecret: this.options.signingSecret,
        body: text,
        headers: { 'x-slack-signature': headers.signature, 'x-slack-request-timestamp': headers.timestamp },
        nowMilliseconds: this.now(),
      });
    } catch {
      return this.refuse(response, 401, 'signature mismatch');
    }

    const payload = readSlackPayload(text, request.headers['content-type']);
    switch (payload.kind) {
      case 'ssl_check':
        return void response.writeHead(200).end();
      case 'url_verification':
        return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ challenge: payload.challenge }));
      case 'malformed':
        this.options.logger.warn('a signed request of an unexpected shape was refused', { reason: payload.reason });
        return void response.writeHead(400).end();
      case 'unhandled':
        return this.answerUnhandled(response, payload.type, payload.eventsApi);
      case 'bolt':
        return this.dispatch(request, response, payload.body, payload.eventsApi, scope);
    }
  }

  /** Answers a payload no listener took: an Events API request was received (200), anything else is not served here (404). */
  private answerUnhandled(response: ServerResponse, type: string, eventsApi: boolean): void {
    this.options.logger.warn('a Slack request of a type this app does not handle', { type });
    if (!response.headersSent) response.writeHead(eventsApi ? 200 : 404).end();
  }

  private async dispatch(request: IncomingMessage, response: ServerResponse, body: Record<string, unknown>, eventsApi: boolean, scope: object | undefined): Promise<void> {
    if (!this.app) throw new Error('the receiver was started without an app');
    // An Events API ack is held until the listeners have finished; any other is sent at once.
    const ack: { given: boolean; held?: { body: unknown } } = { given: false };
    const event: ReceiverEvent = {
      body,
      retryNum: parseRetryNum(request.headers['x-slack-retry-num']),
      retryReason: typeof request.headers['x-slack-retry-reason'] === 'string' ? request.headers['x-slack-retry-reason'] : undefined,
      ...(scope ? { customProperties: { requestScope: scope } } : {}),
      ack: async (answer?: unknown) => {
        if (ack.given) throw new ReceiverMultipleAckError();
        ack.given = true;
        if (eventsApi) ack.held = { body: answer };
        else sendAck(response, answer);
      },
    };
    try {
      await this.app.processEvent(event);
    } catch {
      // app.error has logged it; a request not yet answered is told so at once (Slack retries an event).
      if (!response.headersSent) response.writeHead(500).end();
      return;
    }
    if (ack.held) return sendAck(response, ack.held.body);
    if (!ack.given) this.answerUnhandled(response, typeof body.type === 'string' ? body.type : typeof body.command === 'string' ? body.command : 'unknown', eventsApi);
  }
}
