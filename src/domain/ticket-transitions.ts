import { Actor, isStaff } from './actor';
import { err, ok, Result } from './result';
import { followFollowUps, FollowUpPolicy } from './follow-ups';
import { followSlaClock, SlaPolicy, sweepCheckOf } from './sla-clock';
import { CARD_FIELDS, formatTicketNumber, PRIORITIES, Ticket } from './ticket';
import { TicketCommand } from './ticket-command';
import { planEdit } from './ticket-edit';
import { notPermitted, TicketError, ticketError } from './ticket-error';
import { FieldValue, TicketEvent } from './ticket-event';
import { followServiceMeasures, isStaffReply } from './ticket-measures';
import { planMerge } from './ticket-merge';
import { planWatcherCommand } from './ticket-watcher-commands';
import { Changes, Plan, planned, requireActive, requireText, workingStatus } from './transition-plan';

export type { MergeTarget, TicketCommand } from './ticket-command';
export { planAfterTopicChange } from './ticket-edit';
export { mergeRefusal } from './ticket-merge';

/** The ticket after a command and the events that record the change (who, what, when, before and after). */
export interface Transition {
  readonly ticket: Ticket;
  readonly events: readonly TicketEvent[];
}

/** The next ticket and its events, or the refusal with its code and message. */
export type TransitionResult = Result<Transition, TicketError>;

const asFieldValue = (value: unknown): FieldValue => (value instanceof Date ? value.toISOString() : (value as FieldValue));

/** What `transition` checks and follows besides the command. */
export interface TransitionOptions {
  /** Refuses a command issued against an older state of the ticket. */
  readonly expectedVersion?: number;
  /** The ticket's SLA plan; the clock follows every change. */
  readonly sla?: SlaPolicy | null;
  /** The department's follow-ups: when an open ticket nudges its assignee (unknown: no new nudge is set). */
  readonly followUps?: FollowUpPolicy;
}

/**
 * Applies one command to a ticket on behalf of an actor at `now`.
 * Returns the changed ticket and the events that record the change, or a refusal with a code.
 */
export const transition = (ticket: Ticket, command: TicketCommand, actor: Actor, now: Date, options: TransitionOptions = {}): TransitionResult => {
  const { expectedVersion } = options;
  const sla = options.sla ?? null;
  // Who may act is decided first: a refusal says nothing about the ticket's version or state.
  if (!mayAct(actor, command.type)) return err(notPermitted());
  if (expectedVersion !== undefined && expectedVersion !== ticket.version) {
    return err(ticketError('TICKET.STALE', `${formatTicketNumber(ticket.number)} changed since you last saw it.`));
  }
  // Who watches may change on a closed ticket too: a watcher can always stop watching.
  const correction = command.type === 'requester_edit' || command.type === 'requester_delete' || command.type === 'add_watcher' || command.type === 'remove_watcher';
  if (ticket.status === 'closed' && command.type !== 'reopen' && !correction) {
    return err(ticketError('TICKET.CLOSED', `${formatTicketNumber(ticket.number)} is closed; reopen it first.`));
  }
  if (command.type === 'close' && !isStaff(actor) && ticket.status !== 'resolved') {
    return err(ticketError('TICKET.NOT_RESOLVED', 'You can close your ticket once it has been resolved.'));
  }
  const planned = plan(ticket, command, actor, now);
  if (!planned.ok) return planned;
  const policy = command.type === 'transfer' && !ticket.slaFromTopic ? command.departmentSla.policy : command.type === 'edit' ? command.plan.policy : sla;
  return ok(apply(ticket, planned.value, actor, now, policy, options.followUps));
};

/**
 * Whether `actor` may ask for a command of this type at all, whatever the ticket's state: the
 * department's agents and managers work the ticket; its requester writes to it (and edits or
 * deletes what they wrote), withdraws it, closes it once resolved and reopens it, and adds or
 * removes watchers; a watcher writes to it and may remove themselves (checked in `plan`: whom they
 * remove), but never confirms or reopens. Depends on nothing but the person's relation to the ticket.
 */
export const mayAct = (actor: Actor, command: TicketCommand['type']): boolean => {
  if (command === 'requester_message' || command === 'requester_edit' || command === 'requester_delete' || command === 'withdraw') return actor.isRequester;
  if (command === 'watcher_message') return actor.isWatcher === true;
  if (command === 'add_watcher') return isStaff(actor) || actor.isRequester;
  if (command === 'remove_watcher') return isStaff(actor) || actor.isRequester || actor.isWatcher === true;
  if (isStaff(actor)) return true;
  return actor.isRequester && (command === 'close' || command === 'reopen');
};

/** What a permitted command changes, or why the ticket's state refuses it (the rules per command). */
const plan = (ticket: Ticket, command: TicketCommand, actor: Actor, now: Date): Result<Plan, TicketError> => {
  switch (command.type) {
    case 'assign': {
      const refusal = requireActive(ticket);
      if (refusal) return err(refusal);
      if (!command.assigneeIsAgent) {
        return err(ticketError('TICKET.ASSIGNEE_NOT_AN_AGENT', "Tickets can only be assigned to an agent of the ticket's department."));
      }
      if (ticket.assigneeId === command.assigneeId) {
        // Said to the person who clicked: in the first person when it is theirs.
        const whose = command.assigneeId === actor.userId ? 'already yours' : 'already assigned to them';
        return err(ticketError('TICKET.ALREADY_ASSIGNED', `${formatTicketNumber(ticket.number)} is ${whose}.`));
      }
      const status = ticket.status === 'waiting' ? 'waiting' : 'in_progress';
      return planned('assigned', { assigneeId: command.assigneeId, status });
    }
    case 'release': {
      const refusal = requireActive(ticket);
      if (refusal) return err(refusal);
      if (!ticket.assigneeId) return err(ticketError('TICKET.NOT_ASSIGNED', `${formatTicketNumber(ticket.number)} is not assigned.`));
      const status = ticket.status === 'waiting' ? 'waiting' : 'open';
      return planned('released', { assigneeId: null, status });
    }
    case 'transfer': {
      const refusal = requireActive(ticket) ?? requireText(command.reason, 'A reason');
      if (refusal) return err(refusal);
      if (command.toDepartmentId === ticket.departmentId) {
        return err(ticketError('TICKET.SAME_DEPARTMENT', 'Pick a department other than the current one.'));
      }
      const assigneeId = command.assigneeIsAgentThere ? ticket.assigneeId : null;
      const status = ticket.status === 'waiting' ? 'waiting' : workingStatus(assigneeId);
      // osTicket's rule: a plan chosen by the help topic stays; a department default follows the department.
      // The SLA clock recomputes the due time if the plan changes (followSlaClock).
      const slaPlanId = ticket.slaFromTopic ? ticket.slaPlanId : command.departmentSla.planId;
      return planned('transferred', { departmentId: command.toDepartmentId, assigneeId, status, slaPlanId }, command.reason);
    }
    case 'escalate': {
      const refusal = requireActive(ticket) ?? requireText(command.reason, 'A reason');
      if (refusal) return err(refusal);
      if (PRIORITIES.indexOf(command.priority) < PRIORITIES.indexOf(ticket.priority)) {
        return err(ticketError('TICKET.PRIORITY_NOT_HIGHER', `An escalation cannot lower the priority below ${ticket.priority}.`));
      }
      return planned('escalated', { priority: command.priority, escalationLevel: ticket.escalationLevel + 1 }, command.reason);
    }
    case 'reply': {
      const refusal = requireActive(ticket) ?? requireText(command.message, 'A message');
      if (refusal) return err(refusal);
      return planned('replied', command.keepOpen ? {} : { status: 'waiting' }, command.message);
    }
    case 'note': {
      const refusal = requireText(command.text, 'A note');
      if (refusal) return err(refusal);
      return planned('noted', {}, command.text);
    }
    case 'requester_message': {
      const refusal = requireActive(ticket) ?? requireText(command.text, 'A message');
      if (refusal) return err(refusal);
      const changes: Changes = ticket.status === 'waiting' ? { status: workingStatus(ticket.assigneeId) } : {};
      return planned('requester_messaged', changes, command.text);
    }
    case 'requester_edit':
      return planned('requester_edited', {}, command.text);
    case 'requester_delete':
      return planned('requester_deleted', {});
    case 'wait': {
      const refusal = requireActive(ticket);
      if (refusal) return err(refusal);
      if (ticket.status === 'waiting') {
        return err(ticketError('TICKET.ALREADY_WAITING', `${formatTicketNumber(ticket.number)} is already waiting on the requester.`));
      }
      return planned('waiting', { status: 'waiting' });
    }
    case 'resolve': {
      const refusal = requireActive(ticket) ?? requireText(command.note, 'A resolution note');
      if (refusal) return err(refusal);
      return planned('resolved', { status: 'resolved', resolvedAt: now }, command.note);
    }
    case 'close':
      return planned('closed', { status: 'closed', closedAt: now, closeReason: 'completed' });
    case 'withdraw': {
      const refusal = requireActive(ticket);
      if (refusal) return err(refusal);
      const reason = command.reason?.trim() ? command.reason : null;
      return planned('withdrawn', { status: 'closed', closedAt: now, closeReason: 'withdrawn' }, reason);
    }
    case 'edit':
      return planEdit(ticket, command);
    case 'merge_into':
      return planMerge(ticket, command, now);
    case 'reopen': {
      if (ticket.status !== 'resolved' && ticket.status !== 'closed') {
        return err(ticketError('TICKET.NOT_RESOLVED_OR_CLOSED', `${formatTicketNumber(ticket.number)} is still ${ticket.status}.`));
      }
      return planned(
        'reopened',
        {
          status: workingStatus(ticket.assigneeId),
          resolvedAt: null,
          closedAt: null,
          closeReason: null,
          // A fresh clock: the SLA clock computes its due time (followSlaClock).
          slaStartedAt: now,
          slaPauses: [],
          slaPausedAt: null,
        },
        command.message,
      );
    }
    case 'add_watcher':
    case 'remove_watcher':
    case 'watcher_message':
      return planWatcherCommand(ticket, command, actor);
  }
};

/**
 * The version counts changes to what the card shows; a note or a message that changes no field
 * leaves it alone, so it does not turn the buttons on an up-to-date card stale.
 */
const apply = (ticket: Ticket, { type, changes, text, recorded }: Plan, actor: Actor, now: Date, sla: SlaPolicy | null, followUps: FollowUpPolicy | undefined): Transition => {
  const clocked: Ticket = followSlaClock(ticket, { ...ticket, ...changes }, sla, now);
  const measured: Ticket = {
    ...clocked,
    ...followServiceMeasures(ticket, clocked, type, actor, now, sla),
    ...followFollowUps(ticket, clocked, actor.userId, now, followUps, isStaffReply(type, actor)),
  };
  // The first response stops its own alerts: the sweep's next look is then only the resolution's.
  const answered = measured.firstResponseAt !== null && ticket.firstResponseAt === null && clocked.slaNextCheckAt !== null;
  const changed: Ticket = answered ? { ...measured, slaNextCheckAt: sweepCheckOf(measured, sla) } : measured;
  const before: Record<string, FieldValue> = { ...recorded?.before };
  const after: Record<string, FieldValue> = { ...recorded?.after };
  for (const field of CARD_FIELDS) {
    const was = asFieldValue(ticket[field]);
    const is = asFieldValue(changed[field]);
    if (was !== is) {
      before[field] = was;
      after[field] = is;
    }
  }
  const bump = CARD_FIELDS.some((field) => field in after) ? 1 : 0;
  const next: Ticket = { ...changed, updatedAt: now, version: ticket.version + bump };
  return { ticket: next, events: [{ type, actorId: actor.userId, at: now, before, after, text }] };
};
