import type { AllMiddlewareArgs, BlockButtonAction, Logger, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { slackErrorName } from '../../delivery/classify-slack-error';
import { decodeTicketRef } from '../../views/ticket-ref';
import { buildWatchersModal } from '../../views/watcher.view';
import { ListenerDeps } from '../deps';
import { tellActor } from '../tell-actor';
import { originOf } from '../../request-context';

/**
 * Opens the Watchers modal (the card's ⋮ Watchers…, the requester's Watchers… button) for someone
 * who may change a ticket's watchers: its department's agents and managers, and its requester.
 */
export const openWatchersModal = async (
  deps: ListenerDeps,
  client: WebClient,
  respond: RespondFn,
  logger: Logger,
  request: { readonly ticketId: number; readonly userId: string; readonly triggerId: string },
): Promise<void> => {
  const allowed = await deps.workflow.watchersOf(request.ticketId, request.userId);
  if (!allowed.ok) return tellActor(respond, logger, allowed.error.message);
  try {
    await client.views.open({ trigger_id: request.triggerId, view: buildWatchersModal(allowed.value.ticket, allowed.value.watcherIds) });
  } catch (error) {
    const reason = slackErrorName(error);
    logger.warn('views.open failed', { reason });
    await tellActor(respond, logger, `The form could not be opened (${reason}). Please click again.`);
  }
};

/** The requester's **Watchers…** button on their ticket's DM. */
export const handleOpenWatchers =
  (deps: ListenerDeps) =>
  async ({ ack, body, action, client, respond, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const ref = decodeTicketRef(action.value);
    if (!ref) return logger.warn('watchers button with an unreadable value');
    await openWatchersModal(deps, client, respond, logger, { ticketId: ref.ticketId, userId: body.user.id, triggerId: body.trigger_id });
  };

/** A watcher's **Stop watching**: they leave the ticket's watchers (the card thread and the requester are told). */
export const handleStopWatching =
  (deps: ListenerDeps) =>
  async ({ ack, body, action, respond, logger, context }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    const ref = decodeTicketRef(action.value);
    if (!ref) {
      await ack();
      return logger.warn('stop watching button with an unreadable value');
    }
    const userId = body.user.id;
    const result = await deps.workflow.perform({ ticketId: ref.ticketId, userId, command: { type: 'remove_watcher', watcherId: userId }, changeOrigin: originOf(context) }).finally(() => ack());
    if (!result.ok) await tellActor(respond, logger, result.error.message);
  };
