import { addWorkingTime, Schedule, Span } from './business-hours';
import { isActive, SlaPause, Ticket } from './ticket';

/** An SLA plan as the clock needs it. */
export interface SlaPolicy {
  readonly graceSeconds: number;
  /** Working hours; null runs the clock around the clock. */
  readonly schedule: Schedule | null;
  /** Pre-breach warning this long (wall-clock) before the due time; null for none. */
  readonly warnBeforeSeconds: number | null;
  /** Escalation levels, each this long (wall-clock) after the breach, in order. */
  readonly escalateAfterBreachSeconds: readonly number[];
  /** The first-response target (`first_response`), in the plan's working time from creation; null for none. */
  readonly firstResponseSeconds?: number | null;
}

/**
 * Where a ticket is in its SLA: 0 nothing sent, 1 pre-breach warning sent, 2 breach handled,
 * 2 + k the k-th escalation level after the breach handled.
 */
export const SLA_STAGE = { none: 0, warned: 1, breached: 2 } as const;

/** One alert of an SLA plan: its stage (see `SLA_STAGE`) and the instant it falls due. */
export interface SlaStage {
  readonly stage: number;
  readonly at: Date;
}

/** Everything a ticket's due time depends on besides its plan: when the clock (re)started, and when it stood still. */
export interface SlaHistory {
  /** Creation, or the latest reopen. */
  readonly startedAt: Date;
  /** Pauses that ended, in any order; parts before `startedAt` do not count. */
  readonly pauses: readonly SlaPause[];
  /** The start of a pause still running, or null. */
  readonly pausedAt: Date | null;
}

/**
 * THE due time: the moment the plan's grace period has passed in working time since the clock
 * started, leaving out every pause (only the working time inside a pause is credited, so a pause
 * over a weekend credits nothing of the weekend). A pause still running counts up to `now`: the
 * due time is then the one the ticket gets if it resumes now. Null without a plan. Every
 * recomputation of a due time (filing, resuming, a transfer that changes the plan, a reopen) goes
 * through here.
 */
export const slaDueAt = (history: SlaHistory, policy: SlaPolicy | null, now: Date): Date | null => {
  if (!policy) return null;
  const running: SlaPause[] = history.pausedAt && history.pausedAt.getTime() < now.getTime() ? [{ from: history.pausedAt, to: now }] : [];
  const excluded: Span[] = [...history.pauses, ...running]
    .map((pause): Span => [pause.from.getTime(), pause.to.getTime()])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  return addWorkingTime(history.startedAt, policy.graceSeconds, policy.schedule, excluded);
};

/** The SLA history a ticket carries. */
export const slaHistoryOf = (ticket: Pick<Ticket, 'slaStartedAt' | 'slaPauses' | 'slaPausedAt'>): SlaHistory => ({
  startedAt: ticket.slaStartedAt,
  pauses: ticket.slaPauses,
  pausedAt: ticket.slaPausedAt,
});

/** The due time of a clock started at `start` that has never stood still. */
export const dueFrom = (start: Date, policy: SlaPolicy | null): Date | null => slaDueAt({ startedAt: start, pauses: [], pausedAt: null }, policy, start);

/** Whether the due time has come at `now` (a ticket without a due time never is). */
export const isOverdue = (dueAt: Date | null, now: Date): boolean => dueAt !== null && dueAt.getTime() <= now.getTime();

/** Every alert the plan has for a due time, in order. */
export const slaStages = (dueAt: Date, policy: SlaPolicy): SlaStage[] => {
  const due = dueAt.getTime();
  const warning = policy.warnBeforeSeconds ? [{ stage: SLA_STAGE.warned, at: new Date(due - policy.warnBeforeSeconds * 1000) }] : [];
  const escalations = policy.escalateAfterBreachSeconds.map((after, index) => ({ stage: SLA_STAGE.breached + 1 + index, at: new Date(due + after * 1000) }));
  return [...warning, { stage: SLA_STAGE.breached, at: dueAt }, ...escalations];
};

/** When the sweep next has something to do for this ticket; null when nothing is left. */
export const nextSlaCheck = (dueAt: Date | null, policy: SlaPolicy | null, stageDone: number): Date | null => {
  if (!dueAt || !policy) return null;
  return slaStages(dueAt, policy).find((stage) => stage.stage > stageDone)?.at ?? null;
};

/** The stages that have come due by `now` and were not handled yet. */
export const dueSlaStages = (dueAt: Date | null, policy: SlaPolicy | null, stageDone: number, now: Date): SlaStage[] => {
  if (!dueAt || !policy) return [];
  return slaStages(dueAt, policy).filter((stage) => stage.stage > stageDone && stage.at.getTime() <= now.getTime());
};

/** When the first response is due for a ticket created at `createdAt`; null when the plan sets no first-response target. */
export const firstResponseDueFrom = (createdAt: Date, policy: SlaPolicy | null): Date | null =>
  policy?.firstResponseSeconds ? addWorkingTime(createdAt, policy.firstResponseSeconds, policy.schedule) : null;

/** The first-response alerts: the plan's pre-breach warning (when shorter than the target) and the breach; no escalation levels. */
export const firstResponseStages = (dueAt: Date, policy: SlaPolicy): SlaStage[] => {
  const warnBefore = policy.warnBeforeSeconds;
  const warning = warnBefore && policy.firstResponseSeconds && warnBefore < policy.firstResponseSeconds ? [{ stage: SLA_STAGE.warned, at: new Date(dueAt.getTime() - warnBefore * 1000) }] : [];
  return [...warning, { stage: SLA_STAGE.breached, at: dueAt }];
};

type FirstResponseFields = Pick<Ticket, 'firstResponseAt' | 'firstResponseDueAt' | 'firstResponseStage'>;

/** The first-response stages due by `now` and not handled yet; none once the first response was sent. */
export const dueFirstResponseStages = (ticket: FirstResponseFields, policy: SlaPolicy | null, now: Date): SlaStage[] => {
  if (!policy || ticket.firstResponseAt || !ticket.firstResponseDueAt) return [];
  return firstResponseStages(ticket.firstResponseDueAt, policy).filter((stage) => stage.stage > ticket.firstResponseStage && stage.at.getTime() <= now.getTime());
};

const earliest = (...dates: (Date | null)[]): Date | null => dates.reduce<Date | null>((first, date) => (date && (!first || date.getTime() < first.getTime()) ? date : first), null);

/**
 * When the SLA sweep next has something to do for a running ticket: the next resolution stage, or
 * the next first-response stage while the first response has not been sent; null for nothing.
 */
export const sweepCheckOf = (ticket: FirstResponseFields & Pick<Ticket, 'dueAt' | 'slaStage'>, policy: SlaPolicy | null): Date | null => {
  const firstResponse =
    policy && !ticket.firstResponseAt && ticket.firstResponseDueAt
      ? (firstResponseStages(ticket.firstResponseDueAt, policy).find((stage) => stage.stage > ticket.firstResponseStage)?.at ?? null)
      : null;
  return earliest(nextSlaCheck(ticket.dueAt, policy, ticket.slaStage), firstResponse);
};

/**
 * Keeps the SLA clock in step with a change: waiting on the requester pauses it, their answer
 * ends the pause; resolving or closing stops it. The due time is recomputed from the ticket's
 * history (slaDueAt) when the pause ends, the clock restarts (a reopen) or the plan changes (a
 * transfer); otherwise it stays, so a transfer that keeps the plan keeps the due time. A new due
 * time starts the alerts afresh.
 */
export const followSlaClock = (before: Ticket, after: Ticket, policy: SlaPolicy | null, now: Date): Ticket => {
  let next = after;
  const restarted = after.slaStartedAt.getTime() !== before.slaStartedAt.getTime();
  const nowWaiting = after.status === 'waiting';
  const paused = restarted ? null : before.slaPausedAt;
  if (nowWaiting && !paused) {
    next = { ...next, slaPausedAt: now };
  } else if (!nowWaiting && paused) {
    next = { ...next, slaPausedAt: null, slaPauses: [...after.slaPauses, { from: paused, to: now }] };
  } else if (!nowWaiting) {
    next = { ...next, slaPausedAt: null };
  }
  const resumed = paused !== null && !nowWaiting && isActive(after.status);
  const planChanged = after.slaPlanId !== before.slaPlanId;
  if (isActive(next.status) && (restarted || resumed || planChanged)) {
    next = { ...next, dueAt: slaDueAt(slaHistoryOf(next), policy, now) };
  }
  const dueChanged = (next.dueAt?.getTime() ?? null) !== (before.dueAt?.getTime() ?? null);
  const slaStage = dueChanged ? SLA_STAGE.none : before.slaStage;
  // A new plan sets a new first-response target, counted from creation, until the first response is sent.
  if (planChanged && !next.firstResponseAt) {
    const firstResponseDueAt = firstResponseDueFrom(next.createdAt, policy);
    const moved = (firstResponseDueAt?.getTime() ?? null) !== (before.firstResponseDueAt?.getTime() ?? null);
    next = { ...next, firstResponseDueAt, firstResponseStage: moved ? SLA_STAGE.none : before.firstResponseStage };
  }
  const running = isActive(next.status) && next.status !== 'waiting';
  return { ...next, slaStage, slaNextCheckAt: running ? sweepCheckOf({ ...next, slaStage }, policy) : null };
};
