import { parseDatabaseUrl } from '../../src/config/env';
import { parseHelpdeskYaml } from '../../src/config/helpdesk-config';
import { createDataSource } from '../../src/persistence/data-source';
import { Database, openDatabase } from '../../src/persistence/database';
import { SqlTicketStore } from '../../src/persistence/ticket-store';
import { syncHelpdeskConfig } from '../../src/config/config-sync';

/**
 * Opens the database at `url` (sqlite:… or postgres://…), migrates it and stores the helpdesk.yml
 * text `configYaml` in it, as the app does at start (tests and benches). Throws with the config's
 * errors when it does not parse; the database is closed again when any step fails. The caller closes `db`.
 */
export const openConfiguredStore = async (url: string, configYaml: string): Promise<{ readonly db: Database; readonly store: SqlTicketStore }> => {
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
