import { Actor, isStaff } from './actor';
import { SlaPolicy, slaDueAt, slaHistoryOf } from './sla-clock';
import { Ticket } from './ticket';
import { SYSTEM_ACTOR, TicketEventType } from './ticket-event';

/** What a ticket records about how it was served, for the managers' figures and SLA reports. */
export type ServiceMeasures = Pick<Ticket, 'firstResponseAt' | 'resolvedWithinSla'>;

/** Events that say something to the requester in a person's words: a reply, and a resolution's note (sent to them with That fixed it / Still broken). */
const ANSWERS: readonly TicketEventType[] = ['replied', 'resolved'];

/** Whether this change is a reply to the requester from staff: a person of the department who is not the requester, never the help desk itself. */
export const isStaffReply = (type: TicketEventType, actor: Actor): boolean => type === 'replied' && isStaff(actor) && !actor.isRequester && actor.userId !== SYSTEM_ACTOR;

/**
 * Whether this change is the requester's first answer from staff: a public reply or a resolution
 * note (never an internal note) by an agent or manager of the department who is not the requester
 * themselves, and not the help desk acting by itself (its no-answer resolution). Only the first one
 * counts. A resolution counts because the requester read it: without it, a ticket resolved without
 * a reply and reopened was alerted "past its first-response time with no reply to the requester".
 */
const isFirstResponse = (before: Ticket, type: TicketEventType, actor: Actor): boolean =>
  before.firstResponseAt === null && ANSWERS.includes(type) && isStaff(actor) && !actor.isRequester && actor.userId !== SYSTEM_ACTOR;

/**
 * Whether a resolution at `now` came by the due time. A ticket resolved while it waited on the
 * requester has that last wait credited, as resuming it would have (slaDueAt); otherwise the due
 * time the ticket was promised decides. Null without a due time (no SLA plan).
 */
const resolvedInTime = (before: Ticket, after: Ticket, policy: SlaPolicy | null, now: Date): boolean | null => {
  const due = before.slaPausedAt && policy ? slaDueAt(slaHistoryOf(after), policy, now) : after.dueAt;
  return due === null ? null : now.getTime() <= due.getTime();
};

/**
 * The measures after a change (`after`, the SLA clock already followed) recorded as event `type`:
 * the first response is stamped once and kept through reopens; a resolution records whether it
 * was within the SLA, a reopen forgets it until the next resolution.
 */
export const followServiceMeasures = (before: Ticket, after: Ticket, type: TicketEventType, actor: Actor, now: Date, policy: SlaPolicy | null): ServiceMeasures => ({
  firstResponseAt: isFirstResponse(before, type, actor) ? now : after.firstResponseAt,
  resolvedWithinSla: type === 'resolved' ? resolvedInTime(before, after, policy, now) : type === 'reopened' ? null : after.resolvedWithinSla,
});
