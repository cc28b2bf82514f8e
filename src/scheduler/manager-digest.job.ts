import cron, { ScheduledTask } from 'node-cron';
import type { Logger } from '@slack/logger';
import { ManagerDigestService } from '../services/manager-digest.service';
import { Clock } from '../services/clock';
import { latestSlotBetween } from './digest-catch-up';
import { LeaseCoordinator } from './lease-coordinator';

/** The lease name of a department's digest job: one per department, so departments due at the same minute do not wait on each other. */
export const digestJob = (departmentId: number): string => `manager-digest-${departmentId}`;
/** How long one instance may hold a department's digest before another may take over. */
const DIGEST_LEASE_MS = 50_000;

/**
 * Schedules each department's digest (helpdesk.yml `digest: { cron, timezone }`) in its time zone:
 * the digest's own, else the department schedule's (a New York department on a UTC server gets its
 * 08:00 digest at 08:00 in New York), else the server's.
 * The slot is the minute node-cron scheduled (its context's `date`): every instance firing it
 * names the same slot, and ManagerDigestService sends each slot once. A cron expression node-cron
 * refuses is logged and left unscheduled. At start, a department whose latest slot passed while
 * every instance was down (after the last one sent) gets that one digest now: one per missed run,
 * however many slots it missed, once however many instances start (see catchUpDigest).
 */
export const scheduleManagerDigests = async (digests: ManagerDigestService, coordinator: LeaseCoordinator, logger: Logger, wallClock: Clock): Promise<ScheduledTask[]> => {
  const tasks: ScheduledTask[] = [];
  for (const { departmentId, name, cron: expression, timezone } of await digests.schedules()) {
    if (!cron.validate(expression)) {
      logger.error('manager digest: not a cron expression node-cron reads; no digest is sent for this department', { department: name, cron: expression });
      continue;
    }
    const task = cron.schedule(
      expression,
      async (context) => {
        try {
          const sent = await digests.sendDigest(departmentId, context.date);
          logger.info(sent ? 'manager digest queued' : 'manager digest already sent for this slot', { department: name, slot: context.date.toISOString() });
        } catch (error) {
          // Not retried: the next slot's digest covers the same figures.
          logger.error('manager digest failed', { department: name, error: String(error) });
        }
      },
      {
        ...(timezone ? { timezone } : {}),
        name: digestJob(departmentId),
        noOverlap: true,
        distributed: true,
        runCoordinator: coordinator,
        distributedLease: DIGEST_LEASE_MS,
        suppressMissedWarning: true,
      },
    );
    tasks.push(task);
    await catchUpDigest(digests, { departmentId, name, cron: expression, timezone }, wallClock(), logger);
  }
  return tasks;
};

/** Sends the digest slot a department missed while the app was down, if any (ManagerDigestService.sendMissed). */
const catchUpDigest = async (digests: ManagerDigestService, schedule: { departmentId: number; name: string; cron: string; timezone?: string | null }, now: Date, logger: Logger): Promise<void> => {
  try {
    const found: { slot: Date | null } = { slot: null };
    const sent = await digests.sendMissed(schedule.departmentId, (lastSent) => (found.slot = latestSlotBetween(schedule.cron, lastSent, now, schedule.timezone ?? undefined)));
    if (sent) logger.info('manager digest: a slot missed while the app was down is sent now', { department: schedule.name, slot: found.slot?.toISOString() });
    else logger.debug('manager digest: no slot to catch up', { department: schedule.name });
  } catch (error) {
    logger.error('manager digest catch-up failed', { department: schedule.name, error: String(error) });
  }
};
