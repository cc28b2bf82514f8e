import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * On PostgreSQL ticket numbers come from a real sequence: nextval takes no row lock, so concurrent
 * submissions no longer wait for each other's transactions (a rolled-back one leaves a gap).
 * SQLite, one writer at a time anyway, keeps the counter row.
 */
export class PostgresTicketSequence1764100000000 implements MigrationInterface {
  name = 'PostgresTicketSequence1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    const [row] = (await queryRunner.query(`SELECT value FROM sequences WHERE name = 'ticket_number'`)) as { value: number | string }[];
    const next = Number(row?.value ?? 1000) + 1;
    await queryRunner.query(`CREATE SEQUENCE ticket_number_seq START WITH ${next}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query('DROP SEQUENCE ticket_number_seq');
  }
}
