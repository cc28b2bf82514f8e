export const TICKET_EVENT_TYPES = [
  'created',
  'assigned',
  'released',
  'transferred',
  'escalated',
  'replied',
  'noted',
  'requester_messaged',
  /** The requester edited a message in their ticket thread; the text is the new wording. */
  'requester_edited',
  /** The requester deleted a message; the message's text, and its edits', are erased from the history. */
  'requester_deleted',
  'waiting',
  'resolved',
  'closed',
  'reopened',
  /** Someone tried an action and was refused; the text says what and why. */
  'refused',
  /** The SLA sweep: due soon, past due, and each escalation level after the breach. */
  'sla_warning',
  'overdue',
  'sla_escalated',
  /** A watcher (osTicket's collaborator) was added or removed: `after.watcherId` or `before.watcherId` names them. */
  'watcher_added',
  'watcher_removed',
  /** A watcher wrote in their ticket thread; the text is what they wrote. */
  'watcher_messaged',
  /** Staff corrected the summary, help topic or priority; before and after hold what changed, the text is the reason. */
  'edited',
  /** The requester withdrew their open ticket: it is closed with close reason `withdrawn`; the text is their reason, if any. */
  'withdrawn',
  /** The SLA sweep: the first response is due soon, or past due (the plan's `first_response`). */
  'first_response_warning',
  'first_response_overdue',
  /** The follow-up sweep reminded the requester the ticket waits on them. */
  'requester_reminded',
  /** The follow-up sweep nudged the assignee (or the department, when unassigned) about an open ticket nobody touched. */
  'assignee_nudged',
  /** The ticket was a duplicate: it closed, merged into another ticket of its department (after: mergedIntoId, mergedIntoNumber). */
  'merged',
  /** A duplicate was merged into this ticket (after: mergedTicketId, mergedNumber, mergedRequesterId). */
  'merged_from',
  /** An agent linked this ticket to a related one, in any department (after: linkedTicketId, linkedNumber). */
  'linked',
  /** The requester answered How did we do? after the ticket closed: `after.satisfaction` 1 to 5, the text their comment. */
  'satisfaction_rated',
] as const;

/** The actor of changes the help desk makes by itself, such as SLA alerts. */
export const SYSTEM_ACTOR = 'helpdesk';
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

export type FieldValue = string | number | boolean | null;

/** One entry of a ticket's audit history: who did what, when, and which fields changed. */
export interface TicketEvent {
  readonly type: TicketEventType;
  readonly actorId: string;
  readonly at: Date;
  readonly before: Readonly<Record<string, FieldValue>>;
  readonly after: Readonly<Record<string, FieldValue>>;
  /** The words that came with the change: a reply, a note, a reason. */
  readonly text: string | null;
}
