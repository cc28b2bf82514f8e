import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Issue 18's auto-close, reminders and first-response SLA:
 *
 * - `departments.follow_ups`: the department's `auto_close_after`, `reopen_window`,
 *   `remind_requester_after`, `close_waiting_after` and schedule, as JSON; `{}` (every default)
 *   until the next start syncs helpdesk.yml.
 * - `sla_plans.first_response_seconds`: the plan's `first_response` target, null for none.
 * - `tickets.first_response_due_at` and `first_response_stage`: the first-response target and
 *   how far its alerts have gone, claimed by the SLA sweep as `sla_stage` is.
 * - `tickets.follow_up_stage` and `follow_up_next_check_at`: how far the follow-ups of the
 *   ticket's current status have gone, and when the follow-up sweep next looks at it, read by a
 *   partial index of the tickets that have one. Tickets resolved or waiting today get a look at
 *   once (their last change), so the sweep learns their department's delays.
 */
export class FollowUps1765700000000 implements MigrationInterface {
  name = 'FollowUps1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('departments', new TableColumn({ name: 'follow_ups', type: 'text', default: "'{}'" }));
    await queryRunner.addColumn('sla_plans', new TableColumn({ name: 'first_response_seconds', type: 'integer', isNullable: true }));
    // Plain ALTER TABLE: TypeORM's addColumns rebuilds a SQLite table, which breaks the search index's triggers on tickets.
    await queryRunner.query('ALTER TABLE tickets ADD COLUMN first_response_due_at bigint');
    await queryRunner.query('ALTER TABLE tickets ADD COLUMN first_response_stage integer NOT NULL DEFAULT 0');
    await queryRunner.query('ALTER TABLE tickets ADD COLUMN follow_up_stage integer NOT NULL DEFAULT 0');
    await queryRunner.query('ALTER TABLE tickets ADD COLUMN follow_up_next_check_at bigint');
    await queryRunner.query(`UPDATE tickets SET follow_up_next_check_at = updated_at WHERE status IN ('waiting', 'resolved')`);
    await queryRunner.query('CREATE INDEX idx_tickets_follow_up_next_check ON tickets (follow_up_next_check_at) WHERE follow_up_next_check_at IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX idx_tickets_follow_up_next_check');
    for (const column of ['follow_up_next_check_at', 'follow_up_stage', 'first_response_stage', 'first_response_due_at']) await queryRunner.query(`ALTER TABLE tickets DROP COLUMN ${column}`);
    await queryRunner.dropColumn('sla_plans', 'first_response_seconds');
    await queryRunner.dropColumn('departments', 'follow_ups');
  }
}
