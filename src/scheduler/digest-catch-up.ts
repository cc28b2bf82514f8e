import cron from 'node-cron';
import { addDays, instantOf, localDateOf } from '../domain/business-hours';

/** How far back a missed digest slot is looked for. */
const CATCH_UP_DAYS = 31;
/** The most instants checked against the cron expression (each check costs a time-zone conversion): past it, no catch-up. */
const CHECKS_MAX = 2_000;

/** The server's own time zone, in which node-cron runs a digest given none. */
const serverTimezone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The latest instant at or before `now`, and after `after`, at which node-cron would fire
 * `expression` in `timezone` (an IANA name; the server's when not given, as the digests are
 * scheduled): the digest slot missed last, or null when none (or none within CATCH_UP_DAYS, or an
 * expression so sparse that finding its last slot would take more than CHECKS_MAX checks).
 * Candidates are the expression's hours, minutes and seconds on each local day back, read in the
 * zone; node-cron's own matcher, given the same zone, decides the days.
 */
export const latestSlotBetween = (expression: string, after: Date, now: Date, timezone?: string): Date | null => {
  const zone = timezone ?? serverTimezone();
  const fields = cron.parse(expression);
  const descending = (values: readonly number[]) => [...values].sort((a, b) => b - a);
  const [hours, minutes, seconds] = [descending(fields.hour), descending(fields.minute), descending(fields.second)];
  const task = cron.createTask(expression, () => undefined, { timezone: zone });
  const today = localDateOf(now.getTime(), zone);
  let checks = 0;
  try {
    for (let daysBack = 0; daysBack <= CATCH_UP_DAYS; daysBack += 1) {
      const day = addDays(today, -daysBack);
      for (const hour of hours)
        for (const minute of minutes)
          for (const second of seconds) {
            const candidate = new Date(instantOf(day, hour * 60 + minute, zone) + second * 1000);
            if (candidate.getTime() > now.getTime()) continue;
            if (candidate.getTime() <= after.getTime()) return null;
            checks += 1;
            if (checks > CHECKS_MAX) return null;
            if (task.match(candidate)) return candidate;
          }
    }
    return null;
  } finally {
    void task.destroy();
  }
};
