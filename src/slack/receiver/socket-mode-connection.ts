import type { Logger } from '@slack/logger';
import type { WebClientOptions } from '@slack/web-api';
import { HelpdeskSocketModeReceiver } from './socket-mode-receiver';

export interface SocketModeConnectionOptions {
  /** The app-level token (`xapp-…`, scope `connections:write`). */
  readonly appToken: string;
  readonly logger: Logger;
  /** The Web API client's options: `apps.connections.open` goes where the other calls go. */
  readonly clientOptions: WebClientOptions;
  /**
   * How long the client waits for Slack's pong, in ms; it also waits this long (times the failures
   * in a row) before reconnecting after a lost connection. @slack/socket-mode's default is 5000.
   */
  readonly clientPingTimeoutMs?: number;
}

/** The Socket Mode receiver and whether its WebSocket is open and was greeted with `hello`. */
export interface SocketModeConnection {
  readonly receiver: HelpdeskSocketModeReceiver;
  connected(): boolean;
  /**
   * Resolves once the client has finished disconnecting (after `app.stop()`: the close handshake
   * done), or after `timeoutMs`; Bolt's `stop()` does not wait for it.
   */
  closed(timeoutMs?: number): Promise<void>;
}

/**
 * The app's Socket Mode receiver (acknowledging an event only once it is handled), given the Web
 * API client's options (so it asks the same Slack for its WebSocket URL), reconnecting by itself
 * after a `disconnect` message or a lost connection. `connected()` is true from Slack's `hello`
 * until the connection closes.
 */
export const socketModeConnection = (options: SocketModeConnectionOptions): SocketModeConnection => {
  const receiver = new HelpdeskSocketModeReceiver(options);
  let greeted = false;
  const { client } = receiver;
  client.on('connected', () => {
    greeted = true;
    options.logger.info('Socket Mode connected');
  });
  for (const state of ['disconnecting', 'reconnecting', 'disconnected']) {
    client.on(state, () => {
      // Not `state`: the logger redacts fields of that name (a modal's state).
      // Closing it on shutdown is no loss: a warning then would page someone at every deploy.
      if (greeted && receiver.stopping) options.logger.info('Socket Mode connection closed');
      else if (greeted) options.logger.warn('Socket Mode connection lost', { connection: state });
      greeted = false;
    });
  }
  let disconnected = false;
  client.on('connected', () => {
    disconnected = false;
  });
  client.on('disconnected', () => {
    disconnected = true;
  });
  const closed = (timeoutMs = 2000): Promise<void> =>
    disconnected
      ? Promise.resolve()
      : new Promise((resolve) => {
          const timer = setTimeout(resolve, timeoutMs);
          client.once('disconnected', () => {
            clearTimeout(timer);
            resolve();
          });
        });
  return { receiver, connected: () => greeted && client.websocket?.isActive() === true, closed };
};
