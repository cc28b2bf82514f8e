import { EntitySchema } from 'typeorm';
import { Priority } from '../../domain/ticket';

export interface HelpTopicRow {
  id: number;
  name: string;
  departmentId: number;
  priority: Priority;
  slaPlanId: number | null;
  active: boolean;
}

export const HelpTopicEntity = new EntitySchema<HelpTopicRow>({
  name: 'HelpTopic',
  tableName: 'help_topics',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    name: { type: 'varchar', length: 100, unique: true },
    departmentId: { name: 'department_id', type: 'integer' },
    priority: { type: 'varchar', length: 16 },
    slaPlanId: { name: 'sla_plan_id', type: 'integer', nullable: true },
    active: { type: 'boolean', default: true },
  },
});
