import { err, Result } from './result';
import { formatTicketNumber, Ticket } from './ticket';
import { MergeTarget, TicketCommand } from './ticket-command';
import { TicketError, ticketError } from './ticket-error';
import { Plan, planned } from './transition-plan';

/**
 * Why a duplicate may not be merged into `target`, or null when it may: not into itself, not
 * across departments (osTicket merges only tickets an agent may see together; a department's
 * duplicate belongs with its own ticket), and not into a closed ticket, which nobody works on.
 */
export const mergeRefusal = (ticket: Pick<Ticket, 'id' | 'number' | 'departmentId'>, target: MergeTarget): TicketError | null => {
  if (target.id === ticket.id) return ticketError('TICKET.SAME_TICKET', `A ticket cannot be merged into itself: pick the ticket ${formatTicketNumber(ticket.number)} duplicates.`);
  if (target.departmentId !== ticket.departmentId) {
    return ticketError(
      'TICKET.OTHER_DEPARTMENT',
      `${formatTicketNumber(target.number)} is in another department: a ticket can only be merged into a ticket of its own department (transfer it first).`,
    );
  }
  if (target.status === 'closed') return ticketError('TICKET.TARGET_CLOSED', `${formatTicketNumber(target.number)} is closed: merge into a ticket that is still being worked on, or reopen it first.`);
  return null;
};

/** Plans closing a duplicate as merged into its target, recording the target's id and number on the event. */
export const planMerge = (ticket: Ticket, command: Extract<TicketCommand, { type: 'merge_into' }>, now: Date): Result<Plan, TicketError> => {
  const refusal = mergeRefusal(ticket, command.target);
  if (refusal) return err(refusal);
  const { target } = command;
  return planned('merged', { status: 'closed', closedAt: now, closeReason: 'merged' }, null, { after: { mergedIntoId: target.id, mergedIntoNumber: target.number } });
};
