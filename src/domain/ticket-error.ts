export const TICKET_ERROR_CODES = [
  'TICKET.NOT_PERMITTED',
  'TICKET.CLOSED',
  'TICKET.NOT_ACTIVE',
  'TICKET.NOT_RESOLVED_OR_CLOSED',
  'TICKET.ALREADY_ASSIGNED',
  'TICKET.NOT_ASSIGNED',
  'TICKET.ASSIGNEE_NOT_AN_AGENT',
  'TICKET.SAME_DEPARTMENT',
  'TICKET.TEXT_REQUIRED',
  'TICKET.PRIORITY_NOT_HIGHER',
  'TICKET.ALREADY_WAITING',
  'TICKET.STALE',
  'TICKET.NOT_RESOLVED',
  'TICKET.DEPARTMENT_UNAVAILABLE',
  /** The requester already answered How did we do? for this ticket, or was never asked. */
  'TICKET.SATISFACTION_CLOSED',
  /** A text longer than the field takes (a satisfaction comment). */
  'TICKET.TEXT_TOO_LONG',
] as const;
export type TicketErrorCode = (typeof TICKET_ERROR_CODES)[number];

export interface TicketError {
  readonly code: TicketErrorCode;
  readonly message: string;
}

export const ticketError = (code: TicketErrorCode, message: string): TicketError => ({ code, message });

/**
 * The one answer to everyone who may not act on a ticket: the same words whatever the ticket's
 * number, state or existence, and whatever they tried, so a refusal teaches an outsider nothing
 * about the ticket.
 */
export const NOT_PERMITTED_MESSAGE =
  "You can't do that. Only the agents and managers of a ticket's department can work it, and only the person who filed it can answer its resolution. Nothing was changed.";

export const notPermitted = (): TicketError => ticketError('TICKET.NOT_PERMITTED', NOT_PERMITTED_MESSAGE);
