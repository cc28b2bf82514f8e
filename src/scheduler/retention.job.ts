import cron, { ScheduledTask } from 'node-cron';
import type { Logger } from '@slack/logger';
import { RetentionService } from '../services/retention.service';
import { LeaseCoordinator } from './lease-coordinator';

export const RETENTION_JOB = 'retention';
/** Once an hour, off the full hour when other jobs on the machine tend to run. */
export const RETENTION_CRON = '17 * * * *';
const RETENTION_LEASE_MS = 50 * 60 * 1000;

/** Schedules the hourly prune of delivered messages and old request keys; one instance runs each slot. */
export const scheduleRetention = (retention: RetentionService, coordinator: LeaseCoordinator, logger: Logger, expression = RETENTION_CRON): ScheduledTask =>
  cron.schedule(
    expression,
    async () => {
      try {
        const report = await retention.prune();
        if (report.outboxMessages + report.processedKeys > 0) logger.info('retention: deleted old delivered messages and request keys', report);
        else logger.debug('retention: nothing old enough to delete', report);
      } catch (error) {
        // The next hour tries again; nothing is lost by keeping old rows a little longer.
        logger.error('retention: the prune failed', error);
      }
    },
    {
      name: RETENTION_JOB,
      noOverlap: true,
      distributed: true,
      runCoordinator: coordinator,
      distributedLease: RETENTION_LEASE_MS,
      suppressMissedWarning: true,
    },
  );
