import { parseDatabaseUrl } from '../src/config/env';
import { parseHelpdeskYaml } from '../src/config/helpdesk-config';
import { createDataSource } from '../src/persistence/data-source';
import { Database, openDatabase } from '../src/persistence/database';
import { SqlTicketStore } from '../src/persistence/ticket-store';
import { syncHelpdeskConfig } from '../src/services/config-sync.service';
import { createPostgresDatabase } from '../test/support/test-database';

/**
 * Opens the database at `url` (sqlite:… or postgres://…), migrates it and stores the helpdesk.yml
 * text `configYaml` in it, as the app does at start. Throws with the config's errors when it does
 * not parse; the database is closed again when any step fails. The caller closes `db`.
 */
export const openBenchStore = async (url: string, configYaml: string): Promise<{ readonly db: Database; readonly store: SqlTicketStore }> => {
  const db = await openDatabase(createDataSource(parseDatabaseUrl(url)));
  try {
    await db.migrate();
    const config = parseHelpdeskYaml(configYaml);
    if (!config.ok) throw new Error(config.error.join('\n'));
    const store = new SqlTicketStore(db);
    await syncHelpdeskConfig(store, config.value);
    return { db, store };
  } catch (error) {
    await db.close();
    throw error;
  }
};

/** Runs `work` on a database of its own (named `prefix` and random hex) on the PostgreSQL server `serverUrl`, dropped afterwards. */
export const withOwnPostgresDatabase = async <T>(serverUrl: string, prefix: string, work: (url: string) => Promise<T>): Promise<T> => {
  const database = await createPostgresDatabase(serverUrl, prefix);
  try {
    return await work(database.url);
  } finally {
    await database.drop();
  }
};
