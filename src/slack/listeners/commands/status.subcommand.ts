import { MAX_TICKET_NUMBER } from '../../../services/ports/ticket-queries';
import { SlackMessage } from '../../views/ticket-card.view';
import { ticketNotFoundAnswer, ticketNumberProblemAnswer, ticketStatusAnswer, unusedWordsNote } from '../../views/ticket-status.view';
import { findTicketNumber, otherTicketNumbers } from './command-words';
import type { Subcommand } from './subcommand';

/**
 * `/ticket status 1042` (or `#1042`): the ticket as the caller may see it, or the one "not found"
 * answer. The number may stand among other words (`status 1042 please`, `status of #1042?`): the
 * first number is looked up, and the answer says what else was typed and not used.
 */
export const statusSubcommand: Subcommand = async ({ userId, args }, { lookup }) => {
  const { argument, unused } = findTicketNumber(args, MAX_TICKET_NUMBER);
  if (argument.kind !== 'number') return ticketNumberProblemAnswer(argument, MAX_TICKET_NUMBER);
  const found = await lookup.findTicket(userId, argument.number);
  let answer: SlackMessage;
  if (found.kind === 'not_found') answer = ticketNotFoundAnswer(argument.number);
  else {
    const departments = await lookup.departmentNames();
    answer = ticketStatusAnswer(found.view, (id) => departments.get(Number(id)) ?? 'another department');
  }
  if (unused === '') return answer;
  return { text: answer.text, blocks: [unusedWordsNote(argument.number, unused, otherTicketNumbers(unused)), ...answer.blocks] };
};
