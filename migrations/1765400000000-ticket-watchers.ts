import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * `ticket_watchers`: the people who follow a ticket besides its requester (osTicket's
 * collaborators). One row per ticket and person while they watch it; removing a watcher deletes
 * the row (the history keeps the event). `dm_channel_id`/`dm_ts` is the watcher's own ticket
 * conversation in their DM with the app, learned when its first message is posted: their updates
 * go in its thread, and what they write there is relayed to the ticket. No existing rows to fill.
 */
export class TicketWatchers1765400000000 implements MigrationInterface {
  name = 'TicketWatchers1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'ticket_watchers',
        columns: [
          { name: 'ticket_id', type: 'integer', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '32', isPrimary: true },
          { name: 'added_at', type: 'bigint' },
          { name: 'dm_channel_id', type: 'varchar', length: '32', isNullable: true },
          { name: 'dm_ts', type: 'varchar', length: '32', isNullable: true },
        ],
        // A watcher's DM message names its thread: the ticket is found by it.
        indices: [{ name: 'idx_ticket_watchers_thread', columnNames: ['dm_channel_id', 'dm_ts'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ticket_watchers');
  }
}
