import { EntitySchema } from 'typeorm';
import { Schedule } from '../../domain/business-hours';
import { json } from '../column-transformers';

export interface SlaPlanRow {
  id: number;
  name: string;
  graceSeconds: number;
  schedule: Schedule | null;
  warnBeforeSeconds: number | null;
  escalateAfterSeconds: number[];
  active: boolean;
}

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
    active: { type: 'boolean', default: true },
  },
});
