import { App, Receiver, ReceiverEvent, ReceiverMultipleAckError } from '@slack/bolt';
import type { Logger } from '@slack/logger';
import { SocketModeClient } from '@slack/socket-mode';
import type { WebClientOptions } from '@slack/web-api';
import { readSocketPayload } from './slack-payload';

export interface SocketModeReceiverOptions {
  /** The app-level token (`xapp-…`, scope `connections:write`). */
  readonly appToken: string;
  readonly logger: Logger;
  /** The Web API client's options: `apps.connections.open` goes where the other calls go. */
  readonly clientOptions: WebClientOptions;
  /** How long the client waits for Slack's pong, in ms (@slack/socket-mode's default: 5000). */
  readonly clientPingTimeoutMs?: number;
}

/**
 * How `apps.connections.open` is retried while the app reconnects: for as long as it takes, at
 * most 30 s apart. @slack/socket-mode treats a request error or an HTTP error status that its Web
 * API client gives up on as unrecoverable and leaves the rejection of its reconnect unhandled, which
 * ends the process; a network outage or a Slack incident must instead leave the app down in
 * `/healthz` and reconnect when Slack is back.
 */
const RECONNECT_RETRIES = { forever: true, factor: 1.3, maxTimeout: 30_000 } as const;

/**
 * The Web API client's transport options (the Slack address, time-out, fetch) for the Socket Mode
 * client, with the app's no-retry policy replaced: `apps.connections.open` retries until it gets an
 * answer, and a 429 waits for its Retry-After. A copy: the client fills in defaults on the object.
 */
const reconnectingClientOptions = (clientOptions: WebClientOptions): WebClientOptions => ({
  ...clientOptions,
  retryConfig: RECONNECT_RETRIES,
  rejectRateLimitedCalls: false,
});

/**
 * What @slack/socket-mode's `SocketModeClient` hands a `slack_event` listener for each envelope:
 * the envelope's fields (`retry_attempt` as `retry_num`) and `ack`, which sends
 * `{envelope_id, payload}` (a string answer becomes `{text}`) and rejects when the socket is not open.
 */
interface SocketEnvelope {
  readonly ack: (response?: Record<string, unknown> | string) => Promise<void>;
  readonly envelope_id: string;
  readonly type: string;
  readonly body: unknown;
  readonly retry_num?: number;
  readonly retry_reason?: string;
}

/**
 * The app's Socket Mode receiver: a Bolt `Receiver` (Bolt's documented way to change how requests
 * arrive) over @slack/socket-mode's `SocketModeClient`, which connects with the app-level token,
 * says when Slack greeted it, and reconnects by itself. Each envelope's payload is read as the
 * HTTP receiver reads it (a malformed one is refused and logged) and handed to `app.processEvent`
 * with `retry_attempt`/`retry_reason` as `retryNum`/`retryReason`. An `events_api` envelope is
 * acknowledged only once its listeners have finished, so an event is committed before Slack hears
 * it was received; when they fail, or the process dies first, it is not acknowledged and Slack
 * sends it again (`retry_attempt` one more, up to three times). Commands and interactions are
 * acknowledged when their listener acks, with the ack's payload (`response_action` for a modal
 * submission); one no listener acknowledges is left for Slack to report to the person as failed.
 */
export class HelpdeskSocketModeReceiver implements Receiver {
  readonly client: SocketModeClient;
  private app: App | null = null;
  /** True once `stop()` was called: the connection closing then is the app's own doing. */
  stopping = false;

  constructor(private readonly options: SocketModeReceiverOptions) {
    this.client = new SocketModeClient({
      appToken: options.appToken,
      logger: options.logger,
      logLevel: options.logger.getLevel(),
      clientOptions: reconnectingClientOptions(options.clientOptions),
      ...(options.clientPingTimeoutMs === undefined ? {} : { clientPingTimeout: options.clientPingTimeoutMs }),
    });
    this.client.on('slack_event', (envelope: SocketEnvelope) => {
      this.dispatch(envelope).catch((error: unknown) => options.logger.error('a Socket Mode envelope could not be handled', error));
    });
  }

  init(app: App): void {
    this.app = app;
  }

  /** Opens the connection: resolves once Slack has said hello, rejects when Slack refuses the token. */
  start(): Promise<unknown> {
    return this.client.start();
  }

  /** Closes the connection and stops reconnecting; `closed()` on the connection tells when it is done. */
  stop(): Promise<void> {
    this.stopping = true;
    return this.client.disconnect();
  }

  private async dispatch(envelope: SocketEnvelope): Promise<void> {
    if (!this.app) throw new Error('the receiver was started without an app');
    const payload = readSocketPayload(envelope.type, envelope.body);
    const eventsApi = envelope.type === 'events_api';
    if (payload.kind !== 'bolt') {
      const reason = payload.kind === 'malformed' ? payload.reason : payload.kind === 'unhandled' ? `unhandled type ${payload.type}` : payload.kind;
      this.options.logger.warn('a Socket Mode envelope this app does not handle', { type: envelope.type, reason });
      // An event is received all the same (Slack would only send it again); anything else fails in Slack.
      if (eventsApi) await this.send(envelope);
      return;
    }
    const ack: { given: boolean; held?: { body: unknown } } = { given: false };
    const event: ReceiverEvent = {
      body: payload.body,
      retryNum: envelope.retry_num,
      retryReason: envelope.retry_reason,
      ack: async (answer?: unknown) => {
        if (ack.given) throw new ReceiverMultipleAckError();
        ack.given = true;
        if (eventsApi) ack.held = { body: answer };
        else await this.send(envelope, answer);
      },
    };
    try {
      await this.app.processEvent(event);
    } catch {
      // app.error has logged it; the event stays unacknowledged, so Slack sends it again.
      return;
    }
    if (eventsApi) await this.send(envelope, ack.held?.body);
    else if (!ack.given) this.options.logger.warn('a Socket Mode envelope no listener acknowledged', { type: envelope.type });
  }

  /** Acknowledges an envelope; over a socket already lost it cannot, and Slack sends an event again. */
  private async send(envelope: SocketEnvelope, answer?: unknown): Promise<void> {
    const response = typeof answer === 'string' || (typeof answer === 'object' && answer !== null) ? (answer as Record<string, unknown> | string) : undefined;
    await envelope.ack(response).catch((error: unknown) => this.options.logger.warn('a Socket Mode acknowledgement could not be sent', { type: envelope.type, error: String(error) }));
  }
}
