import { HelpdeskConfig, toSchedule } from './helpdesk-config';
import { toTopicField } from './topic-fields-config';
import { FOLLOW_UP_STAGE, FollowUpPolicy, nudgeAt } from '../domain/follow-ups';
import { followUpsOf } from '../services/catalog';
import { TicketStore } from '../services/ports/ticket-store';

export interface SyncSummary {
  readonly slaPlans: number;
  readonly departments: number;
  readonly helpTopics: number;
  readonly deactivated: string[];
  /** Waiting and resolved tickets looked at again because their department's follow-up delays changed. */
  readonly followUpsRechecked: number;
  /** Open tickets whose next assignee nudge was set again because their department's `remind_assignee_after` (or schedule) changed. */
  readonly nudgesRescheduled: number;
}

/** The parts of a follow-up policy the sweep reads for waiting and resolved tickets, comparable as text. */
const waitingAndResolvedDelays = (policy: FollowUpPolicy): string => JSON.stringify([policy.schedule, policy.autoCloseSeconds, policy.remindRequesterSeconds, policy.closeWaitingSeconds]);
/** The parts of a follow-up policy the assignee nudge of open tickets reads, comparable as text. */
const nudgeDelay = (policy: FollowUpPolicy): string => JSON.stringify([policy.schedule, policy.remindAssigneeSeconds]);

/**
 * Stores helpdesk.yml's SLA plans, departments and help topics by name, in one transaction; what
 * it no longer lists is deactivated. A department whose follow-up delays changed has its waiting
 * and resolved tickets looked at again by the next sweep: a ticket resolved while
 * `auto_close_after` was off otherwise never closed once it was turned on, and a shortened delay
 * waited out the old one. Likewise a changed `remind_assignee_after` sets each open ticket's next
 * nudge from its last change: turned on, tickets already open were otherwise never nudged until
 * something happened on them.
 */
export const syncHelpdeskConfig = (store: TicketStore, config: HelpdeskConfig): Promise<SyncSummary> =>
  store.transaction(async ({ catalog, tickets }) => {
    const storedDepartments = await catalog.listDepartments();
    const storedDelays = new Map(storedDepartments.map((department) => [department.name, waitingAndResolvedDelays(followUpsOf(department))]));
    const storedNudges = new Map(storedDepartments.map((department) => [department.name, nudgeDelay(followUpsOf(department))]));
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
      digestTimezone: department.digest ? (department.digest.timezone ?? scheduleNamed(department.schedule)?.timezone ?? null) : null,
    }));
    const departments = await catalog.upsertByName('departments', departmentRows);
    const changed = departmentRows.flatMap((department) => {
      const id = departments.ids.get(department.name);
      const stored = storedDelays.get(department.name);
      return id !== undefined && stored !== undefined && stored !== waitingAndResolvedDelays(followUpsOf(department)) ? [id] : [];
    });
    const followUpsRechecked = await tickets.recheckWaitingAndResolved(changed);
    const nudgePolicies = new Map(
      departmentRows.flatMap((department) => {
        const id = departments.ids.get(department.name);
        const stored = storedNudges.get(department.name);
        const policy = followUpsOf(department);
        return id !== undefined && stored !== undefined && stored !== nudgeDelay(policy) ? [[id, policy] as const] : [];
      }),
    );
    let nudgesRescheduled = 0;
    for (const ticket of await tickets.openTicketsOf([...nudgePolicies.keys()])) {
      // A ticket already nudged stays quiet until its assignee acts, as under the old delay.
      const next = ticket.followUpStage >= FOLLOW_UP_STAGE.nudged ? null : nudgeAt(ticket.updatedAt, nudgePolicies.get(ticket.departmentId));
      if (await tickets.claimFollowUp(ticket, { followUpStage: ticket.followUpStage, followUpNextCheckAt: next })) nudgesRescheduled += 1;
    }
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
      nudgesRescheduled,
    };
  });
