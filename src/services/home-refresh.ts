import { OutboxMessage, toDelayedOutboxRow } from './outbox-messages';
import { DepartmentRow, TicketRow } from './ports/records';

/**
 * How long a Home publish waits before it is sent, so the changes of a burst (a reply, then a
 * resolve; twenty tickets transferred) are one publish per person: while one waits, no other is
 * queued for that person. Slack allows views.publish about 100 times a minute per workspace (Tier 4).
 */
export const HOME_PUBLISH_DELAY_MS = 1500;

type Staffed = Pick<DepartmentRow, 'agentIds' | 'managerIds'>;

/**
 * Whose Home a change to a ticket alters, as `publish_home` messages: the requester, the assignee
 * and the previous one, and the agents and managers of the ticket's department before and after
 * the change (their queues and figures). Each person once. With no ticket given (an SLA sweep),
 * only the departments' staff.
 */
export const homesToRefresh = (before: Pick<TicketRow, 'assigneeId'> | null, after: Pick<TicketRow, 'requesterId' | 'assigneeId'> | null, departments: readonly Staffed[]): OutboxMessage[] => {
  const people = new Set<string>();
  if (after) people.add(after.requesterId);
  if (after?.assigneeId) people.add(after.assigneeId);
  if (before?.assigneeId) people.add(before.assigneeId);
  for (const department of departments) [...department.agentIds, ...department.managerIds].forEach((id) => people.add(id));
  return [...people].map((userId) => ({ kind: 'publish_home', ticketId: null, userId }));
};

/** A Home publish as the outbox queues it: ready HOME_PUBLISH_DELAY_MS after the change, so a burst's changes coalesce into it. */
export const toHomeOutboxRow = (message: OutboxMessage) => toDelayedOutboxRow(message, HOME_PUBLISH_DELAY_MS);
