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
] as const;
export type TicketErrorCode = (typeof TICKET_ERROR_CODES)[number];

export interface TicketError {
  readonly code: TicketErrorCode;
  readonly message: string;
}

export const ticketError = (code: TicketErrorCode, message: string): TicketError => ({ code, message });
