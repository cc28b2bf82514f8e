import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const epochMs = (name: string, isNullable = false) => ({ name, type: 'bigint', isNullable });

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'sla_plans',
        columns: [id, { name: 'name', type: 'varchar', length: '100', isUnique: true }, { name: 'grace_seconds', type: 'integer' }, { name: 'active', type: 'boolean', default: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'departments',
        columns: [
          id,
          { name: 'name', type: 'varchar', length: '100', isUnique: true },
          { name: 'channel_id', type: 'varchar', length: '32' },
          { name: 'agent_ids', type: 'text' },
          { name: 'manager_ids', type: 'text' },
          { name: 'sla_plan_id', type: 'integer', isNullable: true },
          { name: 'escalation_channel_id', type: 'varchar', length: '32', isNullable: true },
          { name: 'active', type: 'boolean', default: true },
        ],
        foreignKeys: [{ columnNames: ['sla_plan_id'], referencedTableName: 'sla_plans', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'help_topics',
        columns: [
          id,
          { name: 'name', type: 'varchar', length: '100', isUnique: true },
          { name: 'department_id', type: 'integer' },
          { name: 'priority', type: 'varchar', length: '16' },
          { name: 'sla_plan_id', type: 'integer', isNullable: true },
          { name: 'active', type: 'boolean', default: true },
        ],
        foreignKeys: [
          { columnNames: ['department_id'], referencedTableName: 'departments', referencedColumnNames: ['id'] },
          { columnNames: ['sla_plan_id'], referencedTableName: 'sla_plans', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'tickets',
        columns: [
          id,
          { name: 'number', type: 'integer', isUnique: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'priority', type: 'varchar', length: '16' },
          { name: 'requester_id', type: 'varchar', length: '32' },
          { name: 'assignee_id', type: 'varchar', length: '32', isNullable: true },
          { name: 'department_id', type: 'integer' },
          { name: 'help_topic_id', type: 'integer' },
          { name: 'sla_plan_id', type: 'integer', isNullable: true },
          { name: 'sla_from_topic', type: 'boolean' },
          { name: 'summary', type: 'varchar', length: '150' },
          { name: 'details', type: 'text' },
          { name: 'source_channel_id', type: 'varchar', length: '32', isNullable: true },
          { name: 'source_message_ts', type: 'varchar', length: '32', isNullable: true },
          { name: 'source_permalink', type: 'text', isNullable: true },
          { name: 'intake_key', type: 'varchar', length: '64', isNullable: true, isUnique: true },
          epochMs('sla_started_at'),
          epochMs('due_at', true),
          { name: 'escalation_level', type: 'integer', default: 0 },
          { name: 'card_channel_id', type: 'varchar', length: '32', isNullable: true },
          { name: 'card_ts', type: 'varchar', length: '32', isNullable: true },
          { name: 'requester_dm_channel_id', type: 'varchar', length: '32', isNullable: true },
          { name: 'requester_dm_ts', type: 'varchar', length: '32', isNullable: true },
          epochMs('created_at'),
          epochMs('updated_at'),
          epochMs('resolved_at', true),
          epochMs('closed_at', true),
          { name: 'version', type: 'integer', default: 1 },
        ],
        foreignKeys: [
          { columnNames: ['department_id'], referencedTableName: 'departments', referencedColumnNames: ['id'] },
          { columnNames: ['help_topic_id'], referencedTableName: 'help_topics', referencedColumnNames: ['id'] },
          { columnNames: ['sla_plan_id'], referencedTableName: 'sla_plans', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await queryRunner.createIndices('tickets', [
      new TableIndex({ name: 'idx_tickets_status_due', columnNames: ['status', 'due_at'] }),
      new TableIndex({ name: 'idx_tickets_department_status', columnNames: ['department_id', 'status'] }),
      new TableIndex({ name: 'idx_tickets_requester', columnNames: ['requester_id', 'status'] }),
      new TableIndex({ name: 'idx_tickets_assignee', columnNames: ['assignee_id', 'status'] }),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'ticket_events',
        columns: [
          id,
          { name: 'ticket_id', type: 'integer' },
          { name: 'type', type: 'varchar', length: '32' },
          { name: 'actor_id', type: 'varchar', length: '32' },
          epochMs('at'),
          { name: 'before', type: 'text' },
          { name: 'after', type: 'text' },
          { name: 'text', type: 'text', isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['ticket_id'], referencedTableName: 'tickets', referencedColumnNames: ['id'] }],
        indices: [{ name: 'idx_ticket_events_ticket', columnNames: ['ticket_id', 'id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'outbox',
        columns: [
          id,
          { name: 'ticket_id', type: 'integer', isNullable: true },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'payload', type: 'text' },
          epochMs('created_at'),
          epochMs('next_attempt_at'),
          { name: 'attempts', type: 'integer', default: 0 },
          epochMs('locked_until', true),
          epochMs('sent_at', true),
          epochMs('failed_at', true),
          { name: 'last_error', type: 'text', isNullable: true },
        ],
        indices: [{ name: 'idx_outbox_pending', columnNames: ['sent_at', 'failed_at', 'next_attempt_at'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sequences',
        columns: [
          { name: 'name', type: 'varchar', length: '32', isPrimary: true },
          { name: 'value', type: 'integer' },
        ],
      }),
    );
    await queryRunner.query(`INSERT INTO sequences (name, value) VALUES ('ticket_number', 1000)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['sequences', 'outbox', 'ticket_events', 'tickets', 'help_topics', 'departments', 'sla_plans']) {
      await queryRunner.dropTable(table);
    }
  }
}
