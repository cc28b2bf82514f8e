/**
 * One lease per scheduled job, shared by every instance of the app on a database: the instance
 * holding a job's lease runs it until the lease expires. Implemented in persistence
 * (`SqlScheduleLeases`); node-cron's run coordination (`src/scheduler/lease-coordinator.ts`) uses it.
 */
export interface ScheduleLeases {
  /** Takes `job`'s lease for `ttlMs` milliseconds from `now` if it is free, expired or already `holder`'s; true when taken. Only one instance can win. */
  acquire(job: string, holder: string, now: Date, ttlMs: number): Promise<boolean>;
  /** Gives `job`'s lease up, if `holder` has it. */
  release(job: string, holder: string): Promise<void>;
}
