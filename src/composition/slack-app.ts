import { App } from '@slack/bolt';
import type { Logger } from '@slack/logger';
import type { WebClientOptions } from '@slack/web-api';
import type { Logger as PinoLogger } from 'pino';
import { Env } from '../config/env';
import { HelpdeskMetrics } from '../observability/metrics';
import { labelRequests, timeRequests } from '../observability/request-timing';
import { libraryLogger } from '../observability/slack-logger';
import { fetchWithTimeout } from '../slack/fetch-with-timeout';
import { EdgeLimits } from '../slack/receiver/edge-limits';
import { HelpdeskReceiver, PublicRoute } from '../slack/receiver/helpdesk-receiver';
import { SocketModeConnection, socketModeConnection } from '../slack/receiver/socket-mode-connection';

const SLACK_TIMEOUT_MS = 10_000;

/** The Web API client's options, shared by the startup check, the channel checks, Bolt and Socket Mode. */
export const slackClientOptions = (apiUrl: string | null): WebClientOptions => ({
  ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
  // The outbox retries deliveries itself; a listener waiting on Slack must not stall on retries.
  retryConfig: { retries: 0 },
  rejectRateLimitedCalls: true,
  // A call Slack does not answer within 10 s fails (ETIMEDOUT to the classification), and the outbox retries it.
  timeout: SLACK_TIMEOUT_MS,
  // Bolt's respond() uses this fetch and has no time-out of its own.
  fetch: fetchWithTimeout(SLACK_TIMEOUT_MS),
});

export interface SlackAppOptions {
  readonly env: Env;
  readonly rootLogger: PinoLogger;
  readonly logger: Logger;
  readonly clientOptions: WebClientOptions;
  /** Who the bot is, from the startup check. */
  readonly bot: { readonly botId: string | undefined; readonly botUserId: string | undefined };
  readonly metrics: HelpdeskMetrics;
  /** The public `/healthz` served beside Slack's path in HTTP mode. */
  readonly publicHealth: PublicRoute;
  readonly edgeLimits?: Partial<EdgeLimits>;
  readonly clientPingTimeoutMs?: number;
  /** The wall clock (epoch ms) the receiver checks request signatures' timestamps against. */
  readonly now: () => number;
}

/**
 * Bolt's App with the app's own receiver: Socket Mode when SLACK_APP_TOKEN is set (with its
 * connection, `socket`), else the HTTP receiver with its edge limits. No listener is registered yet.
 */
export const createSlackApp = (options: SlackAppOptions): { app: App; socket: SocketModeConnection | null } => {
  const { env, rootLogger, logger, clientOptions, bot } = options;
  const socket =
    env.slack.appToken === null ? null : socketModeConnection({ appToken: env.slack.appToken, logger: libraryLogger(rootLogger), clientOptions, clientPingTimeoutMs: options.clientPingTimeoutMs });
  const receiver = socket
    ? null
    : new HelpdeskReceiver({
        signingSecret: env.slack.signingSecret ?? '',
        logger,
        limits: options.edgeLimits,
        routes: { '/healthz': options.publicHealth },
        observe: timeRequests(options.metrics),
        now: options.now,
      });
  const app = new App({
    token: env.slack.botToken,
    // Bolt asks auth.test who the bot is on every request unless it is told: it is, from the startup check.
    botId: bot.botId,
    botUserId: bot.botUserId,
    tokenVerificationEnabled: false,
    // Bolt's conversation store is unused here; it would cost a lookup on every request.
    convoStore: false,
    // The error handler is given the request's context, so its line names the request (see request-context.ts).
    extendedErrorHandler: true,
    // Bolt sets the logger to its own logLevel (info when not given): it is told LOG_LEVEL.
    logger: libraryLogger(rootLogger),
    logLevel: logger.getLevel(),
    clientOptions,
    receiver: receiver ?? socket?.receiver,
  });
  labelRequests(app, rootLogger);
  return { app, socket };
};
