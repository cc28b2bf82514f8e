import { EntityManager, In, Not } from 'typeorm';
import type { CatalogKind, CatalogRecords } from '../../services/ports/ticket-store';
import { DepartmentEntity, DepartmentRow } from '../entities/department.entity';
import { HelpTopicEntity, HelpTopicRow } from '../entities/help-topic.entity';
import { SlaPlanEntity, SlaPlanRow } from '../entities/sla-plan.entity';

/** Departments, help topics and SLA plans: what helpdesk.yml describes. The app reads them through the in-memory Catalog. */
const ENTITIES = { slaPlans: SlaPlanEntity, departments: DepartmentEntity, helpTopics: HelpTopicEntity } as const;

type Named = { id: number; name: string; active: boolean };

export class CatalogRepository implements CatalogRecords {
  constructor(private readonly manager: EntityManager) {}

  listDepartments(): Promise<DepartmentRow[]> {
    return this.manager.find(DepartmentEntity, { order: { name: 'ASC' } });
  }

  listTopics(): Promise<HelpTopicRow[]> {
    return this.manager.find(HelpTopicEntity, { order: { name: 'ASC' } });
  }

  listPlans(): Promise<SlaPlanRow[]> {
    return this.manager.find(SlaPlanEntity);
  }

  /**
   * Upserts `items` by name and deactivates rows the file no longer lists.
   * Rows are never deleted: tickets keep referring to them.
   */
  async upsertByName<K extends CatalogKind>(kind: K, items: readonly object[]): Promise<{ ids: Map<string, number>; deactivated: string[] }> {
    const repository = this.manager.getRepository<Named>(ENTITIES[kind]);
    const existing = new Map((await repository.find()).map((row) => [row.name, row]));
    const ids = new Map<string, number>();
    for (const item of items as readonly Omit<Named, 'id' | 'active'>[]) {
      const current = existing.get(item.name);
      const saved = await repository.save({ ...item, id: current?.id, active: true } as Named);
      ids.set(item.name, saved.id);
    }
    const gone = await repository.findBy({ name: Not(In([...ids.keys()])), active: true });
    if (gone.length > 0) await repository.update({ id: In(gone.map((row) => row.id)) }, { active: false });
    return { ids, deactivated: gone.map((row) => row.name) };
  }
}
