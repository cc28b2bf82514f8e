import { MigrationInterface, QueryRunner } from 'typeorm';

/** The event types whose text a search finds (as in migration 1764700000000). */
const SEARCHED_TYPES = `('replied', 'noted', 'requester_messaged', 'requester_edited')`;

/** SQLite: the words of a ticket's field answers (`field_answers`, JSON), one answer a line, or ''. */
const sqliteFieldWords = (answers: string) =>
  `coalesce((SELECT char(10) || group_concat(json_extract(value, '$.text'), char(10)) FROM json_each(${answers}) WHERE json_extract(value, '$.text') <> ''), '')`;

/** SQLite: the search body as the triggers build it: the details, the field answers' words, then each searched event's text in order. */
const sqliteBody = (ticketId: string, details: string, answers: string) =>
  `${details} || ${sqliteFieldWords(answers)} || coalesce((SELECT char(10) || group_concat(text, char(10)) FROM (SELECT text FROM ticket_events WHERE ticket_id = ${ticketId} AND text IS NOT NULL AND type IN ${SEARCHED_TYPES} ORDER BY id)), '')`;

/**
 * Help-topic forms (issue 17):
 *
 * - `help_topics.fields`: the questions a topic asks (helpdesk.yml `fields:`), JSON; existing
 *   topics get `[]` until the next start syncs the file.
 * - `tickets.field_answers`: the answers given when the ticket was filed, JSON, each with the
 *   field's name, label, type, value and words (`text`); existing tickets get `[]`. Answers are
 *   kept as filed: a field removed from the file later still shows on the ticket, and a field
 *   added later (required or not) asks nothing of tickets filed before it.
 * - The search index (migration 1764700000000) holds the answers' words too, after the details:
 *   its triggers are created again with the body that includes them, on both dialects. Existing
 *   tickets have no answers, so their entries stay as they are.
 *
 * Both columns are added with plain ALTER TABLE, so SQLite does not rebuild `tickets` (which would
 * drop the search triggers).
 */
export class TopicFields1765200000000 implements MigrationInterface {
  name = 'TopicFields1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE help_topics ADD COLUMN fields text NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE tickets ADD COLUMN field_answers text NOT NULL DEFAULT '[]'`);
    if (queryRunner.connection.options.type === 'postgres') await this.searchAnswersOnPostgres(queryRunner, true);
    else await this.searchAnswersOnSqlite(queryRunner, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') await this.searchAnswersOnPostgres(queryRunner, false);
    else await this.searchAnswersOnSqlite(queryRunner, false);
    await queryRunner.query('ALTER TABLE tickets DROP COLUMN field_answers');
    await queryRunner.query('ALTER TABLE help_topics DROP COLUMN fields');
  }

  /** The triggers of migration 1764700000000 that build a body, created again with (`withAnswers`) or without the answers' words. */
  private async searchAnswersOnSqlite(queryRunner: QueryRunner, withAnswers: boolean): Promise<void> {
    const body = (ticketId: string, details: string, answers: string) => (withAnswers ? sqliteBody(ticketId, details, answers) : sqliteBody(ticketId, details, `'[]'`));
    for (const trigger of ['filed', 'changed', 'event_erased']) await queryRunner.query(`DROP TRIGGER ticket_search_${trigger}`);
    await queryRunner.query(`CREATE TRIGGER ticket_search_filed AFTER INSERT ON tickets BEGIN
      INSERT INTO ticket_search (rowid, summary, body, scope) VALUES (NEW.id, NEW.summary, ${body('NEW.id', 'NEW.details', 'NEW.field_answers')}, 'd' || NEW.department_id);
    END`);
    const changed = withAnswers ? ' OR NEW.field_answers IS NOT OLD.field_answers' : '';
    await queryRunner.query(`CREATE TRIGGER ticket_search_changed AFTER UPDATE OF summary, details, department_id${withAnswers ? ', field_answers' : ''} ON tickets
      WHEN NEW.summary IS NOT OLD.summary OR NEW.details IS NOT OLD.details OR NEW.department_id IS NOT OLD.department_id${changed} BEGIN
      UPDATE ticket_search SET summary = NEW.summary, body = ${body('NEW.id', 'NEW.details', 'NEW.field_answers')}, scope = 'd' || NEW.department_id WHERE rowid = NEW.id;
    END`);
    await queryRunner.query(`CREATE TRIGGER ticket_search_event_erased AFTER UPDATE OF text ON ticket_events
      WHEN NEW.text IS NOT OLD.text AND NEW.type IN ${SEARCHED_TYPES} BEGIN
      INSERT INTO ticket_search (ticket_search, rank) VALUES ('secure-delete', 1);
      UPDATE ticket_search SET body = ${body('NEW.ticket_id', '(SELECT details FROM tickets WHERE id = NEW.ticket_id)', '(SELECT field_answers FROM tickets WHERE id = NEW.ticket_id)')} WHERE rowid = NEW.ticket_id;
      INSERT INTO ticket_search (ticket_search, rank) VALUES ('secure-delete', 0);
    END`);
  }

  /**
   * PostgreSQL: `ticket_search_words(answers)` reads the answers' words; the ticket trigger and
   * the erasure pass `details` followed by them as what ticket_search_body calls the details.
   */
  private async searchAnswersOnPostgres(queryRunner: QueryRunner, withAnswers: boolean): Promise<void> {
    const details = (row: string) => (withAnswers ? `${row}.details || ticket_search_words(${row}.field_answers)` : `${row}.details`);
    if (withAnswers) {
      await queryRunner.query(`CREATE FUNCTION ticket_search_words(p_answers text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT coalesce((SELECT E'\\n' || string_agg(answer->>'text', E'\\n') FROM json_array_elements(p_answers::json) AS answer WHERE answer->>'text' <> ''), '')
      $$`);
    }
    await queryRunner.query(`CREATE OR REPLACE FUNCTION ticket_search_on_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO ticket_search (ticket_id, department_id, summary, body) VALUES (NEW.id, NEW.department_id, NEW.summary, ticket_search_body(NEW.id, ${details('NEW')}));
      ELSIF NEW.summary IS DISTINCT FROM OLD.summary OR NEW.details IS DISTINCT FROM OLD.details OR NEW.department_id IS DISTINCT FROM OLD.department_id${withAnswers ? ' OR NEW.field_answers IS DISTINCT FROM OLD.field_answers' : ''} THEN
        UPDATE ticket_search SET department_id = NEW.department_id, summary = NEW.summary, body = ticket_search_body(NEW.id, ${details('NEW')}) WHERE ticket_id = NEW.id;
      END IF;
      RETURN NULL;
    END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION ticket_search_on_event() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.type NOT IN ${SEARCHED_TYPES} THEN RETURN NULL; END IF;
      IF TG_OP = 'INSERT' AND NEW.text IS NOT NULL THEN
        UPDATE ticket_search SET body = body || E'\\n' || NEW.text WHERE ticket_id = NEW.ticket_id;
      ELSIF TG_OP = 'UPDATE' AND NEW.text IS DISTINCT FROM OLD.text THEN
        UPDATE ticket_search SET body = ticket_search_body(NEW.ticket_id, (SELECT ${details('t')} FROM tickets t WHERE t.id = NEW.ticket_id)) WHERE ticket_id = NEW.ticket_id;
      END IF;
      RETURN NULL;
    END $$`);
    if (!withAnswers) await queryRunner.query('DROP FUNCTION ticket_search_words(text)');
  }
}
