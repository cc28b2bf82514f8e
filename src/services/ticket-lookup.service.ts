import { SlaState, slaStateOf } from '../domain/sla-state';
import { audienceOf, isPublicEvent, TicketAudience } from '../domain/ticket-visibility';
import { Priority } from '../domain/ticket';
import { Catalog } from './catalog';
import { Clock } from './clock';
import { DepartmentRow, TicketEventRow, TicketRow } from './ports/records';
import { ActiveStatus, MAX_PAGE_SIZE, MAX_TICKET_NUMBER, Page, PageOf, QueueFilter, TicketQueries } from './ports/ticket-queries';

/** A ticket as a list shows it: the row, its department (null if the catalog no longer has it) and its SLA state at the business clock's now. */
export interface TicketListing {
  readonly ticket: TicketRow;
  readonly department: DepartmentRow | null;
  readonly sla: SlaState;
}

/** A ticket as its viewer may read it: staff get the whole history, the requester only the public one (no internal notes). */
export interface TicketView extends TicketListing {
  readonly audience: TicketAudience;
  /** Oldest first. */
  readonly history: readonly TicketEventRow[];
}

/** A lookup's answer. `not_found` is the same whether the number does not exist or the viewer may not see it. */
export type TicketLookup = { readonly kind: 'found'; readonly view: TicketView } | { readonly kind: 'not_found' };

/** The departments a person works in: as agent, as manager, and both together (staff), by name. */
export interface StaffRoles {
  readonly agentOf: readonly DepartmentRow[];
  readonly managerOf: readonly DepartmentRow[];
  readonly staffOf: readonly DepartmentRow[];
}

/** Which queue in the caller's departments: assigned to them, unassigned, or every open ticket. */
export type QueueScope = 'mine' | 'unassigned' | 'all';

export interface QueueQuery {
  readonly scope: QueueScope;
  /** Only this department (one of the caller's; another answers an empty page). */
  readonly departmentId?: number;
  readonly statuses?: readonly ActiveStatus[];
  readonly priorities?: readonly Priority[];
}

/** A queue page, or `not_staff` when the caller is neither agent nor manager of any department. */
export type QueueAnswer = { readonly kind: 'not_staff' } | { readonly kind: 'queue'; readonly page: PageOf<TicketListing>; readonly departments: readonly DepartmentRow[]; readonly now: Date };

/** How far back "recently resolved or closed" reaches: 14 days. */
export const RECENTLY_FINISHED_MS = 14 * 24 * 3600 * 1000;

export const DEFAULT_PAGE: Page = { limit: 25, offset: 0 };

/** Whether `value` can be a ticket number: a whole number from 1 to MAX_TICKET_NUMBER. */
export const isTicketNumber = (value: number): boolean => Number.isSafeInteger(value) && value >= 1 && value <= MAX_TICKET_NUMBER;

const clampPage = (page: Page): Page => ({
  limit: Math.min(Math.max(Math.trunc(page.limit) || 1, 1), MAX_PAGE_SIZE),
  offset: Math.max(Math.trunc(page.offset) || 0, 0),
});

/**
 * Finds tickets for the people allowed to see them (TicketQueries with the visibility rule):
 * a requester sees their own tickets with the public history; agents and managers of a ticket's
 * department see it whole, internal notes included; anyone else is answered exactly as for a
 * number that does not exist. SLA states are computed at the business clock's now.
 */
export class TicketLookupService {
  constructor(
    private readonly queries: TicketQueries,
    private readonly catalog: Catalog,
    /** The business clock. */
    private readonly clock: Clock,
  ) {}

  /** The ticket numbered `number` as `viewerId` may see it, or not_found (also for a number that cannot exist). */
  async findTicket(viewerId: string, number: number): Promise<TicketLookup> {
    if (!isTicketNumber(number)) return { kind: 'not_found' };
    const ticket = await this.queries.byNumber(number);
    if (!ticket) return { kind: 'not_found' };
    const department = await this.catalog.findDepartment(ticket.departmentId);
    const audience = audienceOf(viewerId, ticket, department);
    if (!audience) return { kind: 'not_found' };
    const history = await this.queries.history(ticket.id);
    return {
      kind: 'found',
      view: { ticket, department, sla: slaStateOf(ticket, this.clock()), audience, history: audience === 'staff' ? history : history.filter((event) => isPublicEvent(event.type)) },
    };
  }

  /** The requester's open tickets, and those resolved or closed in the last RECENTLY_FINISHED_MS, each most recently updated first. */
  async requesterTickets(requesterId: string, pages: { open?: Page; recent?: Page } = {}): Promise<{ open: PageOf<TicketListing>; recent: PageOf<TicketListing> }> {
    const now = this.clock();
    const since = new Date(now.getTime() - RECENTLY_FINISHED_MS);
    const [open, recent] = await Promise.all([
      this.queries.openOfRequester(requesterId, clampPage(pages.open ?? DEFAULT_PAGE)),
      this.queries.finishedOfRequester(requesterId, since, clampPage(pages.recent ?? DEFAULT_PAGE)),
    ]);
    return { open: await this.listings(open, now), recent: await this.listings(recent, now) };
  }

  /** The departments `userId` is agent or manager of. */
  async rolesOf(userId: string): Promise<StaffRoles> {
    const departments = await this.catalog.listActiveDepartments();
    return {
      agentOf: departments.filter((department) => department.agentIds.includes(userId)),
      managerOf: departments.filter((department) => department.managerIds.includes(userId)),
      staffOf: departments.filter((department) => department.agentIds.includes(userId) || department.managerIds.includes(userId)),
    };
  }

  /** Every department's name by id, removed ones included: for the history's transfers. */
  async departmentNames(): Promise<ReadonlyMap<number, string>> {
    return new Map([...(await this.catalog.listDepartments()).values()].map((department) => [department.id, department.name]));
  }

  /** A page of a staff member's queue, most urgent first (see TicketQueries), with each ticket's SLA state. */
  async queue(staffId: string, query: QueueQuery, page: Page = DEFAULT_PAGE): Promise<QueueAnswer> {
    const { staffOf } = await this.rolesOf(staffId);
    if (staffOf.length === 0) return { kind: 'not_staff' };
    const now = this.clock();
    const filter: QueueFilter = {
      departmentIds: this.departmentIds(staffOf, query.departmentId),
      assignee: query.scope === 'mine' ? { kind: 'agent', userId: staffId } : query.scope === 'unassigned' ? { kind: 'unassigned' } : { kind: 'any' },
      statuses: query.statuses ?? [],
      priorities: query.priorities ?? [],
    };
    return { kind: 'queue', page: await this.listings(await this.queries.queue(filter, clampPage(page)), now), departments: staffOf, now };
  }

  /** Open tickets per active status in the staff member's departments (or one of them); null when they are not staff. */
  async statusCounts(staffId: string, departmentId?: number): Promise<Record<ActiveStatus, number> | null> {
    const { staffOf } = await this.rolesOf(staffId);
    if (staffOf.length === 0) return null;
    return this.queries.activeStatusCounts({ departmentIds: this.departmentIds(staffOf, departmentId), assignee: { kind: 'any' } });
  }

  /**
   * The departments a queue covers: the one asked for if it is the caller's (else none), or every
   * one of theirs. Tickets still assigned to someone no longer staff of their department are not
   * theirs to see, so they are not in their queue either.
   */
  private departmentIds(staffOf: readonly DepartmentRow[], departmentId: number | undefined): number[] {
    if (departmentId !== undefined) return staffOf.some((department) => department.id === departmentId) ? [departmentId] : [];
    return staffOf.map((department) => department.id);
  }

  private async listings(page: PageOf<TicketRow>, now: Date): Promise<PageOf<TicketListing>> {
    const departments = await this.catalog.listDepartments();
    return { ...page, rows: page.rows.map((ticket) => ({ ticket, department: departments.get(ticket.departmentId) ?? null, sla: slaStateOf(ticket, now) })) };
  }
}
