import cron from 'node-cron';

/** How far back a missed digest slot is looked for. */
const CATCH_UP_DAYS = 31;
/** The most instants checked against the cron expression (each check costs a time-zone conversion): past it, no catch-up. */
const CHECKS_MAX = 2_000;

/**
 * The latest instant at or before `now`, and after `after`, at which node-cron would fire
 * `expression` (in the server's time zone, as the digests are scheduled): the digest slot missed
 * last, or null when none (or none within CATCH_UP_DAYS, or an expression so sparse that finding
 * its last slot would take more than CHECKS_MAX checks). Candidates come from the expression's
 * seconds, minutes and hours on each day back; node-cron's own matcher decides the days.
 */
export const latestSlotBetween = (expression: string, after: Date, now: Date): Date | null => {
  const fields = cron.parse(expression);
  const descending = (values: readonly number[]) => [...values].sort((a, b) => b - a);
  const [hours, minutes, seconds] = [descending(fields.hour), descending(fields.minute), descending(fields.second)];
  const task = cron.createTask(expression, () => undefined);
  let checks = 0;
  try {
    for (let daysBack = 0; daysBack <= CATCH_UP_DAYS; daysBack += 1) {
      const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysBack);
      for (const hour of hours)
        for (const minute of minutes)
          for (const second of seconds) {
            const candidate = new Date(day.getFullYear(), day.getMonth(), day.getDate(), hour, minute, second);
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
