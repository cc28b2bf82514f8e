import { Actor } from './actor';
import { err, ok, Result } from './result';
import { formatTicketNumber, Ticket } from './ticket';
import { TicketError, ticketError } from './ticket-error';
import { TicketEvent } from './ticket-event';

type Numbered = Pick<Ticket, 'id' | 'number'>;

/**
 * The event a merge adds to the surviving ticket's history: which duplicate came in, and whose it
 * was (its requester now follows the surviving ticket). The duplicate's own side is the `merged`
 * transition (`merge_into` in ticket-transitions.ts).
 */
export const mergedFromEvent = (duplicate: Numbered & Pick<Ticket, 'requesterId'>, actor: Actor, now: Date): TicketEvent => ({
  type: 'merged_from',
  actorId: actor.userId,
  at: now,
  before: {},
  after: { mergedTicketId: duplicate.id, mergedNumber: duplicate.number, mergedRequesterId: duplicate.requesterId },
  text: null,
});

/**
 * Which side of a follow-up link a ticket is, as its `linked` event's `after.followUp` says: the
 * new ticket a requester filed with Still broken past the reopen window `follows` the old one,
 * which is `followed_by` it (issue 18). Absent for a link an agent made.
 */
export const FOLLOW_UP_SIDES = { follows: 'follows', followedBy: 'followed_by' } as const;

/** The two events of a link, one in each ticket's history. */
export interface LinkEvents {
  readonly ticket: TicketEvent;
  readonly other: TicketEvent;
}

/**
 * Links two related tickets (osTicket's linked tickets), whatever their departments and states: an
 * event in each history naming the other. Refused for the ticket itself and for a pair already
 * linked. Who may see the other ticket is for the caller to decide first.
 */
export const linkTickets = (ticket: Numbered, other: Numbered, actor: Actor, now: Date, alreadyLinked: boolean): Result<LinkEvents, TicketError> => {
  if (other.id === ticket.id) return err(ticketError('TICKET.SAME_TICKET', `A ticket cannot be linked to itself: type the number of the related ticket.`));
  if (alreadyLinked) return err(ticketError('TICKET.ALREADY_LINKED', `${formatTicketNumber(ticket.number)} and ${formatTicketNumber(other.number)} are already linked.`));
  const event = (to: Numbered): TicketEvent => ({ type: 'linked', actorId: actor.userId, at: now, before: {}, after: { linkedTicketId: to.id, linkedNumber: to.number }, text: null });
  return ok({ ticket: event(other), other: event(ticket) });
};
