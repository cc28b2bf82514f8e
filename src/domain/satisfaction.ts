import { Actor } from './actor';
import { SYSTEM_ACTOR, TicketEvent } from './ticket-event';

/**
 * Why a ticket closed: the requester confirmed the fix (`confirmed`), an agent or manager closed
 * it (`by_staff`), or the help desk did by itself (`auto`, the auto-close sweep). Other ways to
 * close (a withdrawn or a merged ticket) add their reason here, and `SATISFACTION_BY_CLOSE_REASON`
 * then makes them say whether the requester is asked.
 */
export const CLOSE_REASONS = ['confirmed', 'by_staff', 'auto'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/**
 * Whether a close for this reason asks the requester **How did we do?** (issue 18: confirmed, by
 * an agent or automatically, yes; withdrawn or merged, no). A record over every reason, so a new
 * reason cannot be added without deciding.
 */
export const SATISFACTION_BY_CLOSE_REASON: Readonly<Record<CloseReason, boolean>> = {
  confirmed: true,
  by_staff: true,
  auto: true,
};

/** The reason of a close made by `actor`: the requester's own is a confirmation, the help desk's is automatic. */
export const closeReasonOf = (actor: Actor): CloseReason => (actor.userId === SYSTEM_ACTOR ? 'auto' : actor.isRequester ? 'confirmed' : 'by_staff');

/** Whether a close for `reason` asks the requester for their satisfaction (their department may still turn it off). */
export const asksSatisfaction = (reason: CloseReason): boolean => SATISFACTION_BY_CLOSE_REASON[reason];

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
