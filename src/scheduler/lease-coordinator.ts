import { randomUUID } from 'node:crypto';
import type { RunCoordinator } from 'node-cron';
import { Clock } from '../services/clock';
import { ScheduleLeases } from '../services/ports/schedule-leases';

/**
 * node-cron's run coordination backed by our database: of several instances sharing it, the one
 * that takes a job's lease row runs that slot. Correctness never depends on it (every alert is
 * claimed on its own); it only saves the others the work.
 */
export class LeaseCoordinator implements RunCoordinator {
  readonly holder = randomUUID();

  constructor(
    private readonly leases: ScheduleLeases,
    private readonly clock: Clock,
  ) {}

  /** node-cron's key is `<job>:<slot time>`; the lease is per job. */
  private jobOf(key: string): string {
    return key.split(':', 1)[0] || key;
  }

  shouldRun(key: string, ttlMs: number): Promise<boolean> {
    return this.leases.acquire(this.jobOf(key), this.holder, this.clock(), ttlMs);
  }

  onComplete(key: string): Promise<void> {
    return this.leases.release(this.jobOf(key), this.holder);
  }
}
