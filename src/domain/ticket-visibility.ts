import { TicketEventType } from './ticket-event';

/**
 * The events of a ticket's public history: what its requester was told (filed, assigned,
 * transferred, an agent's reply, resolved, closed, withdrawn, reopened, merged into another: the changes the
 * requester's DM reports) and what they wrote themselves (their messages, edits and deletions). Internal notes,
 * releases, escalations, edits (their reasons), refusals, SLA alerts and the waiting state are for
 * the department only; an edit's new values reach the requester in their ticket's DM.
 */
export const PUBLIC_EVENT_TYPES = [
  'created',
  'assigned',
  'transferred',
  'replied',
  'requester_messaged',
  'requester_edited',
  'requester_deleted',
  'resolved',
  'closed',
  'withdrawn',
  'reopened',
  'merged',
  'satisfaction_rated',
] as const satisfies readonly TicketEventType[];

const PUBLIC = new Set<TicketEventType>(PUBLIC_EVENT_TYPES);

/** Whether the requester may read this event of their ticket. */
export const isPublicEvent = (type: TicketEventType): boolean => PUBLIC.has(type);

/** Who is looking at a ticket: its department's staff (agent or manager) see everything, its requester the public history. */
export type TicketAudience = 'staff' | 'requester';

/**
 * Who may see a ticket: agents and managers of its department as staff, else its requester; anyone
 * else nobody (null), and the caller answers exactly as for a number that does not exist.
 */
export const audienceOf = (
  viewerId: string,
  ticket: { readonly requesterId: string },
  department: { readonly agentIds: readonly string[]; readonly managerIds: readonly string[] } | null,
): TicketAudience | null => {
  if (department && (department.agentIds.includes(viewerId) || department.managerIds.includes(viewerId))) return 'staff';
  if (ticket.requesterId === viewerId) return 'requester';
  return null;
};
