import { EntityManager } from 'typeorm';
import { Database } from './database';

/** The event types whose text the search index holds (as in the ticket-search migration). */
const SEARCHED_TYPES = `('replied', 'noted', 'requester_messaged', 'requester_edited')`;

/** The PostgreSQL search triggers, by the table they are on (see the ticket-search migration). */
const POSTGRES_TRIGGERS = [
  ['tickets', 'ticket_search_ticket'],
  ['ticket_events', 'ticket_search_event'],
] as const;

/** Where a bulk load starts: the newest ticket and event before it. */
interface Mark {
  readonly ticketId: number;
  readonly eventId: number;
}

/**
 * Runs `load` (bulk inserts of tickets and their events, for a benchmark or an import) with the
 * search index's triggers suspended, then indexes every ticket the load added, or added events
 * to, in one statement: the same rows the triggers would have written, without their per-row
 * cost (an FTS5 update rewrites the ticket's whole entry; a tsvector and GIN update per row).
 * On PostgreSQL the word index (GIN) is dropped during the load and built again after, which is
 * much faster than keeping it row by row.
 *
 * Nothing else may write tickets while it runs: their changes would miss the index. On SQLite the
 * triggers are dropped and created again from their own stored definitions; on PostgreSQL they
 * are disabled and enabled. Either way they are back even when `load` fails.
 */
export const loadWithSearchIndexInBulk = async (db: Database, load: () => Promise<void>): Promise<void> => {
  const mark = await markOf(db.manager);
  if (db.isSqlite) await loadOnSqlite(db, mark, load);
  else await loadOnPostgres(db, mark, load);
};

const markOf = async (manager: EntityManager): Promise<Mark> => {
  const [row] = await manager.query<{ ticket_id: unknown; event_id: unknown }[]>(
    'SELECT (SELECT coalesce(max(id), 0) FROM tickets) AS ticket_id, (SELECT coalesce(max(id), 0) FROM ticket_events) AS event_id',
  );
  return { ticketId: Number(row?.ticket_id ?? 0), eventId: Number(row?.event_id ?? 0) };
};

/** The tickets a load touched: added, or given events, after `mark`. */
const touched = (mark: Mark): string => `(SELECT id FROM tickets WHERE id > ${mark.ticketId} UNION SELECT ticket_id FROM ticket_events WHERE id > ${mark.eventId})`;

const loadOnSqlite = async (db: Database, mark: Mark, load: () => Promise<void>): Promise<void> => {
  const triggers = await db.manager.query<{ name: string; sql: string }[]>(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'ticket\\_search\\_%' ESCAPE '\\' ORDER BY name`);
  await db.transaction(async (manager) => {
    for (const trigger of triggers) await manager.query(`DROP TRIGGER ${trigger.name}`);
  });
  try {
    await load();
    await db.transaction(async (manager) => {
      // The body as the triggers build it: the details, the field answers' words, then each searched event's text in order.
      const answers = `coalesce((SELECT char(10) || group_concat(json_extract(value, '$.text'), char(10)) FROM json_each(t.field_answers) WHERE json_extract(value, '$.text') <> ''), '')`;
      const body = `t.details || ${answers} || coalesce((SELECT char(10) || group_concat(text, char(10)) FROM (SELECT text FROM ticket_events WHERE ticket_id = t.id AND text IS NOT NULL AND type IN ${SEARCHED_TYPES} ORDER BY id)), '')`;
      await manager.query(`DELETE FROM ticket_search WHERE rowid IN ${touched(mark)}`);
      await manager.query(
        `INSERT INTO ticket_search (rowid, summary, body, scope) SELECT t.id, t.summary, ${body}, 'd' || t.department_id FROM tickets t WHERE t.id IN ${touched(mark)} ORDER BY t.id`,
      );
    });
  } finally {
    await db.transaction(async (manager) => {
      for (const trigger of triggers) await manager.query(trigger.sql);
    });
  }
};

const loadOnPostgres = async (db: Database, mark: Mark, load: () => Promise<void>): Promise<void> => {
  const [gin] = await db.manager.query<{ indexname: string; indexdef: string }[]>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'ticket_search' AND indexdef LIKE '%USING gin%'`,
  );
  await db.transaction(async (manager) => {
    for (const [table, trigger] of POSTGRES_TRIGGERS) await manager.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
  });
  try {
    await load();
    await db.transaction(async (manager) => {
      if (gin) await manager.query(`DROP INDEX ${gin.indexname}`);
      await manager.query(`DELETE FROM ticket_search WHERE ticket_id IN ${touched(mark)}`);
      // The body as the trigger builds it (ticket_search_body() of the details and the answers' words), for all the tickets in one grouped pass.
      await manager.query(`INSERT INTO ticket_search (ticket_id, department_id, summary, body)
        SELECT t.id, t.department_id, t.summary, t.details || ticket_search_words(t.field_answers) || coalesce(E'\\n' || e.texts, '')
        FROM tickets t LEFT JOIN (
          SELECT ticket_id, string_agg(text, E'\\n' ORDER BY id) AS texts FROM ticket_events
          WHERE text IS NOT NULL AND type IN ${SEARCHED_TYPES} AND ticket_id IN ${touched(mark)} GROUP BY ticket_id
        ) e ON e.ticket_id = t.id
        WHERE t.id IN ${touched(mark)}`);
      if (gin) {
        await manager.query(`SET LOCAL maintenance_work_mem = '256MB'`);
        await manager.query(gin.indexdef);
      }
    });
  } finally {
    await db.transaction(async (manager) => {
      for (const [table, trigger] of POSTGRES_TRIGGERS) await manager.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
    });
  }
};
