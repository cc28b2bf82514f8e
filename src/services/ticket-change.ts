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

export type OnTicketChange = (change: TicketChange) => void;
