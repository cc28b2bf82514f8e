import { isStaff } from '../domain/actor';
import { err, ok, Result } from '../domain/result';
import { notPermitted, ticketError, TicketError } from '../domain/ticket-error';
import { isActive } from '../domain/ticket';
import { TicketRow } from './ports/records';
import { TicketStore } from './ports/ticket-store';
import { Catalog, followUpsOf } from './catalog';
import { reopenWindowPassed } from '../domain/follow-ups';
import { Clock } from './clock';
import { correctIn } from './requester-corrections';
import { ChangeOrigin, OnTicketChange } from './ticket-change';
import { recordOutsiderAttempt, Reserved } from './ticket-refusals';
import { Loaded, RequesterCorrection, StaffView, WorkflowContext, WorkflowOutcome, WorkflowRequest } from './ticket-workflow.types';
import { actorOf, loadTicket } from './workflow-loading';
import { performIn } from './workflow-perform';
import { AttachmentLimits, DEFAULT_ATTACHMENT_LIMITS } from './attachments';
import { findByWatcherThread, setWatchers, WatchersChange, WatchersView, watchersViewIn } from './ticket-watchers';

/** How long the assignee's DM about the requester's messages waits for more of them: a burst becomes one DM. */
export const DIGEST_DELAY_MS = 30_000;

/** What Assign to me did: the change, or the question to ask first (someone else has the ticket). */
export type AssignToMeOutcome = WorkflowOutcome | { readonly takeOver: { readonly ticketId: number; readonly number: number; readonly assigneeId: string; readonly version: number } };

export type { RequesterCorrection, StaffView, WorkflowCommand, WorkflowOutcome, WorkflowRequest } from './ticket-workflow.types';

/**
 * Working a ticket from Slack: who may open which form (authorize*), a change asked for
 * (`perform`, in workflow-perform.ts), and the requester's edits and deletions of what they
 * wrote (`correct`, in requester-corrections.ts). Each change is one transaction; what it owes
 * Slack is queued in it, and `onCommitted` is told after it commits.
 */
export class TicketWorkflowService {
  private readonly context: WorkflowContext;

  constructor(
    private readonly store: TicketStore,
    private readonly catalog: Catalog,
    private readonly clock: Clock,
    /** The wall clock: what is queued for Slack is stamped with real time, whatever `clock` says. */
    private readonly wallClock: Clock,
    private readonly onCommitted: OnTicketChange,
    /** How long an assignee's digest of the requester's messages gathers more before it is sent, in ms. */
    digestDelayMs = DIGEST_DELAY_MS,
    /** Which files may travel with a message (helpdesk.yml `attachments:`). */
    readonly attachmentLimits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS,
  ) {
    this.context = { store, catalog, clock, wallClock, digestDelayMs, attachmentLimits };
  }

  /**
   * Checks that `userId` may work the ticket before a modal opens. Anyone else, and anyone naming
   * a ticket that does not exist, gets the one refusal (NOT_PERMITTED_MESSAGE).
   */
  async authorizeStaff(ticketId: number, userId: string, action: string, changeOrigin?: ChangeOrigin): Promise<Result<StaffView, TicketError>> {
    const loaded = await loadTicket(this.store.direct, this.catalog, ticketId);
    if (!loaded) return err(notPermitted());
    if (!isStaff(actorOf(loaded, userId))) return this.refuseOutsider(loaded, { userId, action }, changeOrigin);
    const [departments, topics, topic] = await Promise.all([this.catalog.listActiveDepartments(), this.catalog.listActiveTopics(), this.catalog.findTopic(loaded.ticket.helpTopicId)]);
    return ok({ ...loaded, departments, topics, topicName: topic?.name ?? 'Unknown topic' });
  }

  /**
   * Checks that `userId` is the requester of a ticket still open (open, in progress or waiting)
   * before their Withdraw modal opens; anyone else gets the one refusal.
   */
  async authorizeWithdraw(ticketId: number, userId: string, changeOrigin?: ChangeOrigin): Promise<Result<TicketRow, TicketError>> {
    const loaded = await loadTicket(this.store.direct, this.catalog, ticketId);
    if (!loaded) return err(notPermitted());
    if (loaded.ticket.requesterId !== userId) return this.refuseOutsider(loaded, { userId, action: 'withdraw', reserved: 'requester' }, changeOrigin);
    if (!isActive(loaded.ticket.status)) {
      return err(ticketError('TICKET.NOT_ACTIVE', `This ticket is ${loaded.ticket.status} already, so there is nothing to withdraw.`));
    }
    return ok(loaded.ticket);
  }

  /** Checks that `userId` is the requester before their Reopen modal opens; anyone else gets the one refusal. */
  async authorizeRequester(ticketId: number, userId: string, changeOrigin?: ChangeOrigin): Promise<Result<TicketRow, TicketError>> {
    const loaded = await loadTicket(this.store.direct, this.catalog, ticketId);
    if (!loaded) return err(notPermitted());
    if (loaded.ticket.requesterId !== userId) return this.refuseOutsider(loaded, { userId, action: 'reopen', reserved: 'requester' }, changeOrigin);
    if (loaded.ticket.status !== 'resolved' && loaded.ticket.status !== 'closed') {
      return err(ticketError('TICKET.NOT_RESOLVED_OR_CLOSED', `This ticket is open again already; reply in its thread to add something.`));
    }
    return ok(loaded.ticket);
  }

  /**
   * Whether the requester's reopen window (their department's `reopen_window`) has passed for a
   * closed ticket at the business clock's now: Still broken then files a new ticket instead.
   */
  async reopenWindowOf(ticket: TicketRow): Promise<{ readonly passed: boolean; readonly windowSeconds: number }> {
    const department = await this.catalog.findDepartment(ticket.departmentId);
    const policy = followUpsOf(department ?? {});
    return { passed: reopenWindowPassed(ticket, policy, this.clock()), windowSeconds: policy.reopenWindowSeconds };
  }

  private async refuseOutsider<T>(
    loaded: Loaded,
    { userId, action, reserved = 'staff' }: { userId: string; action: string; reserved?: Reserved },
    changeOrigin: ChangeOrigin | undefined,
  ): Promise<Result<T, TicketError>> {
    const now = this.clock();
    this.onCommitted(await this.store.transaction((unit) => recordOutsiderAttempt(unit, loaded.ticket, { userId, action, reserved }, now, this.wallClock())), changeOrigin);
    return err(notPermitted());
  }

  /** Applies one request in one transaction; a repeated request (same key) changes nothing and answers `applied: false`. */
  async perform(request: WorkflowRequest): Promise<Result<WorkflowOutcome, TicketError>> {
    try {
      const { result, change } = await this.store.transaction((unit) => performIn(this.context, unit, request));
      if (change) this.onCommitted(change, request.changeOrigin);
      return result;
    } catch (error) {
      // Two deliveries of one request raced past the key check; the key's uniqueness let one through.
      if (request.requestKey && (await this.store.direct.processedKeys.has(request.requestKey))) {
        const loaded = await loadTicket(this.store.direct, this.catalog, request.ticketId);
        if (loaded) return ok({ ...loaded, applied: false });
      }
      throw error;
    }
  }

  /**
   * Applies an edit or a deletion of a relayed requester message (see `correctIn`). Answers
   * whether the message was known.
   */
  async correct(correction: RequesterCorrection): Promise<boolean> {
    try {
      const { known, change } = await this.store.transaction((unit) => correctIn(this.context, unit, correction));
      if (change) this.onCommitted(change, correction.changeOrigin);
      return known;
    } catch (error) {
      if (await this.store.direct.processedKeys.has(correction.requestKey)) return true;
      throw error;
    }
  }

  /**
   * **Assign to me** from a card. On an active ticket someone else has, nothing changes until the
   * person confirms: the answer is the question to ask (`takeOver`, with the live assignee and the
   * version asked about); with `confirmed`, or on a ticket nobody has, it assigns as `perform`
   * does, against `expectedVersion` (a change in between refuses it as stale).
   */
  async assignToMe(request: {
    readonly ticketId: number;
    readonly userId: string;
    readonly expectedVersion: number;
    readonly confirmed: boolean;
    readonly changeOrigin?: ChangeOrigin;
  }): Promise<Result<AssignToMeOutcome, TicketError>> {
    if (!request.confirmed) {
      const loaded = await loadTicket(this.store.direct, this.catalog, request.ticketId);
      const holder = loaded?.ticket.assigneeId ?? null;
      if (loaded && holder && holder !== request.userId && isStaff(actorOf(loaded, request.userId)) && isActive(loaded.ticket.status) && loaded.ticket.version === request.expectedVersion) {
        return ok({ takeOver: { number: loaded.ticket.number, assigneeId: holder, ticketId: loaded.ticket.id, version: loaded.ticket.version } });
      }
    }
    const command = { type: 'assign', assigneeId: request.userId } as const;
    return this.perform({ ticketId: request.ticketId, userId: request.userId, command, expectedVersion: request.expectedVersion, changeOrigin: request.changeOrigin });
  }

  /**
   * Where a ticket's card is now (after any transfer), for a link from an alert resolved when it is
   * clicked. Agents and managers of any department may ask; anyone else, and anyone naming a ticket
   * that does not exist, gets the one refusal. `card` is null while the new card is being posted.
   */
  async liveCard(ticketId: number, userId: string): Promise<Result<{ number: number; departmentName: string; card: { channelId: string; ts: string } | null }, TicketError>> {
    const loaded = await loadTicket(this.store.direct, this.catalog, ticketId);
    const departments = await this.catalog.listActiveDepartments();
    if (!loaded || !departments.some((department) => department.agentIds.includes(userId) || department.managerIds.includes(userId))) return err(notPermitted());
    const { ticket, department } = loaded;
    const card = ticket.cardChannelId && ticket.cardTs ? { channelId: ticket.cardChannelId, ts: ticket.cardTs } : null;
    return ok({ number: ticket.number, departmentName: department.name, card });
  }

  findByRequesterThread(channelId: string, threadTs: string): Promise<TicketRow | null> {
    return this.store.direct.tickets.findByRequesterThread(channelId, threadTs);
  }

  /** The ticket whose watcher conversation is the DM thread `channelId`/`threadTs`, and whose it is; null for any other thread. */
  findByWatcherThread(channelId: string, threadTs: string): ReturnType<typeof findByWatcherThread> {
    return findByWatcherThread(this.store.direct, channelId, threadTs);
  }

  /** Who watches a ticket, before the Watchers modal opens: for its department's agents and managers and its requester; anyone else gets the one refusal. */
  watchersOf(ticketId: number, userId: string): Promise<Result<WatchersView, TicketError>> {
    return watchersViewIn(this.context, this.store.direct, ticketId, userId);
  }

  /** Makes a ticket's watchers exactly those chosen in the Watchers modal (see `setWatchersIn`), in one transaction. */
  async setWatchers(change: WatchersChange): Promise<Result<WorkflowOutcome, TicketError>> {
    const { result, change: committed } = await setWatchers(this.context, change);
    if (committed) this.onCommitted(committed, change.changeOrigin);
    return result;
  }
}
