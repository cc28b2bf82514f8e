import type { AllMiddlewareArgs, BlockButtonAction, Logger, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { StaffView } from '../../../services/ticket-workflow.service';
import { slackErrorName } from '../../delivery/classify-slack-error';
import { decodeTicketRef, TicketRef } from '../../views/ticket-ref';
import { ListenerDeps } from '../deps';
import { tellActor } from '../tell-actor';
import { ChangeOrigin } from '../../../services/ticket-change';
import { originOf } from '../../request-context';

export interface WorkModalRequest {
  readonly ref: TicketRef;
  readonly userId: string;
  readonly triggerId: string;
  /** What the person is about to do, for the refusal message ("resolve", "transfer"). */
  readonly action: string;
  readonly build: (view: StaffView) => ModalView | Promise<ModalView>;
  /** Why the form may not open for this ticket as it is now (Edit on a closed ticket), told to the person instead; null to open it. */
  readonly refuse?: (view: StaffView) => string | null;
  /** The request it is asked in, for the change's log line (see `originOf`). */
  readonly changeOrigin?: ChangeOrigin;
}

/** Opens an agent's modal, after checking that the person may work this ticket at all. */
export const openWorkModal = async (deps: ListenerDeps, client: WebClient, respond: RespondFn, logger: Logger, request: WorkModalRequest): Promise<void> => {
  const allowed = await deps.workflow.authorizeStaff(request.ref.ticketId, request.userId, request.action, request.changeOrigin);
  if (!allowed.ok) return tellActor(respond, logger, allowed.error.message);
  const refusal = request.refuse?.(allowed.value) ?? null;
  if (refusal) return tellActor(respond, logger, refusal);
  try {
    await client.views.open({ trigger_id: request.triggerId, view: await request.build(allowed.value) });
  } catch (error) {
    const reason = slackErrorName(error);
    logger.warn('views.open failed', { reason });
    await tellActor(respond, logger, `The form could not be opened (${reason}). Please click again.`);
  }
};

/** A card button that opens a modal (Reply to requester, Internal note, Transfer, Escalate, Resolve). */
export const handleOpenWorkModal =
  (deps: ListenerDeps, action: string, build: WorkModalRequest['build']) =>
  async ({ ack, body, action: clicked, client, respond, logger, context }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const ref = decodeTicketRef(clicked.value);
    if (!ref) return logger.warn('card button with an unreadable value', { actionId: clicked.action_id });
    await openWorkModal(deps, client, respond, logger, { ref, userId: body.user.id, triggerId: body.trigger_id, action, build, changeOrigin: originOf(context) });
  };
