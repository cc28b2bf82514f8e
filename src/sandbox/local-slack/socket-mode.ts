import { randomBytes } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import { isJsonObject, Json, parseJson } from '../json';
import { refuseUpgrade, ServerWebSocket } from './websocket';

/** The app-level token the local Slack issues its app (Basic Information → App-Level Tokens). */
export const LOCAL_APP_TOKEN = 'xapp-1-A0HELPDESK-1000-localappleveltoken';
export const LOCAL_APP_ID = 'A0HELPDESK';

/** Slack allows an app this many Socket Mode connections at once. */
export const MAX_CONNECTIONS = 10;
/** How long Slack waits for an envelope's acknowledgement. */
const ACK_DEADLINE_MS = 3000;
/** Slack retries an event this many times before it gives up. */
const MAX_EVENT_RETRIES = 3;

/** What Slack sends over a Socket Mode connection: `slash_commands`, `interactive`, `events_api`. */
export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** Why Slack asks the app to reconnect: a refresh soon (`warning`), now (`refresh_requested`), or Socket Mode was turned off (`link_disabled`). */
export type DisconnectReason = 'warning' | 'refresh_requested' | 'link_disabled' | 'too_many_websockets';

/** An envelope as Slack sends it: https://docs.slack.dev/apis/events-api/using-socket-mode */
export interface Envelope extends Json {
  readonly envelope_id: string;
  readonly type: EnvelopeType;
  readonly payload: Json;
  readonly accepts_response_payload: boolean;
  readonly retry_attempt?: number;
  readonly retry_reason?: string;
}

/** One envelope Slack sent, and the app's acknowledgement (`{envelope_id, payload}`), if it came. */
export interface SentEnvelope {
  readonly envelope: Envelope;
  readonly connection: number;
  ack: Json | null;
}

interface Waiting {
  envelope: Envelope;
  connection: number;
  timer: NodeJS.Timeout;
  resolve: (ack: Json | null) => void;
}

interface Connection {
  readonly id: number;
  readonly socket: ServerWebSocket;
}

/**
 * Slack's side of Socket Mode: `apps.connections.open` with the app-level token issues a one-use
 * `wss://` URL (ws:// on loopback); the WebSocket says `hello`, carries envelopes the app
 * acknowledges with `{envelope_id, payload}`, and asks for a reconnect with `disconnect`.
 * Events not acknowledged (the socket dropped, no connection, no ack within 3 s) are sent again
 * on a connection, with `retry_attempt` counting up; a command or interaction is not (Slack shows
 * the person an error), and its delivery answers null.
 */
export class SocketModeHub {
  readonly appToken = LOCAL_APP_TOKEN;
  /** Every envelope sent, oldest first, with its acknowledgement. */
  readonly sent: SentEnvelope[] = [];
  private readonly tickets = new Set<string>();
  private readonly connections: Connection[] = [];
  private readonly waiting = new Map<string, Waiting>();
  /** Events waiting for a connection. */
  private readonly queued: { envelope: Envelope; resolve: (ack: Json | null) => void }[] = [];
  private readonly connectionListeners = new Set<() => void>();
  private counter = 0;
  private next = 0;
  private dropAfterSend = false;

  /** `baseUrl`: the local Slack's `http://host:port`. */
  constructor(private readonly baseUrl: () => string) {}

  /**
   * `apps.connections.open`: the app-level token must come in the Authorization header (a bot
   * token answers `not_allowed_token_type`, a token in the body `not_authed`).
   */
  open(authorization: string | undefined): Json {
    const token = authorization?.replace(/^Bearer /, '');
    if (!token) return { ok: false, error: 'not_authed' };
    if (!token.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
    if (token !== this.appToken) return { ok: false, error: 'invalid_auth' };
    const ticket = randomBytes(12).toString('hex');
    this.tickets.add(ticket);
    return { ok: true, url: `${this.baseUrl().replace(/^http/, 'ws')}/link/?ticket=${ticket}&app_id=${LOCAL_APP_ID}` };
  }

  /** An HTTP upgrade to `/link/?ticket=…`: the ticket is used once. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://local');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/link/' || !this.tickets.delete(ticket)) return refuseUpgrade(socket, 401, 'Unauthorized', 'invalid or used ticket\n');
    const ws = ServerWebSocket.accept(request, socket, head);
    if (!ws) return;
    if (this.connections.length >= MAX_CONNECTIONS) {
      ws.send(JSON.stringify({ type: 'disconnect', reason: 'too_many_websockets', debug_info: { host: 'applink-local' } }));
      return ws.close(1008, 'too many websockets');
    }
    const connection = { id: ++this.counter, socket: ws };
    this.connections.push(connection);
    ws.onMessage((text) => this.acknowledged(connection, text));
    ws.onClose(() => this.lost(connection));
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.connections.length,
        debug_info: { host: `applink-local-${connection.id}`, build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: LOCAL_APP_ID },
      }),
    );
    for (const listener of this.connectionListeners) listener();
    for (const queued of this.queued.splice(0)) this.send(queued.envelope, queued.resolve);
  }

  /** Open connections (those that were told hello and have not closed). */
  get connectionCount(): number {
    return this.connections.length;
  }

  /** Resolves once at least `count` connections are open, or rejects after `timeoutMs`. */
  waitForConnections(count = 1, timeoutMs = 10_000): Promise<void> {
    if (this.connections.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.connections.length < count) return;
        clearTimeout(timer);
        this.connectionListeners.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.connectionListeners.delete(check);
        reject(new Error(`no ${count} Socket Mode connection(s) within ${timeoutMs} ms (${this.connections.length} open)`));
      }, timeoutMs);
      this.connectionListeners.add(check);
    });
  }

  /**
   * Sends one envelope and resolves with the app's acknowledgement, or null when a command or
   * interaction could not be delivered or was not acknowledged in time. An event waits for a
   * connection and is retried until acknowledged (at most three retries).
   */
  deliver(type: EnvelopeType, payload: Json, retry: { attempt: number; reason: string } | null = null): Promise<Json | null> {
    const envelope: Envelope = {
      envelope_id: `${randomBytes(4).toString('hex')}-${randomBytes(2).toString('hex')}-${++this.counter}`,
      type,
      payload,
      // Slack accepts an answer in the ack for commands and modal submissions (`response_action`).
      accepts_response_payload: type === 'slash_commands' || (type === 'interactive' && payload.type === 'view_submission'),
      ...(type === 'events_api' ? { retry_attempt: retry?.attempt ?? 0, retry_reason: retry?.reason ?? '' } : {}),
    };
    // With no connection the first attempt fails at once: the event waits for one and comes as a retry.
    const first = type === 'events_api' && this.connections.length === 0 ? retried(envelope) : envelope;
    return new Promise((resolve) => this.send(first, resolve));
  }

  /** Sends `disconnect` with `reason` on every connection; with `link_disabled` the connections are then closed. */
  disconnect(reason: DisconnectReason): void {
    for (const { socket } of [...this.connections]) {
      socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-local' } }));
      if (reason === 'link_disabled') socket.close(1000, 'link disabled');
    }
  }

  /** Every connection is lost at once, without a close frame (a network failure). */
  drop(): void {
    for (const { socket } of [...this.connections]) socket.drop();
  }

  /** The next envelope is written, then its connection is lost before the app can acknowledge it. */
  dropAfterNextEnvelope(): void {
    this.dropAfterSend = true;
  }

  /** Closes every connection; deliveries waiting answer null. */
  stop(): void {
    for (const { socket } of [...this.connections]) socket.drop();
    for (const waiting of this.waiting.values()) clearTimeout(waiting.timer);
    for (const waiting of [...this.waiting.values(), ...this.queued]) waiting.resolve(null);
    this.waiting.clear();
    this.queued.length = 0;
  }

  private send(envelope: Envelope, resolve: (ack: Json | null) => void): void {
    const connection = this.connections[this.next++ % Math.max(1, this.connections.length)];
    if (!connection) return envelope.type === 'events_api' ? void this.queued.push({ envelope, resolve }) : resolve(null);
    const timer = setTimeout(() => this.unanswered(envelope.envelope_id), ACK_DEADLINE_MS);
    this.waiting.set(envelope.envelope_id, { envelope, connection: connection.id, timer, resolve });
    this.sent.push({ envelope, connection: connection.id, ack: null });
    connection.socket.send(JSON.stringify(envelope));
    if (this.dropAfterSend) {
      this.dropAfterSend = false;
      connection.socket.drop();
    }
  }

  private acknowledged(connection: Connection, text: string): void {
    const ack = parseJson(text);
    if (!isJsonObject(ack) || typeof ack.envelope_id !== 'string') return;
    const waiting = this.waiting.get(ack.envelope_id);
    // An ack on another connection than the envelope's, or after the deadline, counts for nothing.
    if (!waiting || waiting.connection !== connection.id) return;
    clearTimeout(waiting.timer);
    this.waiting.delete(ack.envelope_id);
    const record = this.sent.find((sent) => sent.envelope.envelope_id === ack.envelope_id);
    if (record) record.ack = ack;
    waiting.resolve(ack);
  }

  private lost(connection: Connection): void {
    this.connections.splice(this.connections.indexOf(connection), 1);
    for (const waiting of [...this.waiting.values()]) if (waiting.connection === connection.id) this.unanswered(waiting.envelope.envelope_id);
  }

  /** An envelope not acknowledged: an event is retried, anything else fails. */
  private unanswered(envelopeId: string): void {
    const waiting = this.waiting.get(envelopeId);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.waiting.delete(envelopeId);
    const { envelope } = waiting;
    if (envelope.type !== 'events_api' || (envelope.retry_attempt ?? 0) >= MAX_EVENT_RETRIES) return waiting.resolve(null);
    this.send(retried(envelope), waiting.resolve);
  }
}

/** The next delivery of an event Slack could not deliver: a new envelope, `retry_attempt` one more. */
const retried = (envelope: Envelope): Envelope => {
  const attempt = (envelope.retry_attempt ?? 0) + 1;
  return { ...envelope, envelope_id: `${envelope.envelope_id.replace(/-r\d+$/, '')}-r${attempt}`, retry_attempt: attempt, retry_reason: 'timeout' };
};
