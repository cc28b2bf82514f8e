import cron, { ScheduledTask } from 'node-cron';
import type { Logger } from '@slack/logger';
import { ManagerDigestService } from '../services/manager-digest.service';
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
 * refuses is logged and left unscheduled.
 */
export const scheduleManagerDigests = async (digests: ManagerDigestService, coordinator: LeaseCoordinator, logger: Logger): Promise<ScheduledTask[]> => {
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
  }
  return tasks;
};
