import { EntityManager } from 'typeorm';

/** One lease row per scheduled job: the instance holding it runs the job until the lease expires. */
export class SchedulerLeaseRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Takes the lease if it is free, expired, or already ours; only one instance can win. */
  async acquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    await this.manager.createQueryBuilder().insert().into('scheduler_leases').values({ name, holder: null, expires_at: 0 }).orIgnore().execute();
    const result = await this.manager
      .createQueryBuilder()
      .update('scheduler_leases')
      .set({ holder, expires_at: now.getTime() + ttlMs })
      .where('name = :name AND (expires_at <= :now OR holder = :holder)', { name, now: now.getTime(), holder })
      .execute();
    return result.affected === 1;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.manager.createQueryBuilder().update('scheduler_leases').set({ holder: null, expires_at: 0 }).where('name = :name AND holder = :holder', { name, holder }).execute();
  }
}
