import { EntityManager } from 'typeorm';
import { DepartmentEntity, DepartmentRow } from '../entities/department.entity';
import { HelpTopicEntity, HelpTopicRow } from '../entities/help-topic.entity';
import { SlaPlanEntity, SlaPlanRow } from '../entities/sla-plan.entity';

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
}
