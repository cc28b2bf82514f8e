import { HelpdeskConfig, toSchedule } from './helpdesk-config';
import { toTopicField } from './topic-fields-config';
import { FollowUpPolicy } from '../domain/follow-ups';
import { followUpsOf } from '../services/catalog';
import { TicketStore } from '../services/ports/ticket-store';

export interface SyncSummary {
  readonly slaPlans: number;
  readonly departments: number;
  readonly helpTopics: number;
  readonly deactivated: string[];
  /** Waiting and resolved tickets looked at again because their department's follow-up delays changed. */
  readonly followUpsRechecked: number;
}

/** The parts of a follow-up policy the sweep reads for waiting and resolved tickets, comparable as text. */
const waitingAndResolvedDelays = (policy: FollowUpPolicy): string => JSON.stringify([policy.schedule, policy.autoCloseSeconds, policy.remindRequesterSeconds, policy.closeWaitingSeconds]);

/**
 * Stores helpdesk.yml's SLA plans, departments and help topics by name, in one transaction; what
 * it no longer lists is deactivated. A department whose follow-up delays changed has its waiting
 * and resolved tickets looked at again by the next sweep: a ticket resolved while
 * `auto_close_after` was off otherwise never closed once it was turned on, and a shortened delay
 * waited out the old one.
 */
export const syncHelpdeskConfig = (store: TicketStore, config: HelpdeskConfig): Promise<SyncSummary> =>
  store.transaction(async ({ catalog, tickets }) => {
    const storedDelays = new Map((await catalog.listDepartments()).map((department) => [department.name, waitingAndResolvedDelays(followUpsOf(department))]));
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
    const departmentRows = config.departments.map((department) => ({
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
    }));
    const departments = await catalog.upsertByName('departments', departmentRows);
    const changed = departmentRows.flatMap((department) => {
      const id = departments.ids.get(department.name);
      const stored = storedDelays.get(department.name);
      return id !== undefined && stored !== undefined && stored !== waitingAndResolvedDelays(followUpsOf(department)) ? [id] : [];
    });
    const followUpsRechecked = await tickets.recheckWaitingAndResolved(changed);
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
      followUpsRechecked,
    };
  });
