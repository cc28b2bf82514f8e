import { EntitySchema } from 'typeorm';
import { json } from '../column-transformers';
import type { DepartmentRow } from '../../services/ports/records';
export type { DepartmentRow };

export const DepartmentEntity = new EntitySchema<DepartmentRow>({
  name: 'Department',
  tableName: 'departments',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    name: { type: 'varchar', length: 100, unique: true },
    channelId: { name: 'channel_id', type: 'varchar', length: 32 },
    agentIds: { name: 'agent_ids', type: 'text', transformer: json },
    managerIds: { name: 'manager_ids', type: 'text', transformer: json },
    slaPlanId: { name: 'sla_plan_id', type: 'integer', nullable: true },
    escalationChannelId: { name: 'escalation_channel_id', type: 'varchar', length: 32, nullable: true },
    notify: { type: 'text', transformer: json },
    followUps: { name: 'follow_ups', type: 'text', transformer: json },
    satisfaction: { type: 'boolean', default: true },
    digestCron: { name: 'digest_cron', type: 'varchar', length: 100, nullable: true },
    digestTimezone: { name: 'digest_timezone', type: 'varchar', length: 64, nullable: true },
    active: { type: 'boolean', default: true },
  },
});
