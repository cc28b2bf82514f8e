import type { AllMiddlewareArgs, Context } from '@slack/bolt';
import type { Logger } from '@slack/logger';
import type { ChangeOrigin } from '../services/ticket-change';

/**
 * What the app adds to a request's Bolt `context` (HTTP mode; neither is set in Socket Mode): the
 * request's scope, given by the receiver as Bolt's `customProperties`, and the logger whose lines
 * carry it, set by the app's global middleware (see `observability/request-timing.ts`).
 */
export interface RequestContext extends Context {
  requestScope?: object;
  requestLogger?: Logger;
}

/** The request a change is asked for in, handed to a service so that its log line names the request. */
export const originOf = (context: Context): ChangeOrigin | undefined => (context as RequestContext).requestScope;

/**
 * A listener as Bolt registers it, handed its request's logger as `logger` (Bolt's own otherwise),
 * so that its lines carry the request's `requestId`, `listener`, `user` and `channel`.
 */
export const withRequestLogger =
  <Args extends AllMiddlewareArgs>(listener: (args: Args) => Promise<unknown>) =>
  async (args: Args): Promise<void> => {
    await listener({ ...args, logger: (args.context as RequestContext).requestLogger ?? args.logger });
  };
