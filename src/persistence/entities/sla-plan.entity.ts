import { EntitySchema } from 'typeorm';

export interface SlaPlanRow {
  id: number;
  name: string;
  graceSeconds: number;
  active: boolean;
}

export const SlaPlanEntity = new EntitySchema<SlaPlanRow>({
  name: 'SlaPlan',
  tableName: 'sla_plans',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    name: { type: 'varchar', length: 100, unique: true },
    graceSeconds: { name: 'grace_seconds', type: 'integer' },
    active: { type: 'boolean', default: true },
  },
});
