import { EntityManager } from 'typeorm';
import { SlaPolicy } from '../../domain/sla-clock';
import { DepartmentEntity, DepartmentRow } from '../entities/department.entity';
import { HelpTopicEntity, HelpTopicRow } from '../entities/help-topic.entity';
import { SlaPlanEntity, SlaPlanRow } from '../entities/sla-plan.entity';

export const policyOf = (plan: SlaPlanRow): SlaPolicy => ({
  graceSeconds: plan.graceSeconds,
  schedule: plan.schedule,
  warnBeforeSeconds: plan.warnBeforeSeconds,
  escalateAfterBreachSeconds: plan.escalateAfterSeconds ?? [],
});

/** Departments, help topics and SLA plans: what helpdesk.yml describes. The app reads them through the in-memory Catalog. */
export class CatalogRepository {
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
}
