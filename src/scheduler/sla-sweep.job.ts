import cron, { ScheduledTask } from 'node-cron';
import type { Logger } from '@slack/logger';
import { HelpdeskMetrics } from '../observability/metrics';
import { SlaSweepService } from '../services/sla-sweep.service';
import { FollowUpSweepService } from '../services/follow-up-sweep.service';
import { LeaseCoordinator } from './lease-coordinator';

export const SLA_SWEEP_JOB = 'sla-sweep';
/** How long one instance may hold the sweep before another may take over. */
const SWEEP_LEASE_MS = 55_000;

/** Schedules the SLA sweep and, after it under the same lease, the follow-up sweep; the sweeps themselves live in their services' tick. */
export const scheduleSlaSweep = (expression: string, sweep: SlaSweepService, followUps: FollowUpSweepService, coordinator: LeaseCoordinator, logger: Logger, metrics: HelpdeskMetrics): ScheduledTask =>
  cron.schedule(
    expression,
    async () => {
      const report = await sweep.tick();
      metrics.sweepSeconds.observe(report.durationMs / 1000);
      if (report.warned + report.breached + report.escalated > 0) logger.info('SLA sweep', report);
      else logger.debug('SLA sweep', report);
      const followed = await followUps.tick();
      if (followed.reminded + followed.resolved + followed.closed + followed.nudged > 0) logger.info('follow-up sweep', followed);
      else logger.debug('follow-up sweep', followed);
    },
    {
      name: SLA_SWEEP_JOB,
      noOverlap: true,
      distributed: true,
      runCoordinator: coordinator,
      distributedLease: SWEEP_LEASE_MS,
      suppressMissedWarning: true,
    },
  );
