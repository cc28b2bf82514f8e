import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A queue (`/ticket queue`, the agents' App Home) reads open tickets of some departments, or
 * assigned to one person, by status, most urgent first, a page at a time with its total. These
 * indexes hold every column the queue filters and sorts by, so a page, its total and the counts
 * per status are read from the index alone (no table row is visited until the page's own rows
 * are fetched), whatever the number of resolved and closed tickets. They cover the older
 * (department, status) and (assignee, status) indexes, which go.
 */
export class TicketQueueIndex1765100000000 implements MigrationInterface {
  name = 'TicketQueueIndex1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX idx_tickets_queue ON tickets (department_id, status, assignee_id, due_at, priority, number)');
    await queryRunner.query('CREATE INDEX idx_tickets_assigned_queue ON tickets (assignee_id, status, department_id, due_at, priority, number)');
    await queryRunner.query('DROP INDEX IF EXISTS idx_tickets_department_status');
    await queryRunner.query('DROP INDEX IF EXISTS idx_tickets_assignee');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX IF NOT EXISTS idx_tickets_assignee ON tickets (assignee_id, status)');
    await queryRunner.query('CREATE INDEX IF NOT EXISTS idx_tickets_department_status ON tickets (department_id, status)');
    await queryRunner.query('DROP INDEX idx_tickets_assigned_queue');
    await queryRunner.query('DROP INDEX idx_tickets_queue');
  }
}
