import { TicketError } from '../domain/ticket-error';
import { TicketEvent } from '../domain/ticket-event';
import { TicketRow } from './ports/records';
import { TicketUnit } from './ports/ticket-store';
import { toOutboxRow } from './outbox-messages';
import { TicketChange } from './ticket-change';

/** An outsider's attempts on one ticket show as one line in its card thread per this much time, counted from their last line. */
export const REFUSAL_LINE_WINDOW_MS = 10 * 60_000;

/** Who may do what was refused: the department's staff (the card), or the requester (their own messages). */
export type Reserved = 'staff' | 'requester';

/** What someone tried, as the card thread says it: "<@U…> tried to {words} this ticket". */
export const ACTION_WORDS = {
  assign: 'assign',
  release: 'release',
  transfer: 'transfer',
  escalate: 'escalate',
  reply: 'reply on',
  note: 'add a note to',
  requester_message: 'write in',
  resolve: 'resolve',
  close: 'close',
  reopen: 'reopen',
  edit: 'edit',
  withdraw: 'withdraw',
} as const;

export interface Attempt {
  readonly userId: string;
  /** Words for what they tried, as in ACTION_WORDS ("reply on"). */
  readonly action: string;
  readonly reserved: Reserved;
}

type RefusedTicket = Pick<TicketRow, 'id' | 'number'>;

const outsiderLine = ({ action, reserved }: Attempt): string => {
  const why = reserved === 'staff' ? ', but is not an agent or manager of its department' : " from its requester's messages, which only the requester may do";
  return `${action} this ticket${why} (further attempts within ${REFUSAL_LINE_WINDOW_MS / 60_000} minutes are not listed).`;
};

/**
 * Someone who may not act on the ticket tried to. The attempt shows in the card's thread, one
 * line per person per ticket per REFUSAL_LINE_WINDOW_MS (counted from their last line), so a
 * burst of clicks is one line; the history gets that line's `refused` event. Further attempts in
 * the window write nothing but their log line. The card is not redrawn: an outsider's click
 * changes nothing on it. The window is claimed with one conditional statement, so concurrent
 * clicks (on several instances too) still make one line.
 */
export const recordOutsiderAttempt = async (unit: TicketUnit, ticket: RefusedTicket, attempt: Attempt, now: Date, queuedAt: Date): Promise<TicketChange> => {
  const change: TicketChange = { ticketNumber: ticket.number, actorId: attempt.userId, events: [], refusal: 'TICKET.NOT_PERMITTED' };
  const window = `refused:${ticket.id}:${attempt.userId}`;
  const first = await unit.processedKeys.claimUnlessSince(window, now, new Date(now.getTime() - REFUSAL_LINE_WINDOW_MS));
  if (!first) return change;
  const event: TicketEvent = { type: 'refused', actorId: attempt.userId, at: now, before: {}, after: {}, text: outsiderLine(attempt) };
  const [eventId] = await unit.events.append(ticket.id, [event]);
  if (eventId !== undefined) await unit.outbox.enqueue([toOutboxRow({ kind: 'thread_line', ticketId: ticket.id, eventId })], queuedAt);
  return { ...change, events: ['refused'] };
};

/**
 * A refusal of someone who may act (a double click, a ticket resolved meanwhile) goes into the
 * history, as "<command>: <reason>"; a click on an out-of-date card has the card redrawn.
 */
export const recordRefusal = async (unit: TicketUnit, ticket: RefusedTicket, attempt: Attempt, command: string, refusal: TicketError, now: Date, queuedAt: Date): Promise<TicketChange> => {
  if (refusal.code === 'TICKET.NOT_PERMITTED') return recordOutsiderAttempt(unit, ticket, attempt, now, queuedAt);
  const change: TicketChange = { ticketNumber: ticket.number, actorId: attempt.userId, events: ['refused'], refusal: refusal.code };
  const event: TicketEvent = { type: 'refused', actorId: attempt.userId, at: now, before: {}, after: {}, text: `${command}: ${refusal.message}` };
  const ticketId = ticket.id;
  if (refusal.code === 'TICKET.STALE') {
    await unit.events.recordStaleClick(ticketId, event, queuedAt);
    return change;
  }
  await unit.events.append(ticketId, [event]);
  return change;
};
