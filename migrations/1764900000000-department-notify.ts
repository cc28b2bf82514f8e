import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * `departments.notify`: who a new ticket of priority high or emergency mentions on its card, as
 * helpdesk.yml's `notify:` says it (JSON, `{"emergency":"<!subteam^S0ONCALL>"}`). Existing
 * departments get `{}`, so their high and emergency tickets mention the department's agents until
 * the next start syncs the file.
 */
export class DepartmentNotify1764900000000 implements MigrationInterface {
  name = 'DepartmentNotify1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('departments', new TableColumn({ name: 'notify', type: 'text', default: "'{}'" }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('departments', 'notify');
  }
}
