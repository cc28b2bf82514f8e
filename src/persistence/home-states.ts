import type { HomeStates } from '../services/ports/home-states';
import { Database } from './database';
import { queryRows } from './row-codec';

/** The Home states on the app's database: one row per person in `home_states`, replaced in one upsert (the same statement on SQLite and PostgreSQL). */
export class SqlHomeStates implements HomeStates {
  constructor(private readonly db: Database) {}

  async find(userId: string): Promise<string | null> {
    const rows = await queryRows(this.db.manager, 'SELECT state FROM home_states WHERE user_id = ?', [userId]);
    const state = rows[0]?.state;
    return typeof state === 'string' ? state : null;
  }

  async save(userId: string, state: string, at: Date): Promise<void> {
    await queryRows(
      this.db.manager,
      'INSERT INTO home_states (user_id, state, updated_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at',
      [userId, state, at.getTime()],
    );
  }
}
