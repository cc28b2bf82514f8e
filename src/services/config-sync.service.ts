import { EntityManager, Not, In } from 'typeorm';
import { HelpdeskConfig, toSchedule } from '../config/helpdesk-config';
import { Database } from '../persistence/database';
import { DepartmentEntity } from '../persistence/entities/department.entity';
import { HelpTopicEntity } from '../persistence/entities/help-topic.entity';
import { SlaPlanEntity } from '../persistence/entities/sla-plan.entity';

export interface SyncSummary {
  readonly slaPlans: number;
  readonly departments: number;
  readonly helpTopics: number;
  readonly deactivated: string[];
}

type Named = { id: number; name: string; active: boolean };

/**
 * Upserts `items` by name and deactivates rows the file no longer lists.
 * Rows are never deleted: tickets keep referring to them.
 */
const upsertByName = async <Row extends Named>(
  manager: EntityManager,
  entity: typeof SlaPlanEntity | typeof DepartmentEntity | typeof HelpTopicEntity,
  items: readonly Omit<Row, 'id' | 'active'>[],
): Promise<{ ids: Map<string, number>; deactivated: string[] }> => {
  const repository = manager.getRepository<Named>(entity);
  const existing = new Map((await repository.find()).map((row) => [row.name, row]));
  const ids = new Map<string, number>();
  for (const item of items) {
    const current = existing.get(item.name);
    const saved = await repository.save({ ...item, id: current?.id, active: true } as Named);
    ids.set(item.name, saved.id);
  }
  const gone = await repository.findBy({ name: Not(In([...ids.keys()])), active: true });
  if (gone.length > 0) await repository.update({ id: In(gone.map((row) => row.id)) }, { active: false });
  return { ids, deactivated: gone.map((row) => row.name) };
};

export const syncHelpdeskConfig = (db: Database, config: HelpdeskConfig): Promise<SyncSummary> =>
  db.transaction(async (manager) => {
    const plans = await upsertByName(
      manager,
      SlaPlanEntity,
      config.sla_plans.map((plan) => {
        const schedule = config.schedules.find((candidate) => candidate.name === plan.schedule);
        return {
          name: plan.name,
          graceSeconds: plan.grace_period,
          schedule: schedule ? toSchedule(schedule) : null,
          warnBeforeSeconds: plan.warn_before ?? null,
          escalateAfterSeconds: plan.escalate_after_breach,
        };
      }),
    );
    const planId = (name: string | undefined) => (name ? (plans.ids.get(name) ?? null) : null);
    const departments = await upsertByName(
      manager,
      DepartmentEntity,
      config.departments.map((department) => ({
        name: department.name,
        channelId: department.channel,
        agentIds: department.agents,
        managerIds: department.managers,
        slaPlanId: planId(department.sla),
        escalationChannelId: department.escalation_channel ?? null,
      })),
    );
    const topics = await upsertByName(
      manager,
      HelpTopicEntity,
      config.help_topics.map((topic) => ({
        name: topic.name,
        departmentId: departments.ids.get(topic.department) ?? 0,
        priority: topic.priority,
        slaPlanId: planId(topic.sla),
      })),
    );
    return {
      slaPlans: plans.ids.size,
      departments: departments.ids.size,
      helpTopics: topics.ids.size,
      deactivated: [...plans.deactivated, ...departments.deactivated, ...topics.deactivated],
    };
  });
