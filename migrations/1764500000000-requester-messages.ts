import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Which requester message (a DM's channel and ts, as Slack names it) became which ticket event,
 * and which card-thread messages relay it: an edit or a deletion in Slack names only the channel
 * and ts, and the relayed copy must follow it.
 */
export class RequesterMessages1764500000000 implements MigrationInterface {
  name = 'RequesterMessages1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'requester_messages',
        columns: [
          { name: 'channel_id', type: 'varchar', length: '32', isPrimary: true },
          { name: 'message_ts', type: 'varchar', length: '32', isPrimary: true },
          { name: 'ticket_id', type: 'integer' },
          // The requester_messaged event; its edits and its deletion are listed in later_event_ids.
          { name: 'event_id', type: 'integer', isUnique: true },
          { name: 'later_event_ids', type: 'text', default: "''" },
          // Slack's edited.ts of the latest edit applied: an older edit arriving late changes nothing.
          { name: 'edited_ts', type: 'varchar', length: '32', isNullable: true },
          { name: 'deleted_at', type: 'bigint', isNullable: true },
          { name: 'relay_channel_id', type: 'varchar', length: '32', isNullable: true },
          { name: 'relay_thread_ts', type: 'varchar', length: '32', isNullable: true },
          // The card-thread messages that relay it, one ts per piece, separated by spaces.
          { name: 'relay_ts', type: 'text', isNullable: true },
        ],
      }),
    );
    // The history posted at the top of a transferred ticket's new card thread quotes the messages
    // so far: a deleted one must leave it too.
    await queryRunner.createTable(
      new Table({
        name: 'history_posts',
        columns: [
          { name: 'channel_id', type: 'varchar', length: '32', isPrimary: true },
          { name: 'thread_ts', type: 'varchar', length: '32', isPrimary: true },
          { name: 'ticket_id', type: 'integer' },
          // The last event the history shows.
          { name: 'up_to_event_id', type: 'integer' },
          // Its messages, one ts per piece, separated by spaces.
          { name: 'ts', type: 'text' },
        ],
        indices: [{ name: 'idx_history_posts_ticket', columnNames: ['ticket_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('history_posts');
    await queryRunner.dropTable('requester_messages');
  }
}
