import { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN = `status IN ('open', 'in_progress', 'waiting')`;

/**
 * What the managers' figures need, kept on each ticket by the same transaction that changes it,
 * so that the figures read a few index ranges instead of a million tickets' histories:
 *
 * - `tickets.first_response_at`: the first public reply to the requester by staff (event
 *   `replied` by someone other than the requester and the help desk itself). Backfilled from the
 *   history. A first-response SLA reads it too.
 * - `tickets.resolved_within_sla`: whether the latest resolution came by the due time; null while
 *   unresolved or without a plan. Backfilled as `resolved_at <= due_at` (the app itself also
 *   credits a wait on the requester that the resolution ended; old rows cannot tell).
 *
 * Indexes, each partial so it holds only the tickets it serves: open tickets by department with
 * what the counts read (status, priority, due time, escalation), open tickets by department
 * oldest first, and resolutions and first responses by department and time with the durations'
 * start and the SLA outcome, so the 7- and 30-day figures are ranges of one index each. And
 * (status, department_id), from which the agents' counts per status in their departments are
 * read without a table row: SQLite otherwise counted them through (status, due_at), visiting the
 * row of every open ticket of every department.
 */
export class ServiceMeasures1764800000000 implements MigrationInterface {
  name = 'ServiceMeasures1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Plain ALTER TABLE: TypeORM's addColumns rebuilds a SQLite table (copy, drop, rename), which
    // breaks the search index's triggers on tickets (migration 1764700000000).
    await queryRunner.query('ALTER TABLE tickets ADD COLUMN first_response_at bigint');
    await queryRunner.query('ALTER TABLE tickets ADD COLUMN resolved_within_sla boolean');
    await queryRunner.query(
      `UPDATE tickets SET first_response_at = replies.first_at
       FROM (SELECT e.ticket_id AS ticket_id, MIN(e.at) AS first_at FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
             WHERE e.type = 'replied' AND e.actor_id <> t.requester_id AND e.actor_id <> 'helpdesk' GROUP BY e.ticket_id) AS replies
       WHERE tickets.id = replies.ticket_id`,
    );
    await queryRunner.query(`UPDATE tickets SET resolved_within_sla = (resolved_at <= due_at) WHERE resolved_at IS NOT NULL AND due_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX idx_tickets_open_counts ON tickets (department_id, status, priority, due_at, escalation_level) WHERE ${OPEN}`);
    await queryRunner.query(`CREATE INDEX idx_tickets_open_oldest ON tickets (department_id, created_at, id) WHERE ${OPEN}`);
    await queryRunner.query('CREATE INDEX idx_tickets_resolutions ON tickets (department_id, resolved_at, created_at, resolved_within_sla) WHERE resolved_at IS NOT NULL');
    await queryRunner.query('CREATE INDEX idx_tickets_first_responses ON tickets (department_id, first_response_at, created_at) WHERE first_response_at IS NOT NULL');
    await queryRunner.query('CREATE INDEX idx_tickets_status_department ON tickets (status, department_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of ['idx_tickets_status_department', 'idx_tickets_first_responses', 'idx_tickets_resolutions', 'idx_tickets_open_oldest', 'idx_tickets_open_counts'])
      await queryRunner.query(`DROP INDEX ${index}`);
    await queryRunner.query('ALTER TABLE tickets DROP COLUMN resolved_within_sla');
    await queryRunner.query('ALTER TABLE tickets DROP COLUMN first_response_at');
  }
}
