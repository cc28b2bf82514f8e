import { CloseReason } from './ticket';
import { TicketEvent } from './ticket-event';

/**
 * Whether a close for this reason (the ticket's `closeReason`, CLOSE_REASONS in ticket.ts) asks
 * the requester **How did we do?** (issue 18): a ticket closed through its lifecycle (`completed`:
 * the requester confirmed the fix, staff closed it, or the help desk closed it by itself) asks; a
 * withdrawn one, or a duplicate merged into another ticket, does not. A record over every reason, so a new reason (a merged ticket, an
 * automatic close of its own) cannot be added without deciding here.
 */
export const SATISFACTION_BY_CLOSE_REASON: Readonly<Record<CloseReason, boolean>> = {
  completed: true,
  withdrawn: false,
  merged: false,
};

/** Whether a ticket closed for `reason` asks its requester for their satisfaction (their department may still turn it off); no reason, no question. */
export const asksSatisfaction = (reason: CloseReason | null): boolean => (reason === null ? false : SATISFACTION_BY_CLOSE_REASON[reason]);

/** The five answers to How did we do?, worst (1) to best (5). */
export const SATISFACTION_RATINGS = [1, 2, 3, 4, 5] as const;
export type SatisfactionRating = (typeof SATISFACTION_RATINGS)[number];

export const isSatisfactionRating = (value: unknown): value is SatisfactionRating => (SATISFACTION_RATINGS as readonly unknown[]).includes(value);

/** The longest comment kept with a rating, in characters (Slack's plain-text input allows up to 3,000). */
export const SATISFACTION_COMMENT_MAX = 3000;

/**
 * The history's record of the requester's answer: event `satisfaction_rated` by them at `now`,
 * `after.satisfaction` the rating (1 to 5), the text their comment (null without one). The
 * ticket itself does not change, so its version stays.
 */
export const satisfactionEvent = (actorId: string, rating: SatisfactionRating, comment: string | null, now: Date): TicketEvent => ({
  type: 'satisfaction_rated',
  actorId,
  at: now,
  before: {},
  after: { satisfaction: rating },
  text: comment === null || comment.trim() === '' ? null : comment,
});
