import { DataSource, EntityManager } from 'typeorm';

/**
 * The PostgreSQL advisory lock key start-up work runs under: a bigint nothing else sharing the
 * database is likely to use (the bytes of "helpdesh", 0x68656c7064657368).
 */
const STARTUP_LOCK_KEY = '7522537982568788840';

/**
 * The app's handle on the database. Every write goes through `transaction`.
 * TypeORM drives SQLite through a single connection, so two interleaved transactions would
 * nest into each other; on SQLite they are therefore run one after another.
 */
export class Database {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dataSource: DataSource) {}

  get isSqlite(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isSqlite) return this.dataSource.transaction(work);
    const run = this.queue.then(() => this.dataSource.transaction(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Applies pending migrations, under the start-up lock. TypeORM takes no lock of its own: it reads
   * the migrations table, then runs what is missing, so two processes starting at once on a fresh
   * PostgreSQL database would both run the first migration and one would fail.
   */
  migrate(): Promise<string[]> {
    return this.exclusively(async () => (await this.dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name));
  }

  /**
   * Runs `work` while no other process runs start-up work on the same database: on PostgreSQL it
   * holds a session advisory lock (`pg_advisory_lock`) on a connection of its own, waiting for
   * another process's; the server drops the lock if this process dies. `work` must not call
   * `exclusively` again. On SQLite it just runs `work`: SQLite is one process's database (see
   * docs/operations.md).
   */
  async exclusively<T>(work: () => Promise<T>): Promise<T> {
    if (this.isSqlite) return work();
    const lockHolder = this.dataSource.createQueryRunner();
    await lockHolder.connect();
    try {
      await lockHolder.query(`SELECT pg_advisory_lock(${STARTUP_LOCK_KEY}::bigint)`);
      try {
        return await work();
      } finally {
        await lockHolder.query(`SELECT pg_advisory_unlock(${STARTUP_LOCK_KEY}::bigint)`);
      }
    } finally {
      await lockHolder.release();
    }
  }

  async isReachable(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

export const openDatabase = async (dataSource: DataSource): Promise<Database> => {
  await dataSource.initialize();
  return new Database(dataSource);
};
