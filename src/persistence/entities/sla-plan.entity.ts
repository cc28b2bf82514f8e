import { EntitySchema } from 'typeorm';
import { json } from '../column-transformers';
import type { SlaPlanRow } from '../../services/ports/records';
export type { SlaPlanRow };

export const SlaPlanEntity = new EntitySchema<SlaPlanRow>({
  name: 'SlaPlan',
  tableName: 'sla_plans',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    name: { type: 'varchar', length: 100, unique: true },
    graceSeconds: { name: 'grace_seconds', type: 'integer' },
    schedule: { type: 'text', nullable: true, transformer: json },
    warnBeforeSeconds: { name: 'warn_before_seconds', type: 'integer', nullable: true },
    escalateAfterSeconds: { name: 'escalate_after_seconds', type: 'text', transformer: json },
    firstResponseSeconds: { name: 'first_response_seconds', type: 'integer', nullable: true },
    active: { type: 'boolean', default: true },
  },
});
