import { Actor, actorFor, isStaff } from '../domain/actor';
import { err, ok, Result } from '../domain/result';
import { formatTicketNumber, Priority } from '../domain/ticket';
import { notPermitted, ticketError, TicketError } from '../domain/ticket-error';
import { TicketEvent } from '../domain/ticket-event';
import { mayAct, TicketCommand, transition } from '../domain/ticket-transitions';
import { DepartmentRow, TicketRow } from './ports/records';
import { TicketStore, TicketUnit } from './ports/ticket-store';
import { Catalog } from './catalog';
import { Clock } from './clock';
import { homesToRefresh } from './home-refresh';
import { OutboxMessage, toOutboxRow } from './outbox-messages';
import { compareSlackTs } from './slack-ts';
import { OnTicketChange, TicketChange } from './ticket-change';
import { notificationsFor } from './ticket-notifications';
import { ACTION_WORDS, recordOutsiderAttempt, recordRefusal, Reserved } from './ticket-refusals';

/** What someone in Slack asks to do to a ticket, before the service resolves it into a domain command. */
export type WorkflowCommand =
  | { readonly type: 'assign'; readonly assigneeId: string }
  | { readonly type: 'release' }
  | { readonly type: 'transfer'; readonly toDepartmentId: number; readonly reason: string }
  | { readonly type: 'escalate'; readonly reason: string; readonly priority: Priority }
  | { readonly type: 'reply'; readonly message: string; readonly keepOpen: boolean }
  | { readonly type: 'note'; readonly text: string }
  | { readonly type: 'requester_message'; readonly text: string }
  | { readonly type: 'resolve'; readonly note: string }
  | { readonly type: 'close' }
  | { readonly type: 'reopen'; readonly message: string | null };

export interface WorkflowRequest {
  readonly ticketId: number;
  readonly userId: string;
  readonly command: WorkflowCommand;
  /** The ticket version the person saw (a card button); a newer ticket refuses the request as stale. */
  readonly expectedVersion?: number;
  /** Identifies the request (a modal's view id, an event id): a repeated delivery changes nothing. */
  readonly requestKey?: string;
  /**
   * The request answers the requester's prompt (That fixed it, Still broken, Reopen in their
   * DM): the prompt the app stored when it posted it is then replaced by the outcome. Where that
   * message is never comes from the request.
   */
  readonly answersPrompt?: boolean;
  /**
   * The Slack message a requester message came from, remembered so its edits and deletion follow
   * it; `editedTs` when the text is already an edit of it (Slack's `edited.ts`).
   */
  readonly source?: { readonly channelId: string; readonly ts: string; readonly editedTs?: string };
  /**
   * Where to answer a refusal (the DM thread of an event): the refusal is final, its key is
   * claimed and its answer queued with it, so a redelivered event is answered once.
   */
  readonly answerRefusalIn?: { readonly channelId: string; readonly threadTs: string };
}

/**
 * The requester edited or deleted a message of theirs that became a ticket event. Slack names the
 * message by its DM channel and ts; `requestKey` identifies this edit or deletion.
 */
export interface RequesterCorrection {
  readonly channelId: string;
  readonly ts: string;
  /** Who changed it, when Slack says; the ticket's requester otherwise. */
  readonly userId: string | null;
  readonly requestKey: string;
  /** `editedTs` is Slack's `edited.ts`: an edit older than one already applied changes nothing. */
  readonly change: { readonly type: 'edit'; readonly text: string; readonly editedTs: string } | { readonly type: 'delete' };
}

export interface WorkflowOutcome {
  readonly ticket: TicketRow;
  readonly department: DepartmentRow;
  /** False when the same request had already been handled. */
  readonly applied: boolean;
}

export interface StaffView {
  readonly ticket: TicketRow;
  readonly department: DepartmentRow;
  readonly departments: readonly DepartmentRow[];
}

type Loaded = { ticket: TicketRow; department: DepartmentRow };

/** A request's result, and what it committed to the ticket, if anything. */
type Performed = { result: Result<WorkflowOutcome, TicketError>; change: TicketChange | null };

/** The answer to a requester's message the ticket refused: a resolved or closed ticket says how to reopen it. */
const refusalAnswer = (ticketId: number, where: { channelId: string; threadTs: string }, refusal: TicketError): OutboxMessage => {
  const notActive = refusal.code === 'TICKET.NOT_ACTIVE' || refusal.code === 'TICKET.CLOSED';
  return { kind: 'event_answer', ticketId, ...where, ...(notActive ? { answer: 'not_passed_on' } : { answer: 'refused', detail: refusal.message }) };
};

export class TicketWorkflowService {
  constructor(
    private readonly store: TicketStore,
    private readonly catalog: Catalog,
    private readonly clock: Clock,
    /** The wall clock: what is queued for Slack is stamped with real time, whatever `clock` says. */
    private readonly wallClock: Clock,
    private readonly onCommitted: OnTicketChange,
  ) {}

  /**
   * Checks that `userId` may work the ticket before a modal opens. Anyone else, and anyone naming
   * a ticket that does not exist, gets the one refusal (NOT_PERMITTED_MESSAGE).
   */
  async authorizeStaff(ticketId: number, userId: string, action: string): Promise<Result<StaffView, TicketError>> {
    const loaded = await this.load(this.store.direct, ticketId);
    if (!loaded) return err(notPermitted());
    if (!isStaff(this.actorOf(loaded, userId))) return this.refuseOutsider(loaded, userId, action);
    const departments = await this.catalog.listActiveDepartments();
    return ok({ ...loaded, departments });
  }

  /** Checks that `userId` is the requester before their Reopen modal opens; anyone else gets the one refusal. */
  async authorizeRequester(ticketId: number, userId: string): Promise<Result<TicketRow, TicketError>> {
    const loaded = await this.load(this.store.direct, ticketId);
    if (!loaded) return err(notPermitted());
    if (loaded.ticket.requesterId !== userId) return this.refuseOutsider(loaded, userId, 'reopen', 'requester');
    if (loaded.ticket.status !== 'resolved' && loaded.ticket.status !== 'closed') {
      return err(ticketError('TICKET.NOT_RESOLVED_OR_CLOSED', `This ticket is open again already; reply in its thread to add something.`));
    }
    return ok(loaded.ticket);
  }

  private async refuseOutsider<T>(loaded: Loaded, userId: string, action: string, reserved: Reserved = 'staff'): Promise<Result<T, TicketError>> {
    const now = this.clock();
    this.onCommitted(await this.store.transaction((unit) => recordOutsiderAttempt(unit, loaded.ticket, { userId, action, reserved }, now, this.wallClock())));
    return err(notPermitted());
  }

  async perform(request: WorkflowRequest): Promise<Result<WorkflowOutcome, TicketError>> {
    try {
      const { result, change } = await this.performOnce(request);
      if (change) this.onCommitted(change);
      return result;
    } catch (error) {
      // Two deliveries of one request raced past the key check; the key's uniqueness let one through.
      if (request.requestKey && (await this.store.direct.processedKeys.has(request.requestKey))) {
        const loaded = await this.load(this.store.direct, request.ticketId);
        if (loaded) return ok({ ...loaded, applied: false });
      }
      throw error;
    }
  }

  /**
   * Applies an edit or a deletion of a relayed requester message: an event in the history, the
   * card-thread copy refreshed (through the outbox), and for a deletion the message's text and
   * its edits' erased from the history. A message this app never recorded, a repeat, an edit
   * older than the last one applied or of a deleted message change nothing. Answers whether the
   * message was known.
   */
  async correct(correction: RequesterCorrection): Promise<boolean> {
    try {
      const { known, change } = await this.store.transaction((unit) => this.correctIn(unit, correction));
      if (change) this.onCommitted(change);
      return known;
    } catch (error) {
      if (await this.store.direct.processedKeys.has(correction.requestKey)) return true;
      throw error;
    }
  }

  private async correctIn(unit: TicketUnit, correction: RequesterCorrection): Promise<{ known: boolean; change: TicketChange | null }> {
    const messages = unit.requesterMessages;
    const message = await messages.find(correction.channelId, correction.ts);
    if (!message) return { known: false, change: null };
    const keys = unit.processedKeys;
    if (await keys.has(correction.requestKey)) return { known: true, change: null };
    const now = this.clock();
    await keys.claim(correction.requestKey, now);
    const { change } = correction;
    if (message.deletedAt) return { known: true, change: null };
    if (change.type === 'edit' && message.editedTs !== null && compareSlackTs(change.editedTs, message.editedTs) <= 0) return { known: true, change: null };
    const events = unit.events;
    // Words already relayed (an edit that overtook its message was relayed as the message) are no edit.
    if (change.type === 'edit' && (await events.findById(message.laterEventIds.at(-1) ?? message.eventId))?.text === change.text) return { known: true, change: null };
    const loaded = await this.load(unit, message.ticketId);
    if (!loaded) return { known: true, change: null };
    const { ticket, department } = loaded;
    const userId = correction.userId ?? ticket.requesterId;
    const command: TicketCommand = change.type === 'edit' ? { type: 'requester_edit', text: change.text } : { type: 'requester_delete' };
    const result = transition(ticket, command, actorFor(userId, ticket.requesterId, department), now);
    if (!result.ok) {
      const attempt = { userId, action: 'change a message in', reserved: 'requester' } as const;
      return { known: true, change: await recordRefusal(unit, ticket, attempt, command.type, result.error, now, this.wallClock()) };
    }
    const [eventId] = await events.append(ticket.id, result.value.events);
    if (eventId === undefined) throw new Error('a requester correction recorded no event');
    // The words go; the history keeps that there was a message, and that it was deleted.
    if (change.type === 'delete') await events.redact([message.eventId, ...message.laterEventIds]);
    await messages.addLaterEvent(message, eventId, change.type === 'edit' ? { editedTs: change.editedTs } : { deletedAt: now });
    // Every history posted after a transfer quotes the message too: each shows its latest words, or that it was deleted.
    const histories: { channelId: string; threadTs: string }[] = await unit.historyPosts.ofTicket(ticket.id);
    // A history still being posted may have been drawn before this change: it is redrawn once recorded.
    const { cardChannelId, cardTs } = ticket;
    const drawing = cardChannelId && cardTs && !histories.some((post) => post.threadTs === cardTs && post.channelId === cardChannelId);
    if (drawing && (await unit.outbox.isPending(ticket.id, 'thread_history'))) histories.push({ channelId: cardChannelId, threadTs: cardTs });
    await unit.outbox.enqueue(
      [
        toOutboxRow({ kind: 'refresh_relay', ticketId: ticket.id, eventId: message.eventId }),
        ...histories.map(({ channelId, threadTs }) => toOutboxRow({ kind: 'refresh_history', ticketId: ticket.id, channelId, threadTs })),
      ],
      this.wallClock(),
    );
    return { known: true, change: { ticketNumber: ticket.number, actorId: userId, events: result.value.events.map((event) => event.type) } };
  }

  findByRequesterThread(channelId: string, threadTs: string): Promise<TicketRow | null> {
    return this.store.direct.tickets.findByRequesterThread(channelId, threadTs);
  }

  /** One request, in one transaction. */
  private performOnce(request: WorkflowRequest): Promise<Performed> {
    return this.store.transaction((unit) => this.performIn(unit, request));
  }

  /**
   * Who may act is decided first, before the ticket's existence, version or state show in the
   * answer: an outsider, or anyone naming a ticket that does not exist, gets the one refusal.
   */
  private async performIn(unit: TicketUnit, request: WorkflowRequest): Promise<Performed> {
    const now = this.clock();
    const loaded = await this.load(unit, request.ticketId);
    if (!loaded) return { result: err(notPermitted()), change: null };
    const actor = this.actorOf(loaded, request.userId);
    if (!mayAct(actor, request.command.type)) {
      const attempt = { userId: request.userId, action: ACTION_WORDS[request.command.type], reserved: request.command.type === 'requester_message' ? 'requester' : 'staff' } as const;
      return { result: err(notPermitted()), change: await recordOutsiderAttempt(unit, loaded.ticket, attempt, now, this.wallClock()) };
    }
    const keys = unit.processedKeys;
    if (request.requestKey && (await keys.has(request.requestKey))) return { result: ok({ ...loaded, applied: false }), change: null };
    const { ticket } = loaded;
    const command = await this.toDomainCommand(loaded, request.command);
    if (!command.ok) return { result: command, change: null };
    const sla = await this.catalog.findPolicy(ticket.slaPlanId);
    const result = transition(ticket, command.value, actor, now, { expectedVersion: request.expectedVersion, sla });
    if (!result.ok) {
      const attempt = { userId: request.userId, action: ACTION_WORDS[request.command.type], reserved: 'staff' } as const;
      const change = await recordRefusal(unit, loaded.ticket, attempt, request.command.type, result.error, now, this.wallClock());
      if (request.answerRefusalIn && request.requestKey) {
        await keys.claim(request.requestKey, now);
        await unit.outbox.enqueue([toOutboxRow(refusalAnswer(ticket.id, request.answerRefusalIn, result.error))], this.wallClock());
      }
      return { result, change };
    }
    const next: TicketRow = { ...ticket, ...result.value.ticket };
    const transferred = next.departmentId !== ticket.departmentId;
    // A transfer gets a new card in the new department's channel; the old one is retired.
    const card = transferred ? { cardChannelId: null, cardTs: null } : {};
    if (!(await unit.tickets.saveChanges(next, ticket.version, card))) {
      return { result: err(ticketError('TICKET.STALE', `${formatTicketNumber(ticket.number)} changed since you last saw it.`)), change: null };
    }
    const after: TicketRow = { ...next, ...card };
    const newDepartment = transferred ? await this.catalog.findDepartment(next.departmentId) : loaded.department;
    if (!newDepartment) throw new Error(`department ${next.departmentId} vanished during a transfer`);
    const settlesPrompt = request.answersPrompt === true && actor.isRequester;
    const eventIds = await this.record(unit, ticket, after, newDepartment, result.value.events, settlesPrompt);
    await unit.outbox.enqueue(homesToRefresh(ticket, after, transferred ? [loaded.department, newDepartment] : [newDepartment]).map(toOutboxRow), this.wallClock());
    const messageEventId = eventIds[0];
    if (request.source && messageEventId !== undefined) {
      const { channelId, ts, editedTs } = request.source;
      await unit.requesterMessages.record(channelId, ts, ticket.id, messageEventId, editedTs ?? null);
    }
    // Claimed only once the change is made: a refused modal can be corrected and submitted again.
    if (request.requestKey) await keys.claim(request.requestKey, now);
    return {
      result: ok({ ticket: after, department: newDepartment, applied: true }),
      change: { ticketNumber: ticket.number, actorId: request.userId, events: result.value.events.map((event) => event.type) },
    };
  }

  private actorOf({ ticket, department }: Loaded, userId: string): Actor {
    return actorFor(userId, ticket.requesterId, department);
  }

  private async record(unit: TicketUnit, before: TicketRow, after: TicketRow, department: DepartmentRow, events: readonly TicketEvent[], settlesPrompt: boolean): Promise<number[]> {
    const ids = await unit.events.append(after.id, events);
    const messages = events.flatMap((event, index) =>
      notificationsFor({
        before,
        after,
        event,
        eventId: ids[index] ?? 0,
        managerIds: department.managerIds,
        departmentChannelId: department.channelId,
        escalationChannelId: department.escalationChannelId,
        settlesPrompt,
      }),
    );
    await unit.outbox.enqueue(messages.map(toOutboxRow), this.wallClock());
    return ids;
  }

  /** Adds what the domain needs to know from the catalog: who is an agent where, which SLA applies. */
  private async toDomainCommand({ ticket, department }: Loaded, command: WorkflowCommand): Promise<Result<TicketCommand, TicketError>> {
    const catalog = this.catalog;
    switch (command.type) {
      case 'assign':
        return ok({ type: 'assign', assigneeId: command.assigneeId, assigneeIsAgent: department.agentIds.includes(command.assigneeId) });
      case 'transfer': {
        const target = await catalog.findDepartment(command.toDepartmentId);
        if (!target || !target.active) return err(ticketError('TICKET.DEPARTMENT_UNAVAILABLE', 'That department is not available any more.'));
        return ok({
          type: 'transfer',
          toDepartmentId: target.id,
          reason: command.reason,
          assigneeIsAgentThere: ticket.assigneeId !== null && target.agentIds.includes(ticket.assigneeId),
          departmentSla: { planId: target.slaPlanId, policy: await catalog.findPolicy(target.slaPlanId) },
        });
      }
      default:
        return ok(command);
    }
  }

  private async load(unit: TicketUnit, ticketId: number): Promise<Loaded | null> {
    const ticket = await unit.tickets.findById(ticketId);
    if (!ticket) return null;
    const department = await this.catalog.findDepartment(ticket.departmentId);
    if (!department) throw new Error(`ticket ${ticket.number} refers to a missing department ${ticket.departmentId}`);
    return { ticket, department };
  }
}
