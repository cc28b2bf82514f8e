import { ok, Result } from './result';
import { formatTicketNumber, isActive, Ticket, TicketStatus } from './ticket';
import { TicketError, ticketError } from './ticket-error';
import { FieldValue, TicketEventType } from './ticket-event';

/** What a command changes on the ticket: every field but its identity and version. */
export type Changes = Partial<Omit<Ticket, 'id' | 'number' | 'createdAt' | 'version'>>;

/** What a permitted command does, before the SLA clock and the follow-ups follow it (`apply` in ticket-transitions.ts). */
export interface Plan {
  readonly type: TicketEventType;
  readonly changes: Changes;
  readonly text: string | null;
  /** What the event records besides the changed card fields (who was added as a watcher, the ticket a duplicate went into). */
  readonly recorded?: { readonly before?: Record<string, FieldValue>; readonly after?: Record<string, FieldValue> };
}

/** A plan as a successful result; `recorded` only when the event records more than the card fields. */
export const planned = (type: TicketEventType, changes: Changes, text: string | null = null, recorded?: Plan['recorded']): Result<Plan, TicketError> =>
  ok({ type, changes, text, ...(recorded ? { recorded } : {}) });

/** Refuses work on a ticket that is resolved or closed. */
export const requireActive = (ticket: Ticket): TicketError | null =>
  isActive(ticket.status) ? null : ticketError('TICKET.NOT_ACTIVE', `${formatTicketNumber(ticket.number)} is ${ticket.status}; reopen it first.`);

/** Refuses an empty reason, message or note; `what` names it in the refusal ("A reason"). */
export const requireText = (text: string, what: string): TicketError | null => (text.trim() === '' ? ticketError('TICKET.TEXT_REQUIRED', `${what} is required.`) : null);

/** The status a working ticket has when nobody is waiting on the requester. */
export const workingStatus = (assigneeId: string | null): TicketStatus => (assigneeId ? 'in_progress' : 'open');
