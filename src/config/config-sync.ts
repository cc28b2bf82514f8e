import { HelpdeskConfig, toSchedule } from './helpdesk-config';
import { toTopicField } from './topic-fields-config';
import { TicketStore } from '../services/ports/ticket-store';

export interface SyncSummary {
  readonly slaPlans: number;
  readonly departments: number;
  readonly helpTopics: number;
  readonly deactivated: string[];
}

/** Stores helpdesk.yml's SLA plans, departments and help topics by name, in one transaction; what it no longer lists is deactivated. */
export const syncHelpdeskConfig = (store: TicketStore, config: HelpdeskConfig): Promise<SyncSummary> =>
  store.transaction(async ({ catalog }) => {
    const scheduleNamed = (name: string | undefined) => {
      const schedule = config.schedules.find((candidate) => candidate.name === name);
      return schedule ? toSchedule(schedule) : null;
    };
    const plans = await catalog.upsertByName(
      'slaPlans',
      config.sla_plans.map((plan) => {
        const schedule = config.schedules.find((candidate) => candidate.name === plan.schedule);
        return {
          name: plan.name,
          graceSeconds: plan.grace_period,
          schedule: schedule ? toSchedule(schedule) : null,
          warnBeforeSeconds: plan.warn_before ?? null,
          escalateAfterSeconds: plan.escalate_after_breach,
          firstResponseSeconds: plan.first_response ?? null,
        };
      }),
    );
    const planId = (name: string | undefined) => (name ? (plans.ids.get(name) ?? null) : null);
    const departments = await catalog.upsertByName(
      'departments',
      config.departments.map((department) => ({
        name: department.name,
        channelId: department.channel,
        agentIds: department.agents,
        managerIds: department.managers,
        slaPlanId: planId(department.sla),
        escalationChannelId: department.escalation_channel ?? null,
        notify: department.notify ?? {},
        followUps: {
          schedule: scheduleNamed(department.schedule),
          autoCloseSeconds: department.auto_close_after,
          reopenWindowSeconds: department.reopen_window,
          remindRequesterSeconds: department.remind_requester_after,
          closeWaitingSeconds: department.close_waiting_after,
          remindAssigneeSeconds: department.remind_assignee_after,
        },
        satisfaction: department.satisfaction,
        digestCron: department.digest?.cron ?? null,
      })),
    );
    const topics = await catalog.upsertByName(
      'helpTopics',
      config.help_topics.map((topic) => ({
        name: topic.name,
        departmentId: departments.ids.get(topic.department) ?? 0,
        priority: topic.priority,
        slaPlanId: planId(topic.sla),
        fields: topic.fields.map(toTopicField),
      })),
    );
    return {
      slaPlans: plans.ids.size,
      departments: departments.ids.size,
      helpTopics: topics.ids.size,
      deactivated: [...plans.deactivated, ...departments.deactivated, ...topics.deactivated],
    };
  });
