import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { Logger as PinoLogger } from 'pino';
import type { RequestObserver } from '../slack/receiver/helpdesk-receiver';
import { RequestContext } from '../slack/request-context';
import { HelpdeskMetrics } from './metrics';
import { requestLogger } from './slack-logger';

/**
 * One Slack request as its log lines name it. It travels explicitly (in Bolt's `context`, and to
 * the services as a change's origin) rather than in an `AsyncLocalStorage`, whose promise hooks
 * made every promise of every request dearer on Node 20, Bolt's own included.
 */
export class RequestScope {
  readonly requestId = randomUUID();
  /** The command, action, view or event the request carries (`/ticket`, `action:…`, `view:…`, `event:…`); `unrouted` until Bolt has it. */
  listener = 'unrouted';
  /** Slack ids of the request: who acted, and where. */
  user?: string;
  channel?: string;
  /** The number of the ticket the request changed, once it is known. */
  ticket?: number;

  /** What a log line written for this request says about it: `requestId`, `listener`, and `user`, `channel`, `ticket` when known. */
  fields(): Record<string, string | number> {
    const fields: Record<string, string | number> = { requestId: this.requestId, listener: this.listener };
    if (this.user !== undefined) fields.user = this.user;
    if (this.channel !== undefined) fields.channel = this.channel;
    if (this.ticket !== undefined) fields.ticket = this.ticket;
    return fields;
  }
}

/** The scope a change's origin names, when it is a Slack request's (see `announceTicketChange`). */
export const scopeOfOrigin = (origin: object | undefined): RequestScope | null => (origin instanceof RequestScope ? origin : null);

const userOf = (body: Record<string, unknown>): string | undefined =>
  (body.user as { id?: string } | undefined)?.id ?? (body.user_id as string | undefined) ?? (body.event as { user?: string } | undefined)?.user;

const channelOf = (body: Record<string, unknown>): string | undefined =>
  (body.channel as { id?: string } | undefined)?.id ?? (body.channel_id as string | undefined) ?? (body.event as { channel?: string } | undefined)?.channel;

/** The name a request is counted under: the command, action, view or event it carries. */
const listenerOf = (body: Record<string, unknown>): string => {
  if (typeof body.command === 'string') return body.command;
  const action = (body.actions as { action_id?: string }[] | undefined)?.[0]?.action_id;
  if (action) return `action:${action}`;
  const view = (body.view as { callback_id?: string } | undefined)?.callback_id;
  if (body.type === 'view_submission' || body.type === 'view_closed') return `view:${view ?? 'unknown'}`;
  if (typeof body.callback_id === 'string') return `shortcut:${body.callback_id}`;
  const event = (body.event as { type?: string } | undefined)?.type;
  return event ? `event:${event}` : 'other';
};

/**
 * Times every Slack request from arrival to the HTTP answer, which is when Slack sees the ack,
 * by the listener it reached; answers the request's scope, which the receiver hands to Bolt in
 * the request's context. Given to the receiver as its observer.
 */
export const timeRequests =
  (metrics: HelpdeskMetrics): RequestObserver =>
  (response) => {
    const scope = new RequestScope();
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      metrics.requests.inc({ listener: scope.listener, status: String(response.statusCode) });
      metrics.ackSeconds.observe({ listener: scope.listener }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    return scope;
  };

/**
 * Names the listener, user and channel of each request in the scope `timeRequests` opened, for
 * the log and the metrics, and gives the request a logger whose lines carry that scope (the
 * `logger` its listener is handed): a Bolt global middleware. HTTP mode; Socket Mode requests
 * have no scope, and their listeners log through Bolt's logger.
 */
export const labelRequests = (app: App, root: PinoLogger): void => {
  app.use(async ({ body, context, next }) => {
    const request = context as RequestContext;
    const scope = request.requestScope;
    if (scope instanceof RequestScope) {
      const payload = body as Record<string, unknown>;
      scope.listener = listenerOf(payload);
      scope.user = userOf(payload);
      scope.channel = channelOf(payload);
      request.requestLogger = requestLogger(root, () => scope.fields());
    }
    await next();
  });
};
