import { createHmac } from 'node:crypto';
import { isJsonObject, Json } from '../json';
import { LocalSlack } from './local-slack';

export interface AppResponse {
  readonly status: number;
  readonly body: string;
  json(): Json;
}

export interface SignOptions {
  /** Seconds since the epoch; defaults to now. */
  readonly timestamp?: number;
  readonly signature?: string;
  readonly headers?: Record<string, string>;
}

/** Where the app takes Slack's requests: its HTTP address, or Socket Mode over the local Slack's WebSockets. */
export type AppAddress = string | { readonly socketMode: true };

/** The app's acknowledgement of an envelope as an answer: 200 with its payload, or 504 when none came. */
export const envelopeAnswer = (ack: Json | null): AppResponse => {
  const payload = ack && isJsonObject(ack.payload) && Object.keys(ack.payload).length > 0 ? JSON.stringify(ack.payload) : '';
  return { status: ack ? 200 : 504, body: payload, json: () => (payload ? (JSON.parse(payload) as Json) : {}) };
};

export const signRequest = (secret: string, timestamp: number, body: string): string => `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

/**
 * How Slack's requests reach the app: over HTTP, form-encoded slash commands, `payload=`
 * interactions and JSON events, signed with the v0 HMAC-SHA256 scheme; in Socket Mode, the same
 * payloads in envelopes on the local Slack's WebSockets (`slash_commands`, `interactive`,
 * `events_api`), answered by the app's acknowledgement. `SlackRequests` builds on it what people do.
 */
export class AppTransport {
  constructor(
    protected readonly slack: LocalSlack,
    protected readonly app: AppAddress,
    protected readonly signingSecret: string,
  ) {}

  /** True when the app is reached over Socket Mode: signatures and HTTP headers do not apply. */
  get socketMode(): boolean {
    return typeof this.app !== 'string';
  }

  /** Posts a raw body to the app's HTTP address (HTTP mode only). */
  async post(body: string, contentType: string, options: SignOptions = {}): Promise<AppResponse> {
    if (typeof this.app !== 'string') throw new Error('the app runs in Socket Mode: it has no HTTP address to post to');
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const response = await fetch(`${this.app}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': options.signature ?? signRequest(this.signingSecret, timestamp, body),
        ...options.headers,
      },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: text, json: () => (text ? (JSON.parse(text) as Json) : {}) };
  }

  async interaction(payload: Json, options?: SignOptions): Promise<AppResponse> {
    if (this.socketMode) return envelopeAnswer(await this.slack.socketMode.deliver('interactive', payload));
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(body, 'application/x-www-form-urlencoded', options);
  }

  async event(event: Json, options: SignOptions & { eventId?: string; retry?: { attempt: number; reason: string } } = {}): Promise<AppResponse> {
    const callback = {
      token: 'verification-token-unused',
      team_id: this.slack.teamId,
      api_app_id: 'A0HELPDESK',
      event,
      type: 'event_callback',
      event_id: options.eventId ?? `Ev${Date.now()}${Math.random().toString(16).slice(2, 8)}`,
      event_time: Math.floor(Date.now() / 1000),
    };
    if (this.socketMode) return envelopeAnswer(await this.slack.socketMode.deliver('events_api', callback, options.retry ?? null));
    const retryHeaders: Record<string, string> = options.retry ? { 'x-slack-retry-num': String(options.retry.attempt), 'x-slack-retry-reason': options.retry.reason } : {};
    return this.post(JSON.stringify(callback), 'application/json', { ...options, headers: { ...retryHeaders, ...options.headers } });
  }

  /**
   * Delivers one event `deliveries` times, as Slack does when the app's answers are late or
   * failed: the same `event_id`, then `X-Slack-Retry-Num` 1, 2, … and `X-Slack-Retry-Reason`
   * (in Socket Mode, new envelopes with `retry_attempt` and `retry_reason`).
   */
  async deliverEvent(event: Json, deliveries = 1, reason = 'http_timeout'): Promise<AppResponse[]> {
    const eventId = `Ev${Date.now()}${Math.random().toString(16).slice(2, 8)}`;
    const responses: AppResponse[] = [];
    for (let attempt = 0; attempt < deliveries; attempt += 1) {
      responses.push(await this.event(event, { eventId, ...(attempt === 0 ? {} : { retry: { attempt, reason } }) }));
    }
    return responses;
  }
}
