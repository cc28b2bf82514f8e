import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sent outbox messages stay in the table, so the dispatcher's "ready to send, oldest first" query
 * must not walk them: PostgreSQL scanned the primary key past every sent row on each poll. A partial
 * index holds only the messages still pending (and one only the given-up ones, for /metrics), so
 * the poll costs the same whether the table holds a thousand sent messages or ten million.
 */
export class OutboxReadyIndex1764200000000 implements MigrationInterface {
  name = 'OutboxReadyIndex1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX idx_outbox_ready ON outbox (id) WHERE sent_at IS NULL AND failed_at IS NULL');
    await queryRunner.query('CREATE INDEX idx_outbox_given_up ON outbox (id) WHERE failed_at IS NOT NULL');
    await queryRunner.query('DROP INDEX idx_outbox_pending');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX idx_outbox_pending ON outbox (sent_at, failed_at, next_attempt_at)');
    await queryRunner.query('DROP INDEX idx_outbox_given_up');
    await queryRunner.query('DROP INDEX idx_outbox_ready');
  }
}
