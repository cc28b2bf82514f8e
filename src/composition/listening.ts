import type { App } from '@slack/bolt';
import type { Logger } from '@slack/logger';
import type { WebClientOptions } from '@slack/web-api';
import type { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Answer } from '../observability/operations-figures';
import { startOpsServer } from '../observability/ops-server';
import { describeSlackFailure, slackApiUrl } from '../slack/startup-check';

export interface ListeningOptions {
  readonly app: App;
  readonly socketMode: boolean;
  /** Where to listen: the Slack-facing HTTP port, or in Socket Mode the public health listener (PORT). */
  readonly listen: { port: number; host?: string };
  /** Socket Mode's public `/healthz` in plain text. */
  readonly publicHealth: () => Promise<Answer>;
  readonly clientOptions: WebClientOptions;
  readonly logger: Logger;
}

export interface Listening {
  /** The HTTP port, or null in Socket Mode. */
  readonly port: number | null;
  /** Where the public `/healthz` answers: the HTTP port, or Socket Mode's health listener. */
  readonly healthPort: number;
  /** Socket Mode's health listener, null over HTTP. */
  readonly healthServer: { stop(): Promise<void> } | null;
}

/**
 * Starts Bolt over HTTP on `listen`, or over Socket Mode with a health listener on `listen`.
 * Throws, with the fix in the message, when Slack refuses the Socket Mode connection; whatever it
 * started is stopped first.
 */
export const startListening = async ({ app, socketMode, listen, publicHealth, clientOptions, logger }: ListeningOptions): Promise<Listening> => {
  if (!socketMode) {
    const server = (await app.start(listen)) as Server;
    const port = (server.address() as AddressInfo).port;
    return { port, healthPort: port, healthServer: null };
  }
  // No Slack-facing port in Socket Mode: PORT serves only the public /healthz (a load balancer's or container's check).
  const healthServer = await startOpsServer({
    ...(listen.host === undefined ? {} : { host: listen.host }),
    port: listen.port,
    token: null,
    routes: { '/healthz': publicHealth },
    logger,
    name: { what: 'the health port', port: 'PORT', host: 'PORT' },
  });
  try {
    await app.start().catch((error: unknown) => {
      const fix = 'Check SLACK_APP_TOKEN: an app-level token with connections:write, on the app\'s "Basic Information" page.';
      throw new Error(describeSlackFailure(error, slackApiUrl(clientOptions), 'the Socket Mode connection', fix));
    });
  } catch (error) {
    await healthServer.stop();
    throw error;
  }
  return { port: null, healthPort: healthServer.port, healthServer };
};
