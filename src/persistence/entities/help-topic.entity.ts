import { EntitySchema } from 'typeorm';
import { jsonList } from '../column-transformers';
import type { HelpTopicRow } from '../../services/ports/records';
export type { HelpTopicRow };

export const HelpTopicEntity = new EntitySchema<HelpTopicRow>({
  name: 'HelpTopic',
  tableName: 'help_topics',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    name: { type: 'varchar', length: 100, unique: true },
    departmentId: { name: 'department_id', type: 'integer' },
    priority: { type: 'varchar', length: 16 },
    slaPlanId: { name: 'sla_plan_id', type: 'integer', nullable: true },
    fields: { type: 'text', transformer: jsonList },
    active: { type: 'boolean', default: true },
  },
});
