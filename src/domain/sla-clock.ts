import { addWorkingTime, Schedule, workingSecondsBetween } from './business-hours';
import { isActive, Ticket } from './ticket';

/** An SLA plan as the clock needs it. */
export interface SlaPolicy {
  readonly graceSeconds: number;
  /** Working hours; null runs the clock around the clock. */
  readonly schedule: Schedule | null;
  /** Pre-breach warning this long (wall-clock) before the due time; null for none. */
  readonly warnBeforeSeconds: number | null;
  /** Escalation levels, each this long (wall-clock) after the breach, in order. */
  readonly escalateAfterBreachSeconds: readonly number[];
}

/**
 * Where a ticket is in its SLA: 0 nothing sent, 1 pre-breach warning sent, 2 breach handled,
 * 2 + k the k-th escalation level after the breach handled.
 */
export const SLA_STAGE = { none: 0, warned: 1, breached: 2 } as const;

export interface SlaStage {
  readonly stage: number;
  readonly at: Date;
}

/** The due time of a clock started at `start`: the grace period counted in working time. */
export const dueFrom = (start: Date, policy: SlaPolicy | null): Date | null =>
  policy ? addWorkingTime(start, policy.graceSeconds, policy.schedule) : null;

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

/**
 * Keeps the SLA clock in step with a change: waiting on the requester pauses it, their answer
 * resumes it with the paused working time added back, resolving or closing stops it, and a new
 * due time starts the alerts afresh.
 */
export const followSlaClock = (before: Ticket, after: Ticket, policy: SlaPolicy | null, now: Date): Ticket => {
  let next = after;
  if (after.status === 'waiting' && before.status !== 'waiting') {
    next = { ...next, slaPausedAt: now };
  } else if (before.status === 'waiting' && isActive(after.status) && after.status !== 'waiting' && before.slaPausedAt && after.dueAt === before.dueAt) {
    const pausedAt = before.slaPausedAt;
    const dueAt = before.dueAt && before.dueAt.getTime() > pausedAt.getTime()
      ? addWorkingTime(now, workingSecondsBetween(pausedAt, before.dueAt, policy?.schedule ?? null), policy?.schedule ?? null)
      : before.dueAt;
    next = { ...next, dueAt, slaPausedAt: null };
  } else if (after.status !== 'waiting') {
    next = { ...next, slaPausedAt: null };
  }
  const dueChanged = (next.dueAt?.getTime() ?? null) !== (before.dueAt?.getTime() ?? null);
  const slaStage = dueChanged ? SLA_STAGE.none : before.slaStage;
  const running = isActive(next.status) && next.status !== 'waiting';
  return { ...next, slaStage, slaNextCheckAt: running ? nextSlaCheck(next.dueAt, policy, slaStage) : null };
};
