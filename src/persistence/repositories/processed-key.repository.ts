import { EntityManager } from 'typeorm';

/** Remembers requests already handled, so a repeated delivery is recognised and ignored. */
export class ProcessedKeyRepository {
  constructor(private readonly manager: EntityManager) {}

  async has(key: string): Promise<boolean> {
    const row: unknown = await this.manager
      .createQueryBuilder()
      .select('1', 'found')
      .from('processed_keys', 'processed')
      .where('processed.request_key = :key', { key })
      .getRawOne();
    return row !== undefined;
  }

  /**
   * Records `key` inside the transaction that did the work. A concurrent transaction that
   * recorded it first makes this insert fail, which rolls the duplicate work back.
   */
  async claim(key: string, now: Date): Promise<void> {
    await this.manager.createQueryBuilder().insert().into('processed_keys').values({ request_key: key, at: now.getTime() }).execute();
  }
}
