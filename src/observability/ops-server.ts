import { timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Logger } from '@slack/logger';
import { keepListeningThroughAcceptErrors } from '../slack/receiver/accept-errors';
import { relieveConnectionPressure } from '../slack/receiver/connection-pressure';
import { closeSlowConnections } from '../slack/receiver/header-deadlines';
import { Answer } from './operations-figures';

export interface OpsServerOptions {
  /** Every interface when not given. */
  readonly host?: string;
  readonly port: number;
  /** When set, every request must carry `Authorization: Bearer <token>`. */
  readonly token: string | null;
  /** GET routes, by path: `/metrics` and `/healthz`. */
  readonly routes: Readonly<Record<string, () => Promise<Answer>>>;
  readonly logger: Logger;
  /** What the port is called in start-up errors, and its variables; the operations port's by default. */
  readonly name?: { readonly what: string; readonly port: string; readonly host: string };
}

export interface RunningOpsServer {
  readonly port: number;
  stop(): Promise<void>;
}

const authorised = (request: IncomingMessage, token: string | null): boolean => {
  if (token === null) return true;
  const given = Buffer.from(request.headers.authorization ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
};

const answer = (response: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void => {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
};

/**
 * The operations port: metrics and the detailed health, apart from the port Slack (and so the
 * internet) reaches, bound to 127.0.0.1 unless configured, optionally behind a bearer token. It
 * runs in HTTP and Socket Mode alike. Only GETs without a body are served; a few connections at
 * a time, with short time-outs.
 */
export const startOpsServer = async (options: OpsServerOptions): Promise<RunningOpsServer> => {
  const server: Server = createServer({ connectionsCheckingInterval: 1000, headersTimeout: 5000, requestTimeout: 5000 }, (request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const route = options.routes[path];
    if (!authorised(request, options.token)) return answer(response, 401, 'unauthorised\n');
    if (!route || request.method !== 'GET') return answer(response, 404, 'not found\n');
    route().then(
      ({ status, body, contentType }) => answer(response, status, body, contentType),
      (error: unknown) => {
        options.logger.error('an operations request failed', error);
        answer(response, 503, 'unavailable\n');
      },
    );
  });
  relieveConnectionPressure(server, 32);
  server.keepAliveTimeout = 5000;
  closeSlowConnections(server, 5000, server.keepAliveTimeout);
  const name = options.name ?? { what: 'the operations port', port: 'METRICS_PORT', host: 'METRICS_HOST' };
  const where = `${options.host ?? '*'}:${options.port}`;
  const check = name.host === name.port ? name.port : `${name.host} and ${name.port}`;
  await new Promise<void>((resolve, reject) => {
    const refuse = (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `${name.what} ${where} is in use (EADDRINUSE). Set ${name.port} to a free port.`
            : `${name.what} ${where} could not be opened (${error.code ?? error.message}). Check ${check}.`,
        ),
      );
    server.once('error', refuse);
    server.listen(options.port, options.host, () => {
      server.off('error', refuse);
      keepListeningThroughAcceptErrors(server, (error) => options.logger.error(`a connection to ${name.what} could not be accepted`, error));
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
