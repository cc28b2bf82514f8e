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

/** Departments, help topics and SLA plans: what helpdesk.yml describes. */
export class CatalogRepository {
  constructor(private readonly manager: EntityManager) {}

  listActiveTopics(): Promise<HelpTopicRow[]> {
    return this.manager.find(HelpTopicEntity, { where: { active: true }, order: { name: 'ASC' } });
  }

  listActiveDepartments(): Promise<DepartmentRow[]> {
    return this.manager.find(DepartmentEntity, { where: { active: true }, order: { name: 'ASC' } });
  }

  listDepartments(): Promise<DepartmentRow[]> {
    return this.manager.find(DepartmentEntity, { order: { name: 'ASC' } });
  }

  findTopic(id: number): Promise<HelpTopicRow | null> {
    return this.manager.findOneBy(HelpTopicEntity, { id });
  }

  findDepartment(id: number): Promise<DepartmentRow | null> {
    return this.manager.findOneBy(DepartmentEntity, { id });
  }

  findPlan(id: number): Promise<SlaPlanRow | null> {
    return this.manager.findOneBy(SlaPlanEntity, { id });
  }

  /** The plan as the SLA clock uses it; null for no plan (no due time). */
  async findPolicy(planId: number | null): Promise<SlaPolicy | null> {
    if (planId === null) return null;
    const plan = await this.findPlan(planId);
    return plan ? policyOf(plan) : null;
  }

  async listPlans(): Promise<SlaPlanRow[]> {
    return this.manager.find(SlaPlanEntity);
  }
}
