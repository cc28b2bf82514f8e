import { FieldAnswer } from './topic-fields';

/** A ticket's statuses: open (nobody has it), in progress (assigned), waiting (on the requester; the SLA clock stands still), resolved, closed. */
export const TICKET_STATUSES = ['open', 'in_progress', 'waiting', 'resolved', 'closed'] as const;
/** One of `TICKET_STATUSES`. */
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** A ticket's priorities, lowest first (an escalation moves one up). */
export const PRIORITIES = ['low', 'normal', 'high', 'emergency'] as const;
/** One of `PRIORITIES`. */
export type Priority = (typeof PRIORITIES)[number];

/**
 * Why a closed ticket is closed: `completed`, closed through its lifecycle (the requester
 * confirmed the fix, or staff closed it); `withdrawn`, its requester withdrew it while it was
 * still open (osTicket's requester-side close); `merged`, closed as a duplicate of another ticket of
 * its department (osTicket's merge). Null while the ticket is not closed. Whatever follows a close
 * (a satisfaction survey, a report) asks this, never the history.
 */
export const CLOSE_REASONS = ['completed', 'withdrawn', 'merged'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** A stretch of time the SLA clock stood still (the ticket waited on the requester), from and to as instants. */
export interface SlaPause {
  readonly from: Date;
  readonly to: Date;
}

/** The ticket as the domain sees it: plain data, no persistence or Slack details. */
export interface Ticket {
  readonly id: number;
  readonly number: number;
  readonly status: TicketStatus;
  readonly priority: Priority;
  readonly requesterId: string;
  readonly assigneeId: string | null;
  readonly departmentId: number;
  readonly helpTopicId: number;
  readonly slaPlanId: number | null;
  /** True when the SLA plan was chosen by the help topic; a transfer keeps such a plan. */
  readonly slaFromTopic: boolean;
  readonly summary: string;
  readonly details: string;
  /**
   * The answers to its help topic's fields when it was filed, in the fields' order, each with the
   * field's label and type of then: a field later removed or changed in helpdesk.yml still shows.
   */
  readonly fieldAnswers: readonly FieldAnswer[];
  /** When the SLA clock (re)started: creation, then every reopen. */
  readonly slaStartedAt: Date;
  readonly dueAt: Date | null;
  /** Set while the clock is paused, waiting on the requester. */
  readonly slaPausedAt: Date | null;
  /** The pauses that ended since the clock (re)started, oldest first: with the start, what the due time is computed from. */
  readonly slaPauses: readonly SlaPause[];
  /** How far the SLA alerts have gone (see SLA_STAGE). */
  readonly slaStage: number;
  /** When the SLA sweep next has something to do for this ticket. */
  readonly slaNextCheckAt: Date | null;
  readonly escalationLevel: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly resolvedAt: Date | null;
  readonly closedAt: Date | null;
  /** Why the ticket is closed (CLOSE_REASONS); null while it is not closed. A reopen clears it. */
  readonly closeReason: CloseReason | null;
  /**
   * When the requester first heard from staff: the first public reply by an agent or manager (not
   * an internal note, not a message the help desk sent by itself). Kept once set, through reopens;
   * the first-response measures (the manager's median, a first-response SLA) read it.
   */
  readonly firstResponseAt: Date | null;
  /** Whether the latest resolution came by the due time (true), after it (false); null while unresolved or without an SLA plan. */
  readonly resolvedWithinSla: boolean | null;
  /** When the first response is due (the plan's `first_response`, in its working time from creation); null without one. Kept once answered. */
  readonly firstResponseDueAt: Date | null;
  /** How far the first-response alerts have gone (0 none, 1 warned, 2 breached; see SLA_STAGE). */
  readonly firstResponseStage: number;
  /** How far the follow-ups of the current status have gone (see FOLLOW_UP_STAGE in follow-ups.ts). */
  readonly followUpStage: number;
  /** When the follow-up sweep (auto-close, reminders) next has something to do for this ticket; null for nothing. */
  readonly followUpNextCheckAt: Date | null;
  /**
   * When the requester's current silence started while the ticket waits on them: the start of the
   * wait, or staff's latest reply to them since (osTicket counts from the last response). The
   * reminder and the no-answer resolution count from it; null before the ticket first waits.
   */
  readonly waitingSince: Date | null;
  /** Incremented by every change; a click on an outdated card carries an older version. */
  readonly version: number;
}

/** What the card shows of a ticket: a change to any of these makes older cards stale. */
export const CARD_FIELDS = [
  'status',
  'priority',
  'assigneeId',
  'departmentId',
  'slaPlanId',
  'slaFromTopic',
  'dueAt',
  'escalationLevel',
  'summary',
  'helpTopicId',
  'closeReason',
] as const satisfies readonly (keyof Ticket)[];

/** Every field the lifecycle and the SLA clock may change after a ticket is created. */
export const MUTABLE_FIELDS = [
  ...CARD_FIELDS,
  'slaStartedAt',
  'slaPausedAt',
  'slaPauses',
  'slaStage',
  'slaNextCheckAt',
  'updatedAt',
  'resolvedAt',
  'closedAt',
  'firstResponseAt',
  'resolvedWithinSla',
  'firstResponseDueAt',
  'firstResponseStage',
  'followUpStage',
  'followUpNextCheckAt',
  'waitingSince',
  'version',
] as const satisfies readonly (keyof Ticket)[];

/** Whether staff still owe the ticket work: open, in progress or waiting (not resolved or closed). */
export const isActive = (status: TicketStatus): boolean => status === 'open' || status === 'in_progress' || status === 'waiting';

/** The priority one above `priority` (emergency stays emergency): what an escalation proposes. */
export const nextPriority = (priority: Priority): Priority => PRIORITIES[Math.min(PRIORITIES.indexOf(priority) + 1, PRIORITIES.length - 1)] ?? priority;

/** A ticket number as people see it: `#42`. */
export const formatTicketNumber = (number: number): string => `#${number}`;
