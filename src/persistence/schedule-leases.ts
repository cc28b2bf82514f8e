import type { ScheduleLeases } from '../services/ports/schedule-leases';
import { Database } from './database';
import { SchedulerLeaseRepository } from './repositories/scheduler-lease.repository';

/** The schedules' leases on the app's database, each taken or given up in a transaction of its own. */
export class SqlScheduleLeases implements ScheduleLeases {
  constructor(private readonly db: Database) {}

  acquire(job: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    return this.db.transaction((manager) => new SchedulerLeaseRepository(manager).acquire(job, holder, now, ttlMs));
  }

  release(job: string, holder: string): Promise<void> {
    return this.db.transaction((manager) => new SchedulerLeaseRepository(manager).release(job, holder));
  }
}
