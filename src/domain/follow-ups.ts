import { addWorkingTime, Schedule } from './business-hours';
import { Ticket } from './ticket';

/**
 * What a department does by itself with tickets nobody moves (helpdesk.yml, per department):
 * durations in seconds, counted in the department's working time (`schedule`) when it has one,
 * around the clock otherwise; null turns a step off.
 */
export interface FollowUpPolicy {
  /** Working hours the delays below are counted in; null counts every hour. */
  readonly schedule: Schedule | null;
  /** A resolved ticket the requester neither confirms nor reopens closes itself this long after the resolution. */
  readonly autoCloseSeconds: number | null;
  /** How long after closing the requester may still reopen (calendar time); after it, Still broken files a new ticket. */
  readonly reopenWindowSeconds: number;
  /** One reminder to a requester the ticket waits on, this long after it started waiting. */
  readonly remindRequesterSeconds: number | null;
  /** A ticket waiting this long on the requester is resolved as "no answer from the requester". */
  readonly closeWaitingSeconds: number | null;
  /** An open ticket its assignee has not touched this long nudges them (the department's channel when unassigned); off by default. */
  readonly remindAssigneeSeconds: number | null;
}

const DAY = 86_400;

/** The defaults of issue 18 (osTicket's auto-close is off by default; the Slack help desks' are days). */
export const DEFAULT_FOLLOW_UPS: FollowUpPolicy = {
  schedule: null,
  autoCloseSeconds: 3 * DAY,
  reopenWindowSeconds: 7 * DAY,
  remindRequesterSeconds: 2 * DAY,
  closeWaitingSeconds: 5 * DAY,
  remindAssigneeSeconds: null,
};

/**
 * Where a ticket is in its follow-ups since it last changed status: 0 nothing done, 1 the requester
 * was reminded. Every status change starts again at 0.
 */
export const FOLLOW_UP_STAGE = { none: 0, reminded: 1, nudged: 2 } as const;

/** One thing the follow-up sweep does to a ticket; `next` is when it next has something to do afterwards (null: nothing). */
export type FollowUpStep =
  | { readonly kind: 'none'; readonly next: Date | null }
  | { readonly kind: 'remind_requester'; readonly next: Date | null }
  | { readonly kind: 'resolve_no_answer'; readonly waitedSeconds: number }
  | { readonly kind: 'auto_close'; readonly afterSeconds: number }
  | { readonly kind: 'nudge_assignee'; readonly idleSeconds: number };

type FollowedTicket = Pick<Ticket, 'status' | 'resolvedAt' | 'slaPausedAt' | 'updatedAt' | 'followUpStage'> & Partial<Pick<Ticket, 'waitingSince'>>;

const after = (start: Date, seconds: number | null, policy: FollowUpPolicy): Date | null => (seconds === null ? null : addWorkingTime(start, seconds, policy.schedule));
const reached = (at: Date | null, now: Date): at is Date => at !== null && at.getTime() <= now.getTime();

/**
 * What is due for a ticket at `now`. Everything that fell due while no sweep ran is folded into
 * one step: a ticket past its no-answer time is resolved without being reminded first. A waiting
 * ticket's wait counts from staff's latest reply to the requester (`waitingSince`, osTicket's last
 * response), else from when its SLA clock paused (`slaPausedAt`, set whether or not it has a plan).
 */
export const followUpStep = (ticket: FollowedTicket, policy: FollowUpPolicy, now: Date): FollowUpStep => {
  if (ticket.status === 'resolved') {
    const closeAt = after(ticket.resolvedAt ?? ticket.updatedAt, policy.autoCloseSeconds, policy);
    if (reached(closeAt, now)) return { kind: 'auto_close', afterSeconds: policy.autoCloseSeconds ?? 0 };
    return { kind: 'none', next: closeAt };
  }
  if (ticket.status === 'waiting') {
    const since = ticket.waitingSince ?? ticket.slaPausedAt ?? ticket.updatedAt;
    const resolveAt = after(since, policy.closeWaitingSeconds, policy);
    if (reached(resolveAt, now)) return { kind: 'resolve_no_answer', waitedSeconds: policy.closeWaitingSeconds ?? 0 };
    const remindAt = ticket.followUpStage >= FOLLOW_UP_STAGE.reminded ? null : after(since, policy.remindRequesterSeconds, policy);
    if (reached(remindAt, now)) return { kind: 'remind_requester', next: resolveAt };
    return { kind: 'none', next: remindAt ?? resolveAt };
  }
  // An open ticket's next look is its nudge time itself (set by followFollowUps when the assignee last acted).
  if ((ticket.status === 'open' || ticket.status === 'in_progress') && policy.remindAssigneeSeconds !== null && ticket.followUpStage < FOLLOW_UP_STAGE.nudged) {
    return { kind: 'nudge_assignee', idleSeconds: policy.remindAssigneeSeconds };
  }
  return { kind: 'none', next: null };
};

/** When an open ticket touched at `at` nudges its assignee, under `policy`; null when the department does not nudge. */
export const nudgeAt = (at: Date, policy: FollowUpPolicy | undefined): Date | null => (policy?.remindAssigneeSeconds ? addWorkingTime(at, policy.remindAssigneeSeconds, policy.schedule) : null);

type Followed = Pick<Ticket, 'status' | 'assigneeId' | 'followUpStage' | 'followUpNextCheckAt'>;

/**
 * The follow-up fields after a change by `actorId`: a new status starts the follow-ups afresh; a
 * waiting or resolved ticket asks the sweep to look at once (it computes the delays from the
 * ticket's history). Each reply from staff to the requester (`repliedToRequester`) while the ticket
 * waits starts the requester's silence again: one reminder per silence, and the no-answer
 * resolution counted from the latest reply. An open ticket's nudge is set from now when its status
 * or assignee changes or its assignee acts on it, under the department's `policy` (none without
 * one); otherwise the follow-ups stay as they were.
 */
export const followFollowUps = (before: Followed, after: Pick<Ticket, 'status' | 'assigneeId'>, actorId: string, now: Date, policy?: FollowUpPolicy, repliedToRequester = false) => {
  const statusChanged = before.status !== after.status;
  if (after.status === 'open' || after.status === 'in_progress') {
    const activity = statusChanged || before.assigneeId !== after.assigneeId || (after.assigneeId !== null && actorId === after.assigneeId);
    if (activity && (policy || statusChanged)) return { followUpStage: FOLLOW_UP_STAGE.none, followUpNextCheckAt: nudgeAt(now, policy) };
  } else if (after.status === 'waiting' && (statusChanged || repliedToRequester)) {
    return { followUpStage: FOLLOW_UP_STAGE.none, followUpNextCheckAt: now, waitingSince: now };
  } else if (statusChanged) {
    const followed = after.status === 'waiting' || after.status === 'resolved';
    return { followUpStage: FOLLOW_UP_STAGE.none, followUpNextCheckAt: followed ? now : null };
  }
  return { followUpStage: before.followUpStage, followUpNextCheckAt: before.followUpNextCheckAt };
};

/** Whether a closed ticket is past its department's reopen window at `now`: its requester then files a new ticket instead. */
export const reopenWindowPassed = (ticket: Pick<Ticket, 'status' | 'closedAt'>, policy: Pick<FollowUpPolicy, 'reopenWindowSeconds'>, now: Date): boolean =>
  ticket.status === 'closed' && ticket.closedAt !== null && now.getTime() >= ticket.closedAt.getTime() + policy.reopenWindowSeconds * 1000;

/**
 * A follow-up delay in words as its department counts it: calendar words (`3 days`) around the
 * clock; working hours under a schedule (`8 working hours`; `3d` is 72 of them, nine 8-hour days),
 * so a Monday message about a Friday resolution does not say it was "8 hours ago".
 */
export const formatFollowUpDelay = (seconds: number, policy: Pick<FollowUpPolicy, 'schedule'>): string => {
  if (!policy.schedule) return formatDelay(seconds);
  if (seconds % 3600 === 0) return `${seconds / 3600} working hour${seconds === 3600 ? '' : 's'}`;
  const minutes = Math.max(1, Math.round(seconds / 60));
  return `${minutes} working minute${minutes === 1 ? '' : 's'}`;
};

/** A delay in words for the requester: `3 days`, `36 hours`, `90 minutes`. */
export const formatDelay = (seconds: number): string => {
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (seconds % DAY === 0) return plural(seconds / DAY, 'day');
  if (seconds % 3600 === 0) return plural(seconds / 3600, 'hour');
  return plural(Math.max(1, Math.round(seconds / 60)), 'minute');
};
