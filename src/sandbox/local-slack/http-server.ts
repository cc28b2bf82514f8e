import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Duplex } from 'node:stream';
import { keepListeningThroughAcceptErrors } from '../../slack/receiver/accept-errors';
import { Json } from '../json';
import { allowedHosts, hostIsAllowed } from './request-guard';

/** A route of the server; what it throws or rejects with becomes a 500 for that request alone. */
export type Route = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface StartOptions {
  readonly port?: number;
  readonly host?: string;
  /** Serves the requests that are not Web API calls or response URLs (the sandbox's page). */
  readonly otherRoutes?: Route;
  /** Told of every request that failed with a 500; the default writes one line to stderr. */
  readonly onError?: (error: unknown, request: IncomingMessage) => void;
}

/** Takes an HTTP upgrade (a Socket Mode WebSocket) addressed to this server. */
export type Upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * The local Slack's HTTP server: one address for the Web API (`/api/<method>`), response URLs
 * (`/response/<token>`) and, in the sandbox, the page. It guards every request before routing it.
 */
export class LocalSlackServer {
  /** Where it listens, e.g. `http://127.0.0.1:41234`; empty until started. */
  url = '';
  private server: Server | null = null;
  private hosts: ReadonlySet<string> = new Set();

  /** `slackRoutes` serves the Web API and response URLs; `upgrades` the Socket Mode WebSockets. */
  constructor(
    private readonly slackRoutes: Route,
    private readonly upgrades?: Upgrade,
  ) {}

  async start(options: StartOptions = {}): Promise<void> {
    const host = options.host ?? '127.0.0.1';
    const onError = options.onError ?? logFailure;
    const server = createServer((request, response) => {
      this.route(request, response, options.otherRoutes).catch((error: unknown) => {
        onError(error, request);
        if (response.headersSent) return void response.destroy();
        send(response, 500, { ok: false, error: 'internal_error' });
      });
    });
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      if (!hostIsAllowed(request, this.hosts) || !this.upgrades) return void socket.end('HTTP/1.1 421 Misdirected Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      this.upgrades(request, socket, head);
    });
    server.headersTimeout = 10_000;
    server.requestTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        keepListeningThroughAcceptErrors(server, (error) => process.stderr.write(`local Slack: a connection was not accepted: ${error.message}\n`));
        resolve();
      });
    });
    this.server = server;
    const port = (server.address() as AddressInfo).port;
    this.hosts = allowedHosts(host, port);
    const shownHost = host.includes(':') ? `[${host}]` : host;
    this.url = `http://${shownHost}:${port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = null;
  }

  /**
   * Every request: only to one of this server's own names (a DNS-rebinding page has another Host);
   * Web API calls and response URLs only from programs, never from a browser (a page's form POST
   * carries an Origin or Sec-Fetch-Site header; the app's Web API client sends neither).
   */
  private async route(request: IncomingMessage, response: ServerResponse, otherRoutes: Route | undefined): Promise<void> {
    if (!hostIsAllowed(request, this.hosts)) return send(response, 421, { ok: false, error: 'misdirected_request' }, { connection: 'close' });
    const path = request.url ?? '/';
    const slackPath = ['/api/', '/response/', '/upload/', '/files-pri/'].some((prefix) => path.startsWith(prefix));
    if (otherRoutes && !slackPath) return otherRoutes(request, response);
    if (request.headers.origin !== undefined || request.headers['sec-fetch-site'] !== undefined) {
      return send(response, 403, { ok: false, error: 'not_allowed_from_a_browser' }, { connection: 'close' });
    }
    return this.slackRoutes(request, response);
  }
}

const logFailure = (error: unknown, request: IncomingMessage): void => {
  const path = (request.url ?? '/').split('?')[0];
  process.stderr.write(`local Slack: ${request.method ?? '?'} ${path} failed: ${error instanceof Error ? error.message : String(error)}\n`);
};

/** Answers JSON, as Slack does, with the given status and headers. */
export const send = (response: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}): void => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers });
  response.end(JSON.stringify(body));
};
