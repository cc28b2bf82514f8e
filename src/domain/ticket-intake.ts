import { FollowUpPolicy, nudgeAt } from './follow-ups';
import { err, ok, Result } from './result';
import { dueFrom, firstResponseDueFrom, SlaPolicy, sweepCheckOf } from './sla-clock';
import { Priority, Ticket } from './ticket';
import { TicketEvent } from './ticket-event';
import { FieldAnswer } from './topic-fields';

/** The longest summary, in characters after trimming; longer text belongs in the details. */
export const SUMMARY_MAX_LENGTH = 150;
/** The longest details, in characters (the modal's input allows as many). */
export const DETAILS_MAX_LENGTH = 3000;

/** What a ticket is filed from: the requester's text and the help topic's department, priority and SLA plan. */
export interface TicketDraft {
  readonly requesterId: string;
  readonly summary: string;
  readonly details: string;
  readonly fieldAnswers: readonly FieldAnswer[];
  readonly helpTopicId: number;
  readonly departmentId: number;
  readonly priority: Priority;
  readonly slaPlanId: number | null;
  readonly slaFromTopic: boolean;
  readonly sla: SlaPolicy | null;
  /** The department's follow-ups: when the new ticket nudges the department if nobody picks it up. */
  readonly followUps?: FollowUpPolicy;
}

/** A ticket before the database gives it its id and number. */
export type NewTicket = Omit<Ticket, 'id' | 'number'>;

/** The draft's fields a person types. */
export type DraftField = 'summary' | 'details';
/** What is wrong with each typed field, in words for the modal. */
export type DraftErrors = Partial<Record<DraftField, string>>;

/** Checks what the requester typed; every problem is reported at once, by field. */
export const validateDraftText = (summary: string, details: string): Result<{ summary: string; details: string }, DraftErrors> => {
  const errors: DraftErrors = {};
  const trimmedSummary = summary.trim();
  if (trimmedSummary === '') errors.summary = 'Please write a short summary of the problem.';
  else if (trimmedSummary.length > SUMMARY_MAX_LENGTH) {
    errors.summary = `The summary is ${trimmedSummary.length} characters; keep it to ${SUMMARY_MAX_LENGTH} and put the rest in Details.`;
  }
  if (details.length > DETAILS_MAX_LENGTH) {
    errors.details = `Details are ${details.length} characters; the limit is ${DETAILS_MAX_LENGTH}.`;
  }
  return Object.keys(errors).length > 0 ? err(errors) : ok({ summary: trimmedSummary, details: details.trim() });
};

/** A new ticket, open and unassigned, with its SLA clock started at `now`. */
export const openTicket = (draft: TicketDraft, now: Date): { ticket: NewTicket; event: TicketEvent } => {
  const dueAt = dueFrom(now, draft.sla);
  const firstResponseDueAt = firstResponseDueFrom(now, draft.sla);
  const ticket: NewTicket = {
    status: 'open',
    priority: draft.priority,
    requesterId: draft.requesterId,
    assigneeId: null,
    departmentId: draft.departmentId,
    helpTopicId: draft.helpTopicId,
    slaPlanId: draft.slaPlanId,
    slaFromTopic: draft.slaFromTopic,
    summary: draft.summary,
    details: draft.details,
    fieldAnswers: draft.fieldAnswers,
    slaStartedAt: now,
    dueAt,
    slaPausedAt: null,
    slaPauses: [],
    slaStage: 0,
    slaNextCheckAt: sweepCheckOf({ dueAt, slaStage: 0, firstResponseAt: null, firstResponseDueAt, firstResponseStage: 0 }, draft.sla),
    escalationLevel: 0,
    createdAt: now,
    updatedAt: now,
    resolvedAt: null,
    closedAt: null,
    closeReason: null,
    firstResponseAt: null,
    resolvedWithinSla: null,
    firstResponseDueAt,
    firstResponseStage: 0,
    followUpStage: 0,
    followUpNextCheckAt: nudgeAt(now, draft.followUps),
    waitingSince: null,
    version: 1,
  };
  const event: TicketEvent = {
    type: 'created',
    actorId: draft.requesterId,
    at: now,
    before: {},
    after: {
      status: ticket.status,
      priority: ticket.priority,
      departmentId: ticket.departmentId,
      helpTopicId: ticket.helpTopicId,
      slaPlanId: ticket.slaPlanId,
      dueAt: ticket.dueAt?.toISOString() ?? null,
    },
    text: draft.summary,
  };
  return { ticket, event };
};
