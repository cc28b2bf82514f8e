import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A ticket's pending outbox messages, by id. Two checks ask for them: the dispatcher's "no older
 * message of this ticket is still pending" and the card-redraw coalescing "a redraw is already
 * waiting". Over idx_outbox_ticket (ticket_id, kind) both walked every message the ticket ever had:
 * a ticket clicked a thousand times made each click read a thousand sent redraws. Nothing else
 * used that index, so it goes.
 */
export class OutboxPendingByTicket1764300000000 implements MigrationInterface {
  name = 'OutboxPendingByTicket1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX idx_outbox_pending_by_ticket ON outbox (ticket_id, id) WHERE sent_at IS NULL AND failed_at IS NULL');
    await queryRunner.query('DROP INDEX idx_outbox_ticket');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX idx_outbox_ticket ON outbox (ticket_id, kind)');
    await queryRunner.query('DROP INDEX idx_outbox_pending_by_ticket');
  }
}
