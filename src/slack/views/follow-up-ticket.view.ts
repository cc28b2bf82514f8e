import { formatDelay } from '../../domain/follow-ups';
import { formatTicketNumber } from '../../domain/ticket';
import { DETAILS_MAX_LENGTH, SUMMARY_MAX_LENGTH } from '../../domain/ticket-intake';
import { TicketRow } from '../../services/ports/records';
import { Prefill } from './ticket-modal-prefill';
import { truncateText } from './text-cuts';

/**
 * The New ticket modal's prefill when Still broken (or Reopen) is clicked on a ticket closed
 * longer than its reopen window: the new ticket names the old one in its summary and details, and
 * is linked to it when filed (both cards list the other), as the notice says.
 */
export const followUpTicketPrefill = (ticket: Pick<TicketRow, 'number' | 'summary' | 'details'>, windowSeconds: number): Required<Prefill> => {
  const number = formatTicketNumber(ticket.number);
  const reference = `Follows up on ${number}, which was closed and can no longer be reopened.`;
  return {
    summary: truncateText(`Still broken after ${number}: ${ticket.summary}`, SUMMARY_MAX_LENGTH),
    details: truncateText(ticket.details.trim() === '' ? reference : `${reference}\n\n${ticket.details}`, DETAILS_MAX_LENGTH),
    notice: `:information_source: ${number} was closed more than ${formatDelay(windowSeconds)} ago, so this files a new ticket, linked to ${number} so the help desk sees its history.`,
  };
};
