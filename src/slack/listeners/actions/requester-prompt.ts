import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { slackErrorName } from '../../delivery/classify-slack-error';
import { decodeTicketRef } from '../../views/ticket-ref';
import { buildStillBrokenModal } from '../../views/work-modals.view';
import { followUpTicketPrefill } from '../../views/follow-up-ticket.view';
import { openTicketModal } from '../open-ticket-modal';
import { buildWithdrawModal } from '../../views/ticket-edit.view';
import { ListenerDeps } from '../deps';
import { tellActor } from '../tell-actor';
import { originOf } from '../../request-context';

/** "That fixed it" under a resolution: the requester closes their ticket. */
export const handleConfirmFixed =
  (deps: ListenerDeps) =>
  async ({ ack, body, action, respond, logger, context }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    const ref = decodeTicketRef(action.value);
    if (!ref) {
      await ack();
      return logger.warn('resolution button with an unreadable value');
    }
    // The message that gets settled is the prompt the app stored, never the click's channel and ts.
    const result = await deps.workflow.perform({ ticketId: ref.ticketId, userId: body.user.id, command: { type: 'close' }, answersPrompt: true, changeOrigin: originOf(context) }).finally(() => ack());
    if (!result.ok) await tellActor(respond, logger, result.error.message);
  };

/**
 * "Still broken" under a resolution, or "Reopen" under a closed ticket: asks what is wrong, then
 * reopens. Past the department's reopen window it opens the New ticket form instead, naming the old
 * ticket, which the new one is linked to when filed.
 */
export const handleStillBroken =
  (deps: ListenerDeps) =>
  async ({ ack, body, action, client, respond, logger, context }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const ref = decodeTicketRef(action.value);
    if (!ref) return logger.warn('resolution button with an unreadable value');
    const allowed = await deps.workflow.authorizeRequester(ref.ticketId, body.user.id, originOf(context));
    if (!allowed.ok) return tellActor(respond, logger, allowed.error.message);
    const window = await deps.workflow.reopenWindowOf(allowed.value);
    if (window.passed) {
      // Too long closed to reopen: a new ticket that names the old one, linked to it once filed.
      const topics = await deps.intake.offeredTopics();
      const prefill = followUpTicketPrefill(allowed.value, window.windowSeconds);
      return openTicketModal(client, body.trigger_id, { topics, ...prefill, metadata: { source: null, followsUp: { ticketId: allowed.value.id } } }, respond, logger);
    }
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: buildStillBrokenModal(allowed.value) });
    } catch (error) {
      await tellActor(respond, logger, `The form could not be opened (${slackErrorName(error)}). Please click again.`);
    }
  };

/** "Withdraw ticket" on the requester's ticket DM: asks why (optionally), then the ticket closes as withdrawn. */
export const handleWithdraw =
  (deps: ListenerDeps) =>
  async ({ ack, body, action, client, respond, logger, context }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const ref = decodeTicketRef(action.value);
    if (!ref) return logger.warn('withdraw button with an unreadable value');
    const allowed = await deps.workflow.authorizeWithdraw(ref.ticketId, body.user.id, originOf(context));
    if (!allowed.ok) return tellActor(respond, logger, allowed.error.message);
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: buildWithdrawModal(allowed.value) });
    } catch (error) {
      await tellActor(respond, logger, `The form could not be opened (${slackErrorName(error)}). Please click again.`);
    }
  };
