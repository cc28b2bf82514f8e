import { Ticket } from '../../domain/ticket';
import { TicketEvent } from '../../domain/ticket-event';
import { NewTicket } from '../../domain/ticket-intake';
import { DepartmentRow, HelpTopicRow, HistoryPost, RequesterMessage, SatisfactionRecord, SlaPlanRow, TicketEventRow, TicketLinkKind, TicketRow, TicketWatcher } from './records';

/**
 * The ticket store as services see it: a unit of work (`transaction`) that hands out
 * repositories named for what they do. Persistence implements it (SqlTicketStore);
 * SQL, dialects and the ORM stay behind it.
 */
export interface TicketStore {
  /** Runs `work` in one transaction: everything it writes through `unit` commits together, or nothing does. */
  transaction<T>(work: (unit: TicketUnit) => Promise<T>): Promise<T>;
  /** The same repositories outside any transaction, each statement on its own: for reads, and for a write that stands alone. */
  readonly direct: TicketUnit;
  /** Stores a new ticket, its first event and what it owes Slack (queued at `queuedAt`, a wall-clock reading), all or nothing; answers the stored ticket. */
  fileTicket(filing: Filing, queuedAt: Date): Promise<TicketRow>;
}

/** The repositories of one unit of work. */
export interface TicketUnit {
  readonly tickets: TicketRecords;
  readonly events: TicketEvents;
  readonly outbox: OutboxQueue;
  readonly processedKeys: ProcessedKeys;
  readonly requesterMessages: RequesterMessages;
  readonly historyPosts: HistoryPosts;
  readonly catalog: CatalogRecords;
  readonly watchers: TicketWatchers;
  readonly links: TicketLinks;
  readonly satisfaction: SatisfactionRecords;
  readonly digestSlots: DigestSlots;
}

/** The requesters' How did we do? (issue 18): asked at most once per ticket, answered at most once. */
export interface SatisfactionRecords {
  /** Records that the ticket's requester is being asked, unless they ever were; true when this call recorded it (the one to ask). */
  ask(ticketId: number, departmentId: number, now: Date): Promise<boolean>;
  find(ticketId: number): Promise<SatisfactionRecord | null>;
  /** Stores the requester's answer unless one is stored already; true when this call stored it. */
  answer(ticketId: number, answer: { readonly rating: number; readonly comment: string | null; readonly userId: string }, now: Date): Promise<boolean>;
}

/** The managers' digest slots already sent: several instances firing one slot send it once. */
export interface DigestSlots {
  /** Claims department `departmentId`'s digest of `slot` (the schedule's minute); true for the one caller that did. */
  claim(departmentId: number, slot: Date, now: Date): Promise<boolean>;
  /** The latest slot of department `departmentId` sent, or null when none ever was. */
  latest(departmentId: number): Promise<Date | null>;
}

/** Where a ticket came from: the intake key (a Slack view id) and the message it was filed from, if any. */
export type TicketOrigin = Pick<TicketRow, 'sourceChannelId' | 'sourceMessageTs' | 'intakeKey'>;

/** The SLA fields a sweep claims for a ticket, conditional on the stage and version it read. */
export type SlaClaim = Pick<TicketRow, 'slaStage' | 'firstResponseStage' | 'slaNextCheckAt' | 'escalationLevel' | 'version' | 'updatedAt'>;

/** A message a change owes Slack, as it is queued: `payload` is an OutboxMessage (outbox-messages.ts). */
export interface NewOutboxMessage {
  readonly ticketId: number | null;
  readonly kind: string;
  readonly payload: Record<string, unknown>;
  /** Milliseconds after `queuedAt` before it may be sent (a digest gathering a burst); none when absent. */
  readonly delayMs?: number;
}

/** A new ticket as filed: the ticket, where it came from, its first event, and the Slack messages it owes, stored together by `fileTicket`. */
export interface Filing {
  readonly ticket: NewTicket;
  readonly origin: TicketOrigin;
  readonly event: TicketEvent;
  /** What the new ticket owes Slack, given its id. */
  readonly messages: (ticketId: number) => readonly NewOutboxMessage[];
}

/** The tickets themselves, read and changed inside a unit of work. */
export interface TicketRecords {
  /** The ticket with this id, or null. */
  findById(id: number): Promise<TicketRow | null>;
  /** The tickets with these ids that exist, by ticket number. */
  findByIds(ids: readonly number[]): Promise<TicketRow[]>;
  /** The ticket people know by this number (`#1042`), if any. */
  findByNumber(number: number): Promise<TicketRow | null>;
  /** The ticket filed with this intake key (a Slack view id), if any. */
  findByIntakeKey(intakeKey: string): Promise<TicketRow | null>;
  /** The ticket whose requester conversation is the DM thread `channelId`/`threadTs`. */
  findByRequesterThread(channelId: string, threadTs: string): Promise<TicketRow | null>;
  /**
   * Stores a ticket the domain changed, only if nobody changed it since it was read (`readVersion`);
   * `extra` sets fields the domain does not own (a transfer clears the card's location). False when another change won.
   */
  saveChanges(ticket: Ticket, readVersion: number, extra?: Partial<TicketRow>): Promise<boolean>;
  /**
   * Holds the tickets `ids` for this unit of work: until it ends, no other unit changes them, and
   * one that holds them too waits for it. For a change of two tickets together (a merge), whose
   * second ticket no version check covers; they are held in id order, so two such units never wait
   * on each other in a circle.
   */
  holdForChange(ids: readonly number[]): Promise<void>;
  /** Up to `limit` open tickets whose SLA needs a look at `now`, soonest first. */
  dueForSlaCheck(now: Date, limit: number): Promise<TicketRow[]>;
  /** Claims each ticket's next SLA stages (resolution and first response) if its stages and version are still those read; answers the ids claimed. */
  claimSlaStages(claims: readonly { ticket: TicketRow; next: SlaClaim }[]): Promise<Set<number>>;
  /** Sets when the sweep should next look at the ticket (null: not while its SLA clock is stopped or has no alert left). */
  setSlaNextCheck(id: number, slaNextCheckAt: Date | null): Promise<void>;
  /** Up to `limit` tickets whose follow-ups (auto-close, reminders) need a look at `now`, soonest first. */
  dueForFollowUp(now: Date, limit: number): Promise<TicketRow[]>;
  /** Sets a ticket's follow-up stage and next look if its follow-up stage and version are still those read; false when another change won. */
  claimFollowUp(ticket: Pick<TicketRow, 'id' | 'version' | 'followUpStage'>, next: Pick<TicketRow, 'followUpStage' | 'followUpNextCheckAt'>): Promise<boolean>;
  /** Has the follow-up sweep look at once at the waiting and resolved tickets of these departments (their delays changed); answers how many. */
  recheckWaitingAndResolved(departmentIds: readonly number[]): Promise<number>;
  /** The open and in-progress tickets of these departments (their assignee nudge changed), to set each one's next nudge. */
  openTicketsOf(departmentIds: readonly number[]): Promise<TicketRow[]>;
}

/** Each ticket's history: one event per change, append-only except for redaction. */
export interface TicketEvents {
  /** Appends events to a ticket's history, in order; answers their ids. */
  append(ticketId: number, events: readonly TicketEvent[]): Promise<number[]>;
  /** Appends one event to each of many tickets; answers event id by ticket id. */
  appendOnePerTicket(events: readonly { ticketId: number; event: TicketEvent }[]): Promise<Map<number, number>>;
  /** Records the refusal of a click on an out-of-date card, and has the card redrawn (queued at `queuedAt`, unless a redraw already waits). */
  recordStaleClick(ticketId: number, event: TicketEvent, queuedAt: Date): Promise<void>;
  /** The event with this id, or null. */
  findById(id: number): Promise<TicketEventRow | null>;
  /** Erases what the events say (a deleted requester message), keeping that they happened. */
  redact(ids: readonly number[]): Promise<void>;
}

/** The outbox as the use cases see it: what they queue for Slack in the transaction of the change. */
export interface OutboxQueue {
  /**
   * Queues messages for delivery at `queuedAt`, a reading of the wall clock (never of the business
   * clock); a message of a coalesced kind (COALESCABLE_KINDS in outbox-lanes.ts: a card redraw, a requester summary, an
   * assignee digest) already waiting for its ticket is not queued twice.
   */
  enqueue(messages: readonly NewOutboxMessage[], queuedAt: Date): Promise<void>;
  /** Whether a message of `kind` for the ticket is still waiting to be delivered. */
  isPending(ticketId: number, kind: string): Promise<boolean>;
  /** Deletes up to `limit` messages delivered before `cutoff`; answers how many went. */
  deleteSentBefore(cutoff: Date, limit: number): Promise<number>;
}

/** Keys of requests already handled (a view id, a message's channel and ts, …), so Slack's retries change nothing twice. */
export interface ProcessedKeys {
  /** Whether a request with this key was handled. */
  has(key: string): Promise<boolean>;
  /** Marks the key handled; a key claimed twice fails (its uniqueness decides races). */
  claim(key: string, now: Date): Promise<void>;
  /** Claims the key unless it was claimed after `since`; answers whether this call claimed it. */
  claimUnlessSince(key: string, now: Date, since: Date): Promise<boolean>;
  /** Deletes up to `limit` keys claimed before `cutoff`; answers how many went. */
  deleteBefore(cutoff: Date, limit: number): Promise<number>;
}

/** The requester's DM messages that became events of a ticket, so later edits and deletions find their event. */
export interface RequesterMessages {
  /** Remembers that the requester's message `channelId`/`ts` became event `eventId`. */
  record(channelId: string, ts: string, ticketId: number, eventId: number, editedTs?: string | null): Promise<void>;
  /** The ticket message a requester's DM message `channelId`/`ts` became, or null. */
  find(channelId: string, ts: string): Promise<RequesterMessage | null>;
  /** Every message the requester wrote in the ticket's DM thread, each with its later events. */
  ofTicket(ticketId: number): Promise<RequesterMessage[]>;
  /** Adds an edit's or a deletion's event to a message. */
  addLaterEvent(message: RequesterMessage, eventId: number, change: { editedTs?: string; deletedAt?: Date }): Promise<void>;
}

/** How tickets relate (merged, linked), each relation stored from both ends. */
export interface TicketLinks {
  /**
   * Stores a relation of `ticketId` to `otherTicketId` of `kind`, and its counterpart from the other
   * end (related ↔ related, merged_into ↔ merged_from), replacing how the pair related before.
   */
  add(link: { readonly ticketId: number; readonly otherTicketId: number; readonly kind: Exclude<TicketLinkKind, 'merged_from'>; readonly createdBy: string; readonly createdAt: Date }): Promise<void>;
  /** Whether the two tickets are related in any way already. */
  exists(ticketId: number, otherTicketId: number): Promise<boolean>;
}

/** Where a ticket's history was posted after a transfer. */
export interface HistoryPosts {
  /** Where a transferred ticket's history was posted, in each card thread it has had. */
  ofTicket(ticketId: number): Promise<HistoryPost[]>;
}

/** What helpdesk.yml describes. */
export type CatalogKind = 'slaPlans' | 'departments' | 'helpTopics';
type CatalogItem = { slaPlans: SlaPlanRow; departments: DepartmentRow; helpTopics: HelpTopicRow };

/** The departments, help topics and SLA plans `helpdesk.yml` describes, as stored. */
export interface CatalogRecords {
  /** Every department, active or not. */
  listDepartments(): Promise<DepartmentRow[]>;
  /** Every help topic, active or not. */
  listTopics(): Promise<HelpTopicRow[]>;
  /** Every SLA plan, active or not. */
  listPlans(): Promise<SlaPlanRow[]>;
  /**
   * Stores `items` by name, active, and deactivates the rows of `kind` no longer listed (rows are
   * never deleted: tickets refer to them). Answers the id of each name, and the names deactivated.
   */
  upsertByName<K extends CatalogKind>(kind: K, items: readonly Omit<CatalogItem[K], 'id' | 'active'>[]): Promise<{ ids: Map<string, number>; deactivated: string[] }>;
}

/** The people who watch a ticket besides its requester (osTicket's collaborators). */
export interface TicketWatchers {
  /** The ticket's watchers, in the order they were added. */
  of(ticketId: number): Promise<TicketWatcher[]>;
  /** Adds `userId` as a watcher at `at`; false when they already watch the ticket. */
  add(ticketId: number, userId: string, at: Date): Promise<boolean>;
  /** Removes `userId` from the ticket's watchers; false when they did not watch it. */
  remove(ticketId: number, userId: string): Promise<boolean>;
  /** The watcher whose ticket conversation is the DM thread `channelId`/`threadTs`, if any. */
  findByThread(channelId: string, threadTs: string): Promise<TicketWatcher | null>;
}
