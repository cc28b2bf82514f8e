/**
 * Due time for a ticket whose SLA clock starts at `start`.
 * Wall-clock for now: the grace period runs around the clock.
 */
export const dueAfter = (start: Date, gracePeriodSeconds: number | null): Date | null =>
  gracePeriodSeconds === null ? null : new Date(start.getTime() + gracePeriodSeconds * 1000);

export const isOverdue = (dueAt: Date | null, now: Date): boolean =>
  dueAt !== null && dueAt.getTime() <= now.getTime();
