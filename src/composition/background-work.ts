import type { Logger } from '@slack/logger';
import { HelpdeskMetrics } from '../observability/metrics';
import { Database } from '../persistence/database';
import { SqlScheduleLeases } from '../persistence/schedule-leases';
import { SqlTicketStore } from '../persistence/ticket-store';
import { LeaseCoordinator } from '../scheduler/lease-coordinator';
import { scheduleRetention } from '../scheduler/retention.job';
import { scheduleSlaSweep } from '../scheduler/sla-sweep.job';
import { RetentionService } from '../services/retention.service';
import { SlaSweepService } from '../services/sla-sweep.service';
import { FollowUpSweepService } from '../services/follow-up-sweep.service';
import { Clocks } from './services';

export interface BackgroundWorkOptions {
  readonly db: Database;
  readonly store: SqlTicketStore;
  readonly slaSweep: SlaSweepService;
  /** Run after each SLA sweep, under its lease. */
  readonly followUpSweep: FollowUpSweepService;
  readonly clocks: Clocks;
  readonly logger: Logger;
  readonly metrics: HelpdeskMetrics;
  /** The SLA sweep's cron expression (SLA_SWEEP_CRON), or null not to schedule it (tests drive it). */
  readonly slaSweepCron: string | null;
  readonly retentionDays: number;
}

/**
 * Schedules the SLA sweep and retention, each run by one instance at a time under a lease
 * (ScheduleLeases); answers how to stop them.
 */
export const scheduleBackgroundWork = (options: BackgroundWorkOptions): { stop(): Promise<void> } => {
  const { db, clocks, logger } = options;
  const sweepJob =
    options.slaSweepCron === null
      ? null
      : scheduleSlaSweep(options.slaSweepCron, options.slaSweep, options.followUpSweep, new LeaseCoordinator(new SqlScheduleLeases(db), clocks.clock), logger, options.metrics);
  // Retention runs on the wall clock, like the deliveries whose rows it deletes.
  const retention = new RetentionService(options.store, clocks.wallClock, options.retentionDays);
  const retentionJob = scheduleRetention(retention, new LeaseCoordinator(new SqlScheduleLeases(db), clocks.wallClock), logger);
  return {
    stop: async () => {
      await sweepJob?.destroy();
      await retentionJob.destroy();
    },
  };
};
