import { TicketEventType } from './ticket-event';

/**
 * Why a ticket closed: `closed`, closed by its requester confirming the fix or by staff; `merged`,
 * closed as a duplicate of another ticket of its department (osTicket's merge). Anything that
 * treats closings differently (a satisfaction question is not asked of a merged ticket) keys on
 * the reason.
 */
export const CLOSE_REASONS = ['closed', 'merged'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

const REASON_OF: Partial<Record<TicketEventType, CloseReason>> = { closed: 'closed', merged: 'merged' };

/** The close reason an event of this type records, or null when the event does not close the ticket. */
export const closeReasonOf = (type: TicketEventType): CloseReason | null => REASON_OF[type] ?? null;

/** Whether an event of this type closes its ticket (a plain close, or a merge into another ticket). */
export const closesTicket = (type: TicketEventType): boolean => closeReasonOf(type) !== null;
