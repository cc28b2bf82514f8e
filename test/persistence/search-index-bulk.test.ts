import { parseDatabaseUrl } from '../../src/config/env';
import { parseHelpdeskYaml } from '../../src/config/helpdesk-config';
import { TicketEvent } from '../../src/domain/ticket-event';
import { createDataSource } from '../../src/persistence/data-source';
import { Database, openDatabase } from '../../src/persistence/database';
import { loadWithSearchIndexInBulk } from '../../src/persistence/search-index-bulk';
import { SqlTicketStore } from '../../src/persistence/ticket-store';
import { syncHelpdeskConfig } from '../../src/config/config-sync';
import { DEMO_CONFIG } from '../support/demo-workspace';
import { storeEvents, storeTickets } from '../support/stored-tickets';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const T0 = Date.parse('2026-11-23T15:00:00Z');

const event = (type: TicketEvent['type'], text: string | null, minutes: number): TicketEvent => ({ type, actorId: 'U0JOHN', at: new Date(T0 + minutes * 60_000), before: {}, after: {}, text });

/** What the search index holds, row by row, with the words it indexes (FTS5's vocabulary per row, or the tsvector). */
const indexOf = async (db: Database): Promise<unknown[]> => {
  if (db.isSqlite) {
    await db.manager.query(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.ticket_search_words USING fts5vocab(main, ticket_search, instance)`);
    const rows = await db.manager.query<unknown[]>('SELECT rowid AS id, summary, body, scope FROM ticket_search ORDER BY rowid');
    const words = await db.manager.query<unknown[]>('SELECT doc, term, col, "offset" FROM temp.ticket_search_words ORDER BY doc, col, "offset", term');
    return [rows, words];
  }
  return db.manager.query<unknown[]>('SELECT ticket_id AS id, department_id, summary, body, document::text AS document FROM ticket_search ORDER BY ticket_id');
};

/** Tickets of both departments, one filed before the load (given an event in it), with searched and unsearched events. */
const load = async (db: Database, earlier: number): Promise<void> => {
  const tickets = await storeTickets(
    db,
    Array.from({ length: 40 }, (_, index) => ({
      number: 2000 + index,
      departmentId: (index % 2) + 1,
      summary: `Entire mobile online banking is down ${index}`,
      details: index % 3 === 0 ? '' : `Customers cannot log in, café number ${index}`,
    })),
  );
  await storeEvents(db, earlier, [event('replied', 'We restarted the gateway', 1)]);
  for (const [index, ticket] of tickets.entries()) {
    if (index % 2 === 0) await storeEvents(db, ticket.id, [event('noted', 'Certificate expired', 2), event('waiting', 'not searched', 3), event('requester_messaged', `Still down ${index}`, 4)]);
    if (index % 5 === 0) await storeEvents(db, ticket.id, [event('replied', null, 5), event('requester_edited', 'Still down, really', 6)]);
  }
};

describe('filling the search index in bulk', () => {
  const databases: TestDatabase[] = [];
  const opened: Database[] = [];

  const freshDatabase = async (): Promise<{ db: Database; earlier: number }> => {
    const testDatabase = await createTestDatabase();
    databases.push(testDatabase);
    const db = await openDatabase(createDataSource(parseDatabaseUrl(testDatabase.url)));
    opened.push(db);
    await db.migrate();
    const config = parseHelpdeskYaml(DEMO_CONFIG);
    if (!config.ok) throw new Error(config.error.join('\n'));
    await syncHelpdeskConfig(new SqlTicketStore(db), config.value);
    const [earlier] = await storeTickets(db, [{ number: 1001, departmentId: 1, summary: 'Mail stopped syncing on my iPhone', details: 'Since this morning' }]);
    return { db, earlier: earlier!.id };
  };

  afterAll(async () => {
    for (const db of opened) await db.close();
    for (const testDatabase of databases) await testDatabase.drop();
  });

  it('writes the very index the triggers write, and leaves the triggers working', async () => {
    const byTriggers = await freshDatabase();
    await load(byTriggers.db, byTriggers.earlier);
    const inBulk = await freshDatabase();
    await loadWithSearchIndexInBulk(inBulk.db, () => load(inBulk.db, inBulk.earlier));

    const expected = await indexOf(byTriggers.db);
    expect(JSON.stringify(expected)).toContain('Certificate expired');
    expect(await indexOf(inBulk.db)).toEqual(expected);

    for (const { db } of [byTriggers, inBulk]) {
      const [later] = await storeTickets(db, [{ number: 3000, departmentId: 2, summary: 'Printer jams on floor 3', details: '' }]);
      await storeEvents(db, later!.id, [event('noted', 'Toner replaced', 1)]);
    }
    expect(await indexOf(inBulk.db)).toEqual(await indexOf(byTriggers.db));
    if (inBulk.db.isSqlite) await inBulk.db.manager.query(`INSERT INTO ticket_search (ticket_search, rank) VALUES ('integrity-check', 1)`);
  });
});
