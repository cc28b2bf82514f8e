import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decodeTicketRef } from '../../views/ticket-ref';

/** Card buttons whose behaviour is not built yet answer honestly instead of doing nothing. */
export const handleCardActionComingSoon =
  (label: string) =>
  async ({ ack, body, action, client, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    if (!decodeTicketRef(action.value)) return logger.warn('card button with an unreadable value', { actionId: action.action_id });
    const channel = body.channel?.id;
    if (!channel) return;
    await client.chat
      .postEphemeral({ channel, user: body.user.id, text: `“${label}” is coming soon: this button does not change the ticket yet.` })
      .catch((error: unknown) => logger.warn('could not post the coming-soon notice', error));
  };
