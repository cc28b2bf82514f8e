import { TicketEvent } from '../domain/ticket-event';
import { TicketError } from '../domain/ticket-error';

/** What one committed request did to a ticket: for the log line, and to have the outbox sent. */
export interface TicketChange {
  readonly ticketNumber: number;
  readonly actorId: string;
  /** The events the request added to the ticket's history, in order. */
  readonly events: readonly TicketEvent['type'][];
  /** Why the request was refused, when the only event is the refusal. */
  readonly refusal?: TicketError['code'];
}

/**
 * Where a change was asked for, as the caller knows it: the Slack layer passes its request's
 * scope, which the change's log line names. Services hand it on untouched and never look inside.
 */
export type ChangeOrigin = object;

/** Told of each committed change, with the origin its request carried (none for the sweeps). */
export type OnTicketChange = (change: TicketChange, origin?: ChangeOrigin) => void;
