import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

export class SlaEngine1764000000000 implements MigrationInterface {
  name = 'SlaEngine1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('sla_plans', [
      new TableColumn({ name: 'schedule', type: 'text', isNullable: true }),
      new TableColumn({ name: 'warn_before_seconds', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'escalate_after_seconds', type: 'text', default: "'[]'" }),
    ]);
    await queryRunner.addColumns('tickets', [
      new TableColumn({ name: 'sla_paused_at', type: 'bigint', isNullable: true }),
      new TableColumn({ name: 'sla_stage', type: 'integer', default: 0 }),
      new TableColumn({ name: 'sla_next_check_at', type: 'bigint', isNullable: true }),
    ]);
    // The sweep reads only tickets whose next SLA check has come: an index range, not a table scan.
    await queryRunner.createIndex('tickets', new TableIndex({ name: 'idx_tickets_sla_next_check', columnNames: ['sla_next_check_at'] }));
    // One row per scheduled job: which instance holds it, until when.
    await queryRunner.createTable(
      new Table({
        name: 'scheduler_leases',
        columns: [
          { name: 'name', type: 'varchar', length: '64', isPrimary: true },
          { name: 'holder', type: 'varchar', length: '64', isNullable: true },
          { name: 'expires_at', type: 'bigint', default: 0 },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('scheduler_leases');
    await queryRunner.dropIndex('tickets', 'idx_tickets_sla_next_check');
    for (const column of ['sla_next_check_at', 'sla_stage', 'sla_paused_at']) await queryRunner.dropColumn('tickets', column);
    for (const column of ['escalate_after_seconds', 'warn_before_seconds', 'schedule']) await queryRunner.dropColumn('sla_plans', column);
  }
}
