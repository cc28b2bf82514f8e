import { SlaAlert } from '../domain/sla-alert';
import { Priority } from '../domain/ticket';
import { TicketEvent } from '../domain/ticket-event';
import { OutboxMessage } from './outbox-messages';
import { DepartmentRow, TicketRow } from './ports/records';

/**
 * Who hears of a change to a ticket, and how: the one place that decides it, for workflow events
 * (notificationsFor) and SLA alerts (slaNotificationsFor) alike. Pure: the messages returned are
 * queued in the outbox by the service, in the transaction that made the change.
 */

export interface NotificationContext {
  /** The ticket as it was before the change (card location included). */
  readonly before: TicketRow;
  readonly after: TicketRow;
  readonly event: TicketEvent;
  readonly eventId: number;
  /** Managers of the ticket's department after the change. */
  readonly managerIds: readonly string[];
  readonly departmentChannelId: string;
  readonly escalationChannelId: string | null;
  /** Whether this change is the requester's answer to their prompt, which is then replaced by the outcome. */
  readonly settlesPrompt: boolean;
  /** The ticket's watchers after the change (read only for the events in TOLD_TO_WATCHERS). */
  readonly watcherIds?: readonly string[];
}

/**
 * The events a ticket's watchers hear of, in their own ticket conversation: what the requester
 * hears of (osTicket's collaborators get the requester's notices), never an internal note, and
 * not the reminders that the ticket waits on the requester's answer, which are the requester's alone.
 */
export const TOLD_TO_WATCHERS: ReadonlySet<TicketEvent['type']> = new Set(['assigned', 'transferred', 'replied', 'resolved', 'closed', 'reopened', 'withdrawn', 'merged']);

/** An alert in the department's own channel reads as the department's; in any other channel, as the managers' DMs do. */
const alertTemplate = (channelId: string, departmentChannelId: string) => (channelId === departmentChannelId ? ('department_alert' as const) : ('staff_alert' as const));

/** Who a new ticket's card mentions: the department's `notify:` for a high or emergency ticket, or else its agents; nobody for normal and low. */
export const pageFor = (priority: Priority, department: Pick<DepartmentRow, 'agentIds' | 'notify'>): { configured: string } | { agentIds: string[] } | null => {
  if (priority !== 'high' && priority !== 'emergency') return null;
  const configured = department.notify[priority];
  return configured ? { configured } : { agentIds: [...department.agentIds] };
};

/** What a new ticket owes Slack: its card (mentioning whom `pageFor` says) and the requester's confirmation, which opens their conversation. */
export const filingNotifications = (ticketId: number, priority: Priority, department: Pick<DepartmentRow, 'agentIds' | 'notify'>): OutboxMessage[] => {
  const page = pageFor(priority, department);
  return [
    { kind: 'post_ticket_card', ticketId, ...(page ? { page } : {}) },
    { kind: 'confirm_to_requester', ticketId },
  ];
};

/** Who hears about a change, and how: the fan-out of one ticket event into Slack messages. */
export const notificationsFor = (context: NotificationContext): OutboxMessage[] => {
  const { before, after, event, eventId } = context;
  const ticketId = after.id;
  // The first response takes its target off the card, without a new version (the card's buttons stay valid).
  const firstAnswer = before.firstResponseAt === null && after.firstResponseAt !== null && after.firstResponseDueAt !== null;
  const cardChanged = after.version !== before.version || firstAnswer;
  // The card and the requester's top-level DM show the same fields (status, department, assignee, due): both follow.
  const redraw: OutboxMessage[] = cardChanged ? [{ kind: 'update_ticket_card', ticketId }] : [];
  const summary: OutboxMessage[] = cardChanged ? [{ kind: 'requester_summary', ticketId }] : [];
  const line: OutboxMessage = { kind: 'thread_line', ticketId, eventId };
  const toRequester: OutboxMessage = { kind: 'requester_update', ticketId, eventId };
  const settle: OutboxMessage[] = context.settlesPrompt ? [{ kind: 'settle_requester_prompt', ticketId, eventId }] : [];
  const watcherUpdate = (userId: string): OutboxMessage => ({ kind: 'watcher_update', ticketId, eventId, userId });
  const toWatchers = TOLD_TO_WATCHERS.has(event.type) ? (context.watcherIds ?? []).map(watcherUpdate) : [];
  return [...fanOut(context, { redraw, summary, line, toRequester, settle }), ...toWatchers];
};

/** Who hears about a change besides the watchers. */
const fanOut = (
  context: NotificationContext,
  { redraw, summary, line, toRequester, settle }: { redraw: OutboxMessage[]; summary: OutboxMessage[]; line: OutboxMessage; toRequester: OutboxMessage; settle: OutboxMessage[] },
): OutboxMessage[] => {
  const { before, after, event, eventId } = context;
  const ticketId = after.id;
  switch (event.type) {
    case 'assigned': {
      const assignee = after.assigneeId;
      const dm: OutboxMessage[] = assignee && assignee !== event.actorId ? [{ kind: 'staff_dm', ticketId, eventId, userId: assignee }] : [];
      // Whoever had it is told it was taken over, unless they handed it on themselves.
      const previous = before.assigneeId;
      const toPrevious: OutboxMessage[] = previous && previous !== assignee && previous !== event.actorId ? [{ kind: 'staff_dm', ticketId, eventId, userId: previous }] : [];
      return [...redraw, line, ...dm, ...toPrevious, toRequester, ...summary];
    }
    case 'transferred': {
      const retire: OutboxMessage[] =
        before.cardChannelId && before.cardTs ? [{ kind: 'retire_ticket_card', ticketId, channelId: before.cardChannelId, ts: before.cardTs, toDepartmentId: after.departmentId }] : [];
      // The new card's thread starts with the history; messages of a ticket go out in order, so the card exists by then.
      return [
        ...retire,
        { kind: 'post_ticket_card', ticketId },
        { kind: 'thread_history', ticketId },
        { kind: 'channel_alert', ticketId, eventId, channelId: context.departmentChannelId, template: 'department_alert' },
        toRequester,
        ...summary,
      ];
    }
    case 'escalated': {
      const managers = context.managerIds.map((userId): OutboxMessage => ({ kind: 'staff_dm', ticketId, eventId, userId }));
      const channel: OutboxMessage[] = context.escalationChannelId
        ? [{ kind: 'channel_alert', ticketId, eventId, channelId: context.escalationChannelId, template: alertTemplate(context.escalationChannelId, context.departmentChannelId) }]
        : [];
      return [...redraw, line, ...managers, ...channel, ...summary];
    }
    case 'replied':
      return [...redraw, line, toRequester, ...summary];
    case 'resolved':
    case 'closed':
    case 'reopened':
      return [...settle, ...redraw, line, toRequester, ...summary];
    case 'withdrawn':
      // The requester's own act: their conversation gets the Reopen prompt, the card thread tells the agents.
      return [...redraw, line, toRequester, ...summary];
    case 'edited':
      // The requester's DM shows the new summary, topic and priority (its top message is redrawn); the reason stays with staff.
      return [...redraw, line, ...summary];
    case 'merged':
      return [...redraw, line, toRequester, ...summary];
    // A relation changes no field the version counts, but the card lists related tickets: it is redrawn all the same.
    case 'merged_from':
      return [
        { kind: 'update_ticket_card', ticketId },
        { kind: 'merge_history', ticketId, eventId },
      ];
    case 'linked':
      return [{ kind: 'update_ticket_card', ticketId }, line];
    case 'requester_messaged': {
      // The assignee hears of it by DM, one per burst (the digest is coalesced while it waits).
      const assignee = after.assigneeId;
      const digest: OutboxMessage[] = assignee && assignee !== event.actorId ? [{ kind: 'assignee_digest', ticketId, sinceEventId: eventId }] : [];
      return [...redraw, line, ...digest, ...summary];
    }
    case 'requester_edited':
    case 'requester_deleted':
      // The event of the message they change is not this one; the service queues the card-thread refresh.
      return [];
    case 'created':
    case 'released':
    case 'waiting':
      return [...redraw, line, ...summary];
    case 'watcher_added':
    case 'watcher_removed': {
      // The watcher is told in their own conversation (it starts with being added); the requester, in theirs.
      const watcherId = String(event.type === 'watcher_added' ? event.after.watcherId : event.before.watcherId);
      const toRequesterToo = event.actorId === after.requesterId ? [] : [toRequester];
      return [line, { kind: 'watcher_update', ticketId, eventId, userId: watcherId }, ...toRequesterToo];
    }
    case 'satisfaction_rated':
      // The ticket does not change (its version stays), yet its card shows the answer now.
      return [{ kind: 'update_ticket_card', ticketId }, line, { kind: 'settle_satisfaction_question', ticketId, eventId }, ...summary];
    case 'watcher_messaged':
    case 'noted':
    case 'refused':
    case 'sla_warning':
    case 'overdue':
    case 'sla_escalated':
    case 'first_response_warning':
    case 'first_response_overdue':
      return [...redraw, line];
    case 'assignee_nudged':
      // Who is nudged is the follow-up sweep's (nudgeNotificationsFor), since a burst becomes one summary.
      return [line];
    case 'requester_reminded':
      // The reminder goes to the requester in their ticket thread; the agents see it in the card's.
      return [line, toRequester];
  }
};

/** An SLA alert a sweep claimed: the ticket as claimed, what fell due, the event recorded for it, and its department. */
export interface SlaNotice {
  readonly ticket: TicketRow;
  readonly alert: SlaAlert;
  readonly eventId: number;
  readonly department: DepartmentRow;
}

/**
 * Who hears of the SLA alerts of one sweep. A warning goes to the assignee, or to the department's
 * channel when nobody is assigned. A breach goes to the channel and the department's managers, and
 * an escalation to the escalation channel too. More than `stormThreshold` breaches in one
 * department become one `breach_summary` to its channel and one to each manager, instead of a
 * message per ticket (the card and its thread line still follow every ticket).
 */
export const slaNotificationsFor = (notices: readonly SlaNotice[], stormThreshold: number): OutboxMessage[] => {
  const breachesByDepartment = new Map<number, SlaNotice[]>();
  for (const notice of notices) {
    // A first-response breach is announced on its own: the summary speaks of the resolution's due time.
    if (!notice.alert.breached || notice.alert.target !== 'resolution') continue;
    breachesByDepartment.set(notice.department.id, [...(breachesByDepartment.get(notice.department.id) ?? []), notice]);
  }
  const stormy = new Set([...breachesByDepartment].filter(([, breaches]) => breaches.length > stormThreshold).map(([id]) => id));
  const messages: OutboxMessage[] = notices.flatMap((notice) => slaAlertMessages(notice, stormy.has(notice.department.id)));
  for (const departmentId of stormy) {
    const breaches = breachesByDepartment.get(departmentId) ?? [];
    const department = breaches[0]?.department;
    if (!department) continue;
    const summary = { kind: 'breach_summary' as const, ticketId: null, departmentId, ticketIds: breaches.map((notice) => notice.ticket.id) };
    messages.push({ ...summary, channelId: department.channelId, userId: null });
    for (const userId of department.managerIds) messages.push({ ...summary, channelId: null, userId });
  }
  return messages;
};

const slaAlertMessages = ({ ticket, alert, eventId, department }: SlaNotice, inStorm: boolean): OutboxMessage[] => {
  const ticketId = ticket.id;
  const line: OutboxMessage = { kind: 'thread_line', ticketId, eventId };
  const toAssignee: OutboxMessage[] = ticket.assigneeId ? [{ kind: 'staff_dm', ticketId, eventId, userId: ticket.assigneeId }] : [];
  if (alert.warned) {
    return [line, ...(ticket.assigneeId ? toAssignee : [{ kind: 'channel_alert', ticketId, eventId, channelId: department.channelId, template: 'department_alert' } as const])];
  }
  const managers = inStorm ? [] : department.managerIds.map((userId): OutboxMessage => ({ kind: 'staff_dm', ticketId, eventId, userId }));
  const breachWarning: OutboxMessage[] = alert.breached && !inStorm ? [{ kind: 'channel_alert', ticketId, eventId, channelId: department.channelId, template: 'department_alert' }] : [];
  const escalationChannel: OutboxMessage[] =
    alert.escalations > 0 && department.escalationChannelId
      ? [{ kind: 'channel_alert', ticketId, eventId, channelId: department.escalationChannelId, template: alertTemplate(department.escalationChannelId, department.channelId) }]
      : [];
  return [
    { kind: 'update_ticket_card', ticketId },
    line,
    ...breachWarning,
    ...toAssignee,
    ...managers.filter((dm) => !(dm.kind === 'staff_dm' && dm.userId === ticket.assigneeId)),
    ...escalationChannel,
  ];
};

/** A nudge the follow-up sweep claimed: the ticket, the event recorded for it, its department, how long it was idle. */
export interface NudgeNotice {
  readonly ticket: TicketRow;
  readonly eventId: number;
  readonly department: DepartmentRow;
  readonly idleSeconds: number;
}

/**
 * Who hears of the nudges of one follow-up sweep: an assigned ticket's assignee by DM; an
 * unassigned ticket's department in its channel, where more than `stormThreshold` of them in one
 * sweep become one summary (a `breach_summary` with `idleSeconds`) instead of a message each.
 */
export const nudgeNotificationsFor = (notices: readonly NudgeNotice[], stormThreshold: number): OutboxMessage[] => {
  const unassigned = new Map<number, NudgeNotice[]>();
  for (const notice of notices) {
    if (notice.ticket.assigneeId === null) unassigned.set(notice.department.id, [...(unassigned.get(notice.department.id) ?? []), notice]);
  }
  const messages: OutboxMessage[] = [];
  for (const { ticket, eventId, department } of notices) {
    if (ticket.assigneeId !== null) messages.push({ kind: 'staff_dm', ticketId: ticket.id, eventId, userId: ticket.assigneeId });
    else if ((unassigned.get(department.id)?.length ?? 0) <= stormThreshold) {
      messages.push({ kind: 'channel_alert', ticketId: ticket.id, eventId, channelId: department.channelId, template: 'department_alert' });
    }
  }
  for (const burst of unassigned.values()) {
    const first = burst[0];
    if (!first || burst.length <= stormThreshold) continue;
    const ticketIds = burst.map((notice) => notice.ticket.id);
    messages.push({ kind: 'breach_summary', ticketId: null, departmentId: first.department.id, ticketIds, channelId: first.department.channelId, userId: null, idleSeconds: first.idleSeconds });
  }
  return messages;
};
