import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { formatTicketNumber } from '../../../domain/ticket';
import { takeOverPrompt } from '../../views/assignment.view';
import { decodeTicketRef } from '../../views/ticket-ref';
import { ListenerDeps } from '../deps';
import { tellActor } from '../tell-actor';
import { originOf } from '../../request-context';

/**
 * **Assign to me** on a card. On a ticket someone else has, nothing changes yet: the person who
 * clicked is asked, with the assignee as the ticket has it now ("John has #1042: take it over?").
 * Slack's `confirm` dialog on the button could only show what the card showed when it was drawn.
 */
export const handleAssignSelf =
  (deps: ListenerDeps) =>
  async ({ ack, body, action, respond, logger, context }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    const ref = decodeTicketRef(action.value);
    if (!ref) {
      await ack();
      return logger.warn('card button with an unreadable value', { actionId: action.action_id });
    }
    const request = { ticketId: ref.ticketId, userId: body.user.id, expectedVersion: ref.version, confirmed: false, changeOrigin: originOf(context) };
    // The change is committed before Slack hears back: an acknowledged click is never lost.
    const result = await deps.workflow.assignToMe(request).finally(() => ack());
    if (!result.ok) return tellActor(respond, logger, result.error.message);
    if (!('takeOver' in result.value)) return;
    const prompt = takeOverPrompt(result.value.takeOver);
    await respond({ response_type: 'ephemeral', replace_original: false, text: prompt.text, blocks: prompt.blocks }).catch((error: unknown) =>
      logger.warn('could not ask the person who clicked', error),
    );
  };

/**
 * **Take it over** under that question: assigns the ticket to the person, if it has not changed
 * since they were asked, and replaces the question with what happened. The previous assignee is
 * told by DM (ticket-notifications.ts).
 */
export const handleTakeOver =
  (deps: ListenerDeps) =>
  async ({ ack, body, action, respond, logger, context }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    const ref = decodeTicketRef(action.value);
    if (!ref) {
      await ack();
      return logger.warn('take-over button with an unreadable value');
    }
    const result = await deps.workflow
      .assignToMe({ ticketId: ref.ticketId, userId: body.user.id, expectedVersion: ref.version, confirmed: true, changeOrigin: originOf(context) })
      .finally(() => ack());
    const text = !result.ok ? result.error.message : 'takeOver' in result.value ? 'Please try again.' : `${formatTicketNumber(result.value.ticket.number)} is yours now.`;
    await respond({ response_type: 'ephemeral', replace_original: true, text }).catch((error: unknown) => logger.warn('could not answer the person who clicked', error));
  };

/** **Leave it with them**: nothing changes; the question goes away. */
export const handleKeepAssignee = async ({ ack, respond, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
  await ack();
  await respond({ delete_original: true }).catch((error: unknown) => logger.warn('could not remove the question', error));
};
