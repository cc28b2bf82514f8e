import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event types whose text a search finds: what agents replied, their internal notes, and what
 * the requester wrote in their ticket thread and each edit of it (the edit's text is the new
 * wording). A deleted message's text, and its edits', is erased from the events (set to NULL),
 * and so from the search text.
 */
const SEARCHED_TYPES = `('replied', 'noted', 'requester_messaged', 'requester_edited')`;

/**
 * Full-text search of tickets: `ticket_search` holds, per ticket, its summary and a body (the
 * details, then the searched events' texts in order), indexed for words; a ticket's number and
 * requester are found through their own indexes on `tickets`.
 *
 * Database triggers keep it in step, inside the very statement (and so the transaction) that
 * changes a ticket or its history: filing a ticket, a change of its summary, details or
 * department, a new event with searched text, and the erasure of an event's text. No code path
 * can forget it, the bulk inserts of the benchmarks included.
 *
 * - SQLite: an FTS5 table (rowid = ticket id) with the Porter stemmer over unicode61 (diacritics
 *   removed), and a `scope` column holding `d<department id>`, so the department filter is
 *   answered by the index itself. An erasure (a deleted requester message) rewrites the body with
 *   FTS5's `secure-delete` on, so the erased words leave the index's pages at once rather than at
 *   a later merge; it is off otherwise, as it makes every other update of a ticket's text slower.
 * - PostgreSQL: a table with the department, the texts, and a stored generated `tsvector` (the
 *   summary weighted A, the body B, English stemming) under a GIN index.
 *
 * Existing tickets are indexed by the migration (the body rebuilt from their history).
 */
export class TicketSearch1764700000000 implements MigrationInterface {
  name = 'TicketSearch1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') await this.upOnPostgres(queryRunner);
    else await this.upOnSqlite(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query('DROP TRIGGER ticket_search_event ON ticket_events');
      await queryRunner.query('DROP TRIGGER ticket_search_ticket ON tickets');
      await queryRunner.query('DROP FUNCTION ticket_search_on_event()');
      await queryRunner.query('DROP FUNCTION ticket_search_on_ticket()');
      await queryRunner.query('DROP TABLE ticket_search');
      await queryRunner.query('DROP FUNCTION ticket_search_body(integer, text)');
      return;
    }
    for (const trigger of ['filed', 'changed', 'removed', 'event_added', 'event_erased']) await queryRunner.query(`DROP TRIGGER ticket_search_${trigger}`);
    await queryRunner.query('DROP TABLE ticket_search');
  }

  private async upOnSqlite(queryRunner: QueryRunner): Promise<void> {
    const body = (ticketId: string, details: string) =>
      `${details} || coalesce((SELECT char(10) || group_concat(text, char(10)) FROM (SELECT text FROM ticket_events WHERE ticket_id = ${ticketId} AND text IS NOT NULL AND type IN ${SEARCHED_TYPES} ORDER BY id)), '')`;
    await queryRunner.query(`CREATE VIRTUAL TABLE ticket_search USING fts5(summary, body, scope, tokenize = 'porter unicode61 remove_diacritics 2')`);
    // Ranked by bm25 with the summary weighing four times the body (the scope column not at all).
    await queryRunner.query(`INSERT INTO ticket_search (ticket_search, rank) VALUES ('rank', 'bm25(4.0, 1.0, 0.0)')`);
    await queryRunner.query(`INSERT INTO ticket_search (rowid, summary, body, scope) SELECT id, summary, ${body('tickets.id', 'details')}, 'd' || department_id FROM tickets`);
    await queryRunner.query(`CREATE TRIGGER ticket_search_filed AFTER INSERT ON tickets BEGIN
      INSERT INTO ticket_search (rowid, summary, body, scope) VALUES (NEW.id, NEW.summary, ${body('NEW.id', 'NEW.details')}, 'd' || NEW.department_id);
    END`);
    await queryRunner.query(`CREATE TRIGGER ticket_search_changed AFTER UPDATE OF summary, details, department_id ON tickets
      WHEN NEW.summary IS NOT OLD.summary OR NEW.details IS NOT OLD.details OR NEW.department_id IS NOT OLD.department_id BEGIN
      UPDATE ticket_search SET summary = NEW.summary, body = ${body('NEW.id', 'NEW.details')}, scope = 'd' || NEW.department_id WHERE rowid = NEW.id;
    END`);
    await queryRunner.query(`CREATE TRIGGER ticket_search_removed AFTER DELETE ON tickets BEGIN
      DELETE FROM ticket_search WHERE rowid = OLD.id;
    END`);
    await queryRunner.query(`CREATE TRIGGER ticket_search_event_added AFTER INSERT ON ticket_events
      WHEN NEW.text IS NOT NULL AND NEW.type IN ${SEARCHED_TYPES} BEGIN
      UPDATE ticket_search SET body = body || char(10) || NEW.text WHERE rowid = NEW.ticket_id;
    END`);
    await queryRunner.query(`CREATE TRIGGER ticket_search_event_erased AFTER UPDATE OF text ON ticket_events
      WHEN NEW.text IS NOT OLD.text AND NEW.type IN ${SEARCHED_TYPES} BEGIN
      INSERT INTO ticket_search (ticket_search, rank) VALUES ('secure-delete', 1);
      UPDATE ticket_search SET body = ${body('NEW.ticket_id', '(SELECT details FROM tickets WHERE id = NEW.ticket_id)')} WHERE rowid = NEW.ticket_id;
      INSERT INTO ticket_search (ticket_search, rank) VALUES ('secure-delete', 0);
    END`);
  }

  private async upOnPostgres(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION ticket_search_body(p_ticket integer, p_details text) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT p_details || coalesce((SELECT E'\\n' || string_agg(text, E'\\n' ORDER BY id) FROM ticket_events
        WHERE ticket_id = p_ticket AND text IS NOT NULL AND type IN ${SEARCHED_TYPES}), '')
    $$`);
    await queryRunner.query(`CREATE TABLE ticket_search (
      ticket_id integer PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
      department_id integer NOT NULL,
      summary text NOT NULL,
      body text NOT NULL,
      document tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, summary), 'A') || setweight(to_tsvector('english'::regconfig, body), 'B')) STORED
    )`);
    await queryRunner.query(`INSERT INTO ticket_search (ticket_id, department_id, summary, body) SELECT id, department_id, summary, ticket_search_body(id, details) FROM tickets`);
    await queryRunner.query('CREATE INDEX idx_ticket_search_document ON ticket_search USING GIN (document)');
    await queryRunner.query('CREATE INDEX idx_ticket_search_department ON ticket_search (department_id, ticket_id)');
    await queryRunner.query(`CREATE FUNCTION ticket_search_on_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO ticket_search (ticket_id, department_id, summary, body) VALUES (NEW.id, NEW.department_id, NEW.summary, ticket_search_body(NEW.id, NEW.details));
      ELSIF NEW.summary IS DISTINCT FROM OLD.summary OR NEW.details IS DISTINCT FROM OLD.details OR NEW.department_id IS DISTINCT FROM OLD.department_id THEN
        UPDATE ticket_search SET department_id = NEW.department_id, summary = NEW.summary, body = ticket_search_body(NEW.id, NEW.details) WHERE ticket_id = NEW.id;
      END IF;
      RETURN NULL;
    END $$`);
    await queryRunner.query('CREATE TRIGGER ticket_search_ticket AFTER INSERT OR UPDATE ON tickets FOR EACH ROW EXECUTE FUNCTION ticket_search_on_ticket()');
    await queryRunner.query(`CREATE FUNCTION ticket_search_on_event() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.type NOT IN ${SEARCHED_TYPES} THEN RETURN NULL; END IF;
      IF TG_OP = 'INSERT' AND NEW.text IS NOT NULL THEN
        UPDATE ticket_search SET body = body || E'\\n' || NEW.text WHERE ticket_id = NEW.ticket_id;
      ELSIF TG_OP = 'UPDATE' AND NEW.text IS DISTINCT FROM OLD.text THEN
        UPDATE ticket_search SET body = ticket_search_body(NEW.ticket_id, (SELECT details FROM tickets WHERE id = NEW.ticket_id)) WHERE ticket_id = NEW.ticket_id;
      END IF;
      RETURN NULL;
    END $$`);
    await queryRunner.query('CREATE TRIGGER ticket_search_event AFTER INSERT OR UPDATE OF text ON ticket_events FOR EACH ROW EXECUTE FUNCTION ticket_search_on_event()');
  }
}
