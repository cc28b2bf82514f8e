import { MAX_TICKET_NUMBER } from '../../../services/ports/ticket-queries';
import { ticketNotFoundAnswer, ticketNumberProblemAnswer, ticketStatusAnswer } from '../../views/ticket-status.view';
import { readTicketNumber } from './command-words';
import type { Subcommand } from './subcommand';

/** `/ticket status 1042` (or `#1042`): the ticket as the caller may see it, or the one "not found" answer. */
export const statusSubcommand: Subcommand = async ({ userId, args }, { lookup }) => {
  const argument = readTicketNumber(args, MAX_TICKET_NUMBER);
  if (argument.kind !== 'number') return ticketNumberProblemAnswer(argument, MAX_TICKET_NUMBER);
  const found = await lookup.findTicket(userId, argument.number);
  if (found.kind === 'not_found') return ticketNotFoundAnswer(argument.number);
  const departments = await lookup.departmentNames();
  return ticketStatusAnswer(found.view, (id) => departments.get(Number(id)) ?? 'another department');
};
