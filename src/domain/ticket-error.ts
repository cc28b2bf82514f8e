/** Every reason the domain refuses a command; services and listeners map them to messages and form fields. */
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
  'TICKET.WATCHER_IS_REQUESTER',
  'TICKET.ALREADY_WATCHING',
  'TICKET.NOT_WATCHING',
  'TICKET.TOO_MANY_WATCHERS',
  'TICKET.FILE_REFUSED',
  'TICKET.SUMMARY_INVALID',
  'TICKET.NOTHING_CHANGED',
  'TICKET.TOPIC_UNAVAILABLE',
  /** The requester's reopen window (their department's `reopen_window`) passed: they file a new ticket instead. */
  'TICKET.REOPEN_WINDOW_PASSED',
  /** Merge and link: the other ticket is this one, in another department, closed, unknown, or already linked. */
  'TICKET.SAME_TICKET',
  'TICKET.OTHER_DEPARTMENT',
  'TICKET.TARGET_CLOSED',
  'TICKET.UNKNOWN_NUMBER',
  'TICKET.ALREADY_LINKED',
  /** The requester already answered How did we do? for this ticket, or was never asked. */
  'TICKET.SATISFACTION_CLOSED',
  /** A text longer than the field takes (a satisfaction comment). */
  'TICKET.TEXT_TOO_LONG',
] as const;
/** One of `TICKET_ERROR_CODES`. */
export type TicketErrorCode = (typeof TICKET_ERROR_CODES)[number];

/** A refusal: its code, and the words the person who asked is shown. */
export interface TicketError {
  readonly code: TicketErrorCode;
  readonly message: string;
}

/** A refusal with `code` and the `message` shown to the person who asked. */
export const ticketError = (code: TicketErrorCode, message: string): TicketError => ({ code, message });

/**
 * The one answer to everyone who may not act on a ticket: the same words whatever the ticket's
 * number, state or existence, and whatever they tried, so a refusal teaches an outsider nothing
 * about the ticket.
 */
export const NOT_PERMITTED_MESSAGE =
  "You can't do that. Only the agents and managers of a ticket's department can work it, and only the person who filed it can answer its resolution. Nothing was changed.";

/** The refusal for anyone who may not act on the ticket (`NOT_PERMITTED_MESSAGE`). */
export const notPermitted = (): TicketError => ticketError('TICKET.NOT_PERMITTED', NOT_PERMITTED_MESSAGE);
