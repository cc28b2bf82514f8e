import { EntityManager } from 'typeorm';
import { queryRows } from '../row-codec';

/** Remembers requests already handled, so a repeated delivery is recognised and ignored. */
export class ProcessedKeyRepository {
  constructor(private readonly manager: EntityManager) {}

  async has(key: string): Promise<boolean> {
    return (await queryRows(this.manager, 'SELECT 1 AS found FROM processed_keys WHERE request_key = ?', [key])).length > 0;
  }

  /**
   * Records `key` inside the transaction that did the work. A concurrent transaction that
   * recorded it first makes this insert fail, which rolls the duplicate work back.
   */
  async claim(key: string, now: Date): Promise<void> {
    await queryRows(this.manager, 'INSERT INTO processed_keys (request_key, at) VALUES (?, ?)', [key, now.getTime()]);
  }

  /** Forgets up to `limit` keys recorded before `cutoff`; answers how many went. */
  async deleteBefore(cutoff: Date, limit: number): Promise<number> {
    const deleted = await queryRows(
      this.manager,
      'DELETE FROM processed_keys WHERE request_key IN (SELECT request_key FROM processed_keys WHERE at < ? LIMIT ?) RETURNING request_key',
      [cutoff.getTime(), limit],
    );
    return deleted.length;
  }
}
