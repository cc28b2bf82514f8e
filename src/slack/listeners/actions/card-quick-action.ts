import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { WorkflowCommand } from '../../../services/ticket-workflow.service';
import { decodeTicketRef } from '../../views/ticket-ref';
import { ListenerDeps } from '../deps';
import { applyFromCard } from './apply-from-card';
import { originOf } from '../../request-context';

/** A card button that changes the ticket at once (Close, Reopen; Assign to me is `card-assign-self.ts`). */
export const handleCardQuickAction =
  (deps: ListenerDeps, command: (userId: string) => WorkflowCommand) =>
  async ({ ack, body, action, respond, logger, context }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    const ref = decodeTicketRef(action.value);
    if (!ref) {
      await ack();
      return logger.warn('card button with an unreadable value', { actionId: action.action_id });
    }
    // The change is committed before Slack hears back: an acknowledged click is never lost.
    await applyFromCard(deps, ack, respond, logger, { ref, userId: body.user.id, command: command(body.user.id), changeOrigin: originOf(context) });
  };
