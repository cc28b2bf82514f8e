import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * `ticket_links`: how tickets relate (issue 17's merge and link). Each relation is stored from
 * both ends, one row per ticket, so a card reads its own rows: `related` both ways for two linked
 * tickets; `merged_into` on a duplicate and `merged_from` on the ticket it was merged into. Who
 * made it and when are kept (the history has the same as events). No existing rows to fill: no
 * ticket was linked or merged before.
 */
export class TicketLinks1765500000000 implements MigrationInterface {
  name = 'TicketLinks1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'ticket_links',
        columns: [
          { name: 'ticket_id', type: 'integer', isPrimary: true },
          { name: 'other_ticket_id', type: 'integer', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'created_by', type: 'varchar', length: '32' },
          { name: 'created_at', type: 'bigint' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ticket_links');
  }
}
