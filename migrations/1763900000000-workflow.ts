import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

export class Workflow1763900000000 implements MigrationInterface {
  name = 'Workflow1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Keys of requests already handled (a modal submission's view id, an event id): Slack may deliver twice.
    await queryRunner.createTable(
      new Table({
        name: 'processed_keys',
        columns: [
          { name: 'request_key', type: 'varchar', length: '128', isPrimary: true },
          { name: 'at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createIndex('tickets', new TableIndex({ name: 'idx_tickets_requester_dm', columnNames: ['requester_dm_channel_id', 'requester_dm_ts'] }));
    await queryRunner.createIndex('outbox', new TableIndex({ name: 'idx_outbox_ticket', columnNames: ['ticket_id', 'kind'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('outbox', 'idx_outbox_ticket');
    await queryRunner.dropIndex('tickets', 'idx_tickets_requester_dm');
    await queryRunner.dropTable('processed_keys');
  }
}
