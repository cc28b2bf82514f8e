import { MigrationInterface, QueryRunner } from 'typeorm';

/** The words of a ticket, as the ticket-search migration indexed them (summary A, body B). */
const WORDS = `setweight(to_tsvector('english'::regconfig, summary), 'A') || setweight(to_tsvector('english'::regconfig, body), 'B')`;

/**
 * PostgreSQL's search document also holds the ticket's department, as the lexeme `#d<department
 * id>`, so one GIN lookup answers "these words, in these departments" (the posting lists of the
 * word and of the departments intersected inside the index) instead of reading every match of a
 * word common elsewhere and dropping other departments' rows after. The lexeme is made with
 * `array_to_tsvector` (never parsed nor stemmed); no typed word can produce it, as the parser
 * never keeps a `#` in a lexeme and searched words are letters and digits only. It has no
 * position, so no phrase or headline sees it.
 *
 * `document` stays a stored generated column, now of `department_id` too: the existing triggers
 * (and the bulk loader) already write the department, so a transfer rewrites the lexeme in the
 * same statement. Changing the expression drops and adds the column, which rebuilds every
 * existing ticket's document; the GIN index is built again. The (department, ticket) index is
 * dropped: searches no longer filter by the column. SQLite is unchanged (its FTS5 `scope` column
 * already filters inside the index).
 */
export class SearchDepartmentLexeme1765600000000 implements MigrationInterface {
  name = 'SearchDepartmentLexeme1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await this.rebuild(queryRunner, `${WORDS} || array_to_tsvector(ARRAY['#d' || department_id::text])`);
    await queryRunner.query('DROP INDEX IF EXISTS idx_ticket_search_department');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await this.rebuild(queryRunner, WORDS);
    await queryRunner.query('CREATE INDEX IF NOT EXISTS idx_ticket_search_department ON ticket_search (department_id, ticket_id)');
  }

  private async rebuild(queryRunner: QueryRunner, document: string): Promise<void> {
    await queryRunner.query('ALTER TABLE ticket_search DROP COLUMN document');
    await queryRunner.query(`ALTER TABLE ticket_search ADD COLUMN document tsvector GENERATED ALWAYS AS (${document}) STORED`);
    await queryRunner.query('CREATE INDEX idx_ticket_search_document ON ticket_search USING GIN (document)');
  }
}
