import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { RequestObserver } from '../slack/receiver/helpdesk-receiver';
import { HelpdeskMetrics } from './metrics';

interface RequestScope {
  readonly requestId: string;
  listener: string;
  /** Slack ids of the request: who acted, and where. */
  user?: string;
  channel?: string;
  /** The number of the ticket the request changed, once it is known. */
  ticket?: number;
}

const scopes = new AsyncLocalStorage<RequestScope>();

/** What log lines written while handling a request say about it. */
export const currentRequest = (): Record<string, string | number> => {
  const scope = scopes.getStore();
  if (!scope) return {};
  return Object.fromEntries(
    Object.entries({ requestId: scope.requestId, listener: scope.listener, user: scope.user, channel: scope.channel, ticket: scope.ticket }).filter(
      (entry): entry is [string, string | number] => entry[1] !== undefined,
    ),
  );
};

/** Has the rest of the current request's log lines name the ticket it is about. */
export const noteTicket = (number: number): void => {
  const scope = scopes.getStore();
  if (scope) scope.ticket = number;
};

/**
 * Runs `work` outside any request, so what it starts (the outbox dispatcher's deliveries, which
 * may be about other tickets) does not log as part of the request that happened to start it.
 */
export const outsideRequest = (work: () => void): void => scopes.exit(work);

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
 * by the listener it reached, and runs its handling in a request scope that log lines carry.
 * Given to the receiver as its observer.
 */
export const timeRequests =
  (metrics: HelpdeskMetrics): RequestObserver =>
  (response, handle) => {
    const scope: RequestScope = { requestId: randomUUID(), listener: 'unrouted' };
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      metrics.requests.inc({ listener: scope.listener, status: String(response.statusCode) });
      metrics.ackSeconds.observe({ listener: scope.listener }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    scopes.run(scope, handle);
  };

/**
 * Names the listener, user and channel of each request in its scope, for the log and the
 * metrics: a Bolt global middleware filling the scope `timeRequests` opened (HTTP mode; Socket
 * Mode requests have no scope).
 */
export const labelRequests = (app: App): void => {
  app.use(async ({ body, next }) => {
    const scope = scopes.getStore();
    if (scope) {
      const payload = body as Record<string, unknown>;
      scope.listener = listenerOf(payload);
      scope.user = userOf(payload);
      scope.channel = channelOf(payload);
    }
    await next();
  });
};
