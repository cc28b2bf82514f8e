import type { Logger } from '@slack/bolt';
import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { slackErrorName } from '../delivery/classify-slack-error';
import { buildTicketModal, TicketModalInput } from '../views/ticket-modal.view';

/** Opens the ticket modal; if Slack refuses, tells the person instead of failing silently. */
export const openTicketModal = async (client: WebClient, triggerId: string, input: TicketModalInput, respond: RespondFn, logger: Logger): Promise<void> => {
  try {
    await client.views.open({ trigger_id: triggerId, view: buildTicketModal(input) });
  } catch (error) {
    const reason = slackErrorName(error);
    logger.warn('views.open failed', { reason });
    await respond({
      response_type: 'ephemeral',
      text:
        reason === 'expired_trigger_id'
          ? 'Slack took too long to open the ticket form. Please try again.'
          : `The ticket form could not be opened (${reason}). Please try again; if it keeps failing, tell your help desk admin.`,
    }).catch((respondError: unknown) => logger.error('could not tell the user that views.open failed', respondError));
  }
};
