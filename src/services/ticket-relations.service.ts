import { isStaff } from '../domain/actor';
import { err, ok, Result } from '../domain/result';
import { formatTicketNumber } from '../domain/ticket';
import { notPermitted, ticketError, TicketError } from '../domain/ticket-error';
import { TicketEvent } from '../domain/ticket-event';
import { linkTickets, mergedFromEvent } from '../domain/ticket-relations';
import { transition } from '../domain/ticket-transitions';
import { TicketRow } from './ports/records';
import { TicketUnit } from './ports/ticket-store';
import { homesToRefresh, toHomeOutboxRow } from './home-refresh';
import { mergeCandidatesFrom, MergeCandidate } from './merge-candidates';
import { ChangeOrigin, OnTicketChange, TicketChange } from './ticket-change';
import { recordOutsiderAttempt, recordRefusal } from './ticket-refusals';
import { TicketSearchService } from './ticket-search.service';
import { Loaded, WorkflowContext } from './ticket-workflow.types';
import { actorOf, loadTicket } from './workflow-loading';
import { record } from './workflow-perform';

export type { MergeCandidate } from './merge-candidates';

/** Merge a duplicate (`ticketId`) into the ticket numbered `targetNumber`, as `userId`. */
export interface MergeRequest {
  readonly ticketId: number;
  readonly userId: string;
  readonly targetNumber: number;
  /** The duplicate's version when the form opened: a change since refuses the merge as stale. */
  readonly expectedVersion?: number;
  /** The modal's view id: a repeated submission changes nothing. */
  readonly requestKey?: string;
  /** Where the change was asked for, named in its log line (the Slack request); see `ChangeOrigin`. */
  readonly changeOrigin?: ChangeOrigin;
}

/** Link `ticketId` to the related ticket numbered `otherNumber`, as `userId`. */
export interface LinkRequest {
  readonly ticketId: number;
  readonly userId: string;
  readonly otherNumber: number;
  readonly requestKey?: string;
  /** Where the change was asked for, named in its log line (the Slack request); see `ChangeOrigin`. */
  readonly changeOrigin?: ChangeOrigin;
}

/** What a merge or link did: the ticket it was asked on, and whether it was applied now (false: the same request was handled before). */
export interface RelationOutcome {
  readonly ticket: TicketRow;
  readonly other: TicketRow | null;
  readonly applied: boolean;
}

/**
 * Makes `watcherId` a watcher of a ticket inside the merge's own unit of work, as any watchers
 * change (history event, thread line, the watcher's first DM): the watchers' `addWatcherIn`.
 */
export type AddWatcher = (unit: TicketUnit, request: { readonly ticketId: number; readonly watcherId: string; readonly actorId: string }) => Promise<{ readonly change: TicketChange | null }>;

type Done = { result: Result<RelationOutcome, TicketError>; changes: TicketChange[] };

const unknownNumber = (number: number): TicketError =>
  ticketError('TICKET.UNKNOWN_NUMBER', `There is no ticket ${formatTicketNumber(number)} that you can see. Check the number (the cards show it, e.g. #1042).`);

/**
 * Relating tickets (osTicket's merge and linked tickets), by agents and managers of the ticket's
 * department. **Merge** closes a duplicate into another active ticket of its department: the
 * duplicate closes as `merged` (its card and its requester say into which), the surviving ticket's
 * history records it (`merged_from`, naming the duplicate's requester, for the watchers to add) and its
 * card thread gets the duplicate's history. **Link** relates two tickets of any departments the
 * person works in; both cards list the other. Each is one transaction, both tickets together.
 */
export class TicketRelationsService {
  constructor(
    private readonly context: WorkflowContext,
    private readonly search: TicketSearchService,
    private readonly onCommitted: OnTicketChange,
    /** How the duplicate's requester becomes a watcher of the surviving ticket; null while the app has no watchers. */
    private readonly addWatcher: AddWatcher | null = null,
  ) {}

  /** The tickets a duplicate is likely a copy of, for `userId` (an agent of its department): see `mergeCandidatesFrom`. */
  mergeCandidates(ticket: TicketRow, userId: string): Promise<MergeCandidate[]> {
    return mergeCandidatesFrom(this.search, ticket, userId);
  }

  async merge(request: MergeRequest): Promise<Result<RelationOutcome, TicketError>> {
    return this.run(request, (unit, loaded) => this.mergeIn(unit, loaded, request));
  }

  async link(request: LinkRequest): Promise<Result<RelationOutcome, TicketError>> {
    return this.run(request, (unit, loaded) => this.linkIn(unit, loaded, request));
  }

  /** Who may act first (an outsider's attempt is recorded as any other), then a repeated request, then the work. */
  private async run(request: { ticketId: number; userId: string; requestKey?: string; changeOrigin?: ChangeOrigin }, work: (unit: TicketUnit, loaded: Loaded) => Promise<Done>) {
    const { store, catalog, clock, wallClock } = this.context;
    const { result, changes } = await store.transaction(async (unit): Promise<Done> => {
      const loaded = await loadTicket(unit, catalog, request.ticketId);
      if (!loaded) return { result: err(notPermitted()), changes: [] };
      if (!isStaff(actorOf(loaded, request.userId))) {
        const attempt = { userId: request.userId, action: 'merge or link', reserved: 'staff' } as const;
        return { result: err(notPermitted()), changes: [await recordOutsiderAttempt(unit, loaded.ticket, attempt, clock(), wallClock())] };
      }
      if (request.requestKey && (await unit.processedKeys.has(request.requestKey))) return { result: ok({ ticket: loaded.ticket, other: null, applied: false }), changes: [] };
      const done = await work(unit, loaded);
      if (done.result.ok && request.requestKey) await unit.processedKeys.claim(request.requestKey, clock());
      return done;
    });
    changes.forEach((change) => this.onCommitted(change, request.changeOrigin));
    return result;
  }

  private async mergeIn(unit: TicketUnit, loaded: Loaded, request: MergeRequest): Promise<Done> {
    const { catalog, clock, wallClock } = this.context;
    const now = clock();
    const { ticket, department } = loaded;
    const actor = actorOf(loaded, request.userId);
    const named = await unit.tickets.findByNumber(request.targetNumber);
    // A ticket of a department the person does not work in is named only to say it is elsewhere (its staff decide about it).
    if (!named) return { result: err(unknownNumber(request.targetNumber)), changes: [] };
    // The target's version is not checked when the merge is stored: held, and read again as it is now, it cannot be
    // closed (or merged into the duplicate) by another change between this check and the commit.
    await unit.tickets.holdForChange([ticket.id, named.id]);
    const target = (await unit.tickets.findById(named.id)) ?? named;
    const sla = await catalog.findPolicy(ticket.slaPlanId);
    const merged = transition(ticket, { type: 'merge_into', target }, actor, now, { ...(request.expectedVersion === undefined ? {} : { expectedVersion: request.expectedVersion }), sla });
    if (!merged.ok) {
      const attempt = { userId: request.userId, action: 'merge', reserved: 'staff' } as const;
      return { result: merged, changes: [await recordRefusal(unit, ticket, attempt, 'merge', merged.error, now, wallClock())] };
    }
    const after: TicketRow = { ...ticket, ...merged.value.ticket };
    if (!(await unit.tickets.saveChanges(after, ticket.version))) {
      return { result: err(ticketError('TICKET.STALE', `${formatTicketNumber(ticket.number)} changed since you last saw it.`)), changes: [] };
    }
    await unit.links.add({ ticketId: ticket.id, otherTicketId: target.id, kind: 'merged_into', createdBy: request.userId, createdAt: now });
    await record(this.context, unit, ticket, after, department, merged.value.events, false);
    const absorbed = mergedFromEvent(ticket, actor, now);
    await record(this.context, unit, target, target, department, [absorbed], false);
    await unit.outbox.enqueue(homesToRefresh(ticket, after, [department]).map(toHomeOutboxRow), wallClock());
    // Its requester follows the surviving ticket unless they do already (as its requester or a watcher): asked again, the watchers would record a refusal.
    const following = ticket.requesterId === target.requesterId || (await unit.watchers.of(target.id)).some((watcher) => watcher.userId === ticket.requesterId);
    const follows = this.addWatcher && !following ? await this.addWatcher(unit, { ticketId: target.id, watcherId: ticket.requesterId, actorId: request.userId }) : null;
    return {
      result: ok({ ticket: after, other: target, applied: true }),
      changes: [changeOf(ticket, request.userId, merged.value.events), changeOf(target, request.userId, [absorbed]), ...(follows?.change ? [follows.change] : [])],
    };
  }

  private async linkIn(unit: TicketUnit, loaded: Loaded, request: LinkRequest): Promise<Done> {
    const { catalog, clock } = this.context;
    const now = clock();
    const { ticket, department } = loaded;
    const other = await unit.tickets.findByNumber(request.otherNumber);
    const otherDepartment = other ? await catalog.findDepartment(other.departmentId) : null;
    // osTicket links only tickets the agent may see: here, those of a department they work in.
    const visible = other && otherDepartment && (otherDepartment.agentIds.includes(request.userId) || otherDepartment.managerIds.includes(request.userId));
    if (!other || !otherDepartment || !visible) return { result: err(unknownNumber(request.otherNumber)), changes: [] };
    // Held, two links of the same pair at the same moment (or a link beside a merge of it) are one after the other: the second sees the first.
    await unit.tickets.holdForChange([ticket.id, other.id]);
    const linked = linkTickets(ticket, other, actorOf(loaded, request.userId), now, await unit.links.exists(ticket.id, other.id));
    if (!linked.ok) return { result: linked, changes: [] };
    await unit.links.add({ ticketId: ticket.id, otherTicketId: other.id, kind: 'related', createdBy: request.userId, createdAt: now });
    await record(this.context, unit, ticket, ticket, department, [linked.value.ticket], false);
    await record(this.context, unit, other, other, otherDepartment, [linked.value.other], false);
    return {
      result: ok({ ticket, other, applied: true }),
      changes: [changeOf(ticket, request.userId, [linked.value.ticket]), changeOf(other, request.userId, [linked.value.other])],
    };
  }
}

const changeOf = (ticket: TicketRow, actorId: string, events: readonly TicketEvent[]): TicketChange => ({ ticketNumber: ticket.number, actorId, events: events.map((event) => event.type) });
