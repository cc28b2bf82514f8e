import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `tickets.close_reason`: why a closed ticket is closed (the domain's CLOSE_REASONS): `completed`
 * (closed through its lifecycle) or `withdrawn` (its requester withdrew it while it was open;
 * issue 17). Null while a ticket is not closed; a reopen clears it. Whatever follows a close asks
 * this column rather than reading the history. Tickets already closed were all closed through
 * their lifecycle, so they get `completed`.
 */
export class CloseReason1765300000000 implements MigrationInterface {
  name = 'CloseReason1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Plain ALTER TABLE: TypeORM's addColumn rebuilds a SQLite table, which breaks the search index's triggers.
    await queryRunner.query('ALTER TABLE tickets ADD COLUMN close_reason varchar(16)');
    await queryRunner.query(`UPDATE tickets SET close_reason = 'completed' WHERE status = 'closed'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE tickets DROP COLUMN close_reason');
  }
}
