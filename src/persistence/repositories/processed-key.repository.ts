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

  /**
   * Records `key` at `now` unless it was recorded at or after `since`, in one statement, so of
   * concurrent callers at most one gets it; answers whether this call did. For "at most once per
   * window" decisions.
   */
  async claimUnlessSince(key: string, now: Date, since: Date): Promise<boolean> {
    const claimed = await queryRows(
      this.manager,
      `INSERT INTO processed_keys (request_key, at) VALUES (?, ?)
       ON CONFLICT (request_key) DO UPDATE SET at = excluded.at WHERE processed_keys.at < ?
       RETURNING request_key`,
      [key, now.getTime(), since.getTime()],
    );
    return claimed.length > 0;
  }

  /** Forgets up to `limit` keys recorded before `cutoff`; answers how many went. */
  async deleteBefore(cutoff: Date, limit: number): Promise<number> {
    const deleted = await queryRows(this.manager, 'DELETE FROM processed_keys WHERE request_key IN (SELECT request_key FROM processed_keys WHERE at < ? LIMIT ?) RETURNING request_key', [
      cutoff.getTime(),
      limit,
    ]);
    return deleted.length;
  }
}
