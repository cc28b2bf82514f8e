import { Schedule } from '../../domain/business-hours';
import { FollowUpPolicy } from '../../domain/follow-ups';
import { Priority, Ticket } from '../../domain/ticket';
import { FieldValue, TicketEventType } from '../../domain/ticket-event';
import { TopicField } from '../../domain/topic-fields';

/**
 * The records services read and write through their ports: what the help desk keeps about
 * tickets, their history, the catalog (departments, help topics, SLA plans) and the outbox.
 * Persistence stores them; nothing here says how.
 */

/** A department of `helpdesk.yml` as stored: its channel, its agents and managers (Slack user ids), its default SLA plan. */
export interface DepartmentRow {
  id: number;
  name: string;
  channelId: string;
  agentIds: string[];
  managerIds: string[];
  slaPlanId: number | null;
  escalationChannelId: string | null;
  /**
   * Who a new ticket of priority high or emergency mentions on its card (helpdesk.yml `notify:`),
   * as Slack mention markup (`<!subteam^S0ONCALL>`); a priority not listed mentions the agents.
   */
  notify: DepartmentNotify;
  /** What the department does by itself with resolved and waiting tickets (helpdesk.yml); stored partial, read whole through the Catalog. */
  followUps?: Partial<FollowUpPolicy>;
  /** Whether a closed ticket's requester is asked How did we do? (helpdesk.yml `satisfaction:`, on by default). */
  satisfaction: boolean;
  /** When the managers get their digest, a cron expression (helpdesk.yml `digest: { cron }`); null sends none. */
  digestCron: string | null;
  /** The IANA time zone the digest cron runs in (helpdesk.yml `digest: { timezone }`, else the department's `schedule:` one); null: the server's. */
  digestTimezone?: string | null;
  active: boolean;
}

/** The mentions a department configured per paged priority. */
export type DepartmentNotify = Partial<Record<'high' | 'emergency', string>>;

/** A help topic an employee files under: the department it routes to, the priority it sets, and its SLA plan if it has its own. */
export interface HelpTopicRow {
  id: number;
  name: string;
  departmentId: number;
  priority: Priority;
  slaPlanId: number | null;
  /** The questions the New ticket modal asks for this topic (helpdesk.yml `fields:`), in order. */
  fields: TopicField[];
  active: boolean;
}

/** An SLA plan as stored, durations in seconds: the grace period counts `schedule`'s working hours (none: around the clock); the warning and escalations are wall-clock (see `SlaPolicy`). */
export interface SlaPlanRow {
  id: number;
  name: string;
  graceSeconds: number;
  schedule: Schedule | null;
  warnBeforeSeconds: number | null;
  escalateAfterSeconds: number[];
  /** The plan's `first_response` target in seconds of its working time; null for none. */
  firstResponseSeconds: number | null;
  active: boolean;
}

/** A ticket row: the domain ticket plus where it came from and where Slack shows it. */
export interface TicketRow extends Ticket {
  sourceChannelId: string | null;
  sourceMessageTs: string | null;
  sourcePermalink: string | null;
  /** The Slack view id the ticket was submitted from; makes a repeated submission a no-op. */
  intakeKey: string | null;
  cardChannelId: string | null;
  cardTs: string | null;
  requesterDmChannelId: string | null;
  requesterDmTs: string | null;
  /**
   * Where the app posted the requester's latest prompt (the resolution's "That fixed it / Still
   * broken", or the closed ticket's "Reopen"), in their ticket conversation: the only message an
   * answer to a prompt may edit.
   */
  requesterPromptTs: string | null;
}

/** One stored event of a ticket's history: who did what when, and the fields before and after. */
export interface TicketEventRow {
  id: number;
  ticketId: number;
  type: TicketEventType;
  actorId: string;
  at: Date;
  before: Record<string, FieldValue>;
  after: Record<string, FieldValue>;
  text: string | null;
}

/** A Slack call that a committed change owes; the dispatcher delivers it. */
export interface OutboxMessageRow {
  id: number;
  ticketId: number | null;
  kind: string;
  /** The message as JSON text; the dispatcher validates it before sending. */
  payload: string;
  createdAt: Date;
  nextAttemptAt: Date;
  attempts: number;
  lockedUntil: Date | null;
  sentAt: Date | null;
  failedAt: Date | null;
  lastError: string | null;
}

/** A message the requester wrote in their ticket's DM thread, and where the card thread relays it. */
export interface RequesterMessage {
  /** The requester's DM channel and the message's ts there, as Slack names the message. */
  readonly channelId: string;
  readonly ts: string;
  readonly ticketId: number;
  /** The requester_messaged event the message became. */
  readonly eventId: number;
  /** Its requester_edited events, then its requester_deleted event, oldest first. */
  readonly laterEventIds: readonly number[];
  /** Slack's `edited.ts` of the latest edit applied, or null. */
  readonly editedTs: string | null;
  readonly deletedAt: Date | null;
  /** The card-thread messages that relay it, one per piece; empty until the relay is delivered. */
  readonly relay: RelayLocation | null;
}

/** The card-thread messages that relay a requester message: the thread, and one message per piece. */
export interface RelayLocation {
  readonly channelId: string;
  readonly threadTs: string;
  readonly ts: readonly string[];
}

/**
 * A requester's How did we do? about one ticket: asked once, when the ticket first closed (in
 * department `departmentId`), then answered once. `questionChannelId`/`questionTs` are where the
 * question was posted in their DM (null until it is); the answer fields are null until answered.
 */
export interface SatisfactionRecord {
  readonly ticketId: number;
  readonly departmentId: number;
  readonly askedAt: Date;
  readonly questionChannelId: string | null;
  readonly questionTs: string | null;
  /** From 1 (worst) to 5 (best). */
  readonly rating: number | null;
  readonly comment: string | null;
  readonly answeredAt: Date | null;
  readonly answeredBy: string | null;
}

/** The history posted at the top of a transferred ticket's new card thread. */
export interface HistoryPost {
  readonly ticketId: number;
  readonly channelId: string;
  readonly threadTs: string;
  /** The last event the history shows: a later re-rendering shows the same events. */
  readonly upToEventId: number;
  /** Its messages, one per piece. */
  readonly ts: readonly string[];
}

/** A person who follows a ticket besides its requester (osTicket's collaborator), and where their own ticket conversation is. */
export interface TicketWatcher {
  readonly ticketId: number;
  readonly userId: string;
  /** The watcher's DM channel and the message their conversation hangs from; null until it is posted. */
  readonly dmChannelId: string | null;
  readonly dmTs: string | null;
}

/**
 * How a ticket relates to another (`ticket_links`, stored from both ends): `related`, linked by
 * an agent; `merged_into`, this duplicate was merged into the other; `merged_from`, the other, a
 * duplicate, was merged into this one.
 */
export type TicketLinkKind = 'related' | 'merged_into' | 'merged_from';

/** One relation of a ticket, seen from it: the other ticket's number and where its card is. */
export interface TicketRelation {
  readonly kind: TicketLinkKind;
  readonly ticketId: number;
  readonly number: number;
  readonly cardChannelId: string | null;
  readonly cardTs: string | null;
}
