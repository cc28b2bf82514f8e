import type { Logger } from '@slack/logger';
import { HelpdeskMetrics } from '../observability/metrics';
import { Database } from '../persistence/database';
import { SqlScheduleLeases } from '../persistence/schedule-leases';
import { SqlTicketStore } from '../persistence/ticket-store';
import { LeaseCoordinator } from '../scheduler/lease-coordinator';
import { scheduleManagerDigests } from '../scheduler/manager-digest.job';
import { scheduleRetention } from '../scheduler/retention.job';
import { scheduleSlaSweep } from '../scheduler/sla-sweep.job';
import { RetentionService } from '../services/retention.service';
import { ManagerDigestService } from '../services/manager-digest.service';
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
  /** The managers' digests, each department on its own schedule; null not to schedule them (tests send them). */
  readonly managerDigest: ManagerDigestService | null;
}

/**
 * Schedules the SLA sweep, retention and the managers' digests, each run by one instance at a time under a lease
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
  // The digests' slots are the wall clock's minutes, as node-cron fires them.
  const digestJobs = options.managerDigest
    ? scheduleManagerDigests(options.managerDigest, new LeaseCoordinator(new SqlScheduleLeases(db), clocks.wallClock), logger, clocks.wallClock)
    : Promise.resolve([]);
  digestJobs.catch((error: unknown) => logger.error('manager digests could not be scheduled', { error: String(error) }));
  return {
    stop: async () => {
      await sweepJob?.destroy();
      await retentionJob.destroy();
      for (const job of await digestJobs.catch(() => [])) await job.destroy();
    },
  };
};
