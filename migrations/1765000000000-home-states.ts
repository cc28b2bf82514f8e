import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * `home_states`: what each person chose on their App Home (the queue filters and the page of each
 * list), as JSON, so a Home the app republishes after a ticket change shows it as they left it.
 * One row per person, written when they change a filter or a page; a person without a row sees
 * the Home unfiltered from the first page. No existing rows to fill.
 */
export class HomeStates1765000000000 implements MigrationInterface {
  name = 'HomeStates1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'home_states',
        columns: [
          { name: 'user_id', type: 'varchar', length: '32', isPrimary: true },
          { name: 'state', type: 'text' },
          { name: 'updated_at', type: 'bigint' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('home_states');
  }
}
