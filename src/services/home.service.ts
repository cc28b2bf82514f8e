import { TicketStatus } from '../domain/ticket';
import { isPublicEvent } from '../domain/ticket-visibility';
import { Catalog } from './catalog';
import { Clock } from './clock';
import { applyHomeChange, HomeChange, HomeFilters, HomeList, HomeState, readHomeState } from './home-state';
import { HomeStates } from './ports/home-states';
import { DepartmentRow, TicketEventRow } from './ports/records';
import { PageOf } from './ports/ticket-queries';
import { TicketListing, TicketLookupService } from './ticket-lookup.service';

/** How many rows each Home list shows at a time (the view may show fewer to stay within Slack's 100 blocks). */
export const HOME_PAGE_SIZE: Readonly<Record<HomeList, number>> = { open: 5, recent: 5, mine: 10, unassigned: 10 };

/** The agent's part of a Home: their departments, filters, counts and the two queues. */
export interface AgentHome {
  readonly departments: readonly DepartmentRow[];
  readonly filters: HomeFilters;
  readonly counts: Partial<Record<TicketStatus, number>>;
  readonly mine: PageOf<TicketListing>;
  readonly unassigned: PageOf<TicketListing>;
}

/** Everything one person's Home shows, as data: their tickets as a requester, and their queue if they are an agent. */
export interface HomeSnapshot {
  readonly userId: string;
  readonly requester: { readonly open: PageOf<TicketListing>; readonly recent: PageOf<TicketListing> };
  readonly agent: AgentHome | null;
  /** The departments the person manages (the manager section's), empty when none. */
  readonly managerOf: readonly DepartmentRow[];
  /** The business clock's reading the SLA states were computed at. */
  readonly now: Date;
}

/** A ticket as its requester may read it from their Home: the row and its public history. */
export interface PublicTicket {
  readonly listing: TicketListing;
  readonly history: readonly TicketEventRow[];
  /** Department names by id, for the transfers the history tells of. */
  readonly departmentNames: ReadonlyMap<number, string>;
}

/**
 * The App Home's use cases: what a person's Home shows (through TicketLookupService, which
 * applies who may see what), and the filters and pages they choose, kept per person.
 */
export class HomeService {
  constructor(
    private readonly lookup: TicketLookupService,
    private readonly catalog: Catalog,
    private readonly states: HomeStates,
    /** The business clock (SLA states). */
    private readonly clock: Clock,
    /** The wall clock (when a state was saved). */
    private readonly wallClock: Clock,
  ) {}

  /** The Home of `userId` as it stands now, with the filters and pages they chose. */
  async homeOf(userId: string): Promise<HomeSnapshot> {
    const state = readHomeState(await this.states.find(userId));
    const page = (list: HomeList) => ({ limit: HOME_PAGE_SIZE[list], offset: state.offsets[list] ?? 0 });
    const [requester, roles] = await Promise.all([this.lookup.requesterTickets(userId, { open: page('open'), recent: page('recent') }), this.lookup.rolesOf(userId)]);
    const agent = roles.agentOf.length > 0 ? await this.agentHome(userId, roles.agentOf, state, page) : null;
    return { userId, requester, agent, managerOf: roles.managerOf, now: this.clock() };
  }

  /** Applies a change the person made on their Home (a filter, a page) and keeps it. */
  async change(userId: string, change: HomeChange): Promise<void> {
    const state = applyHomeChange(readHomeState(await this.states.find(userId)), change);
    await this.states.save(userId, JSON.stringify(state), this.wallClock());
  }

  /**
   * The ticket numbered `number` with its public history only (never internal notes), for its
   * requester's View; null when `userId` is not its requester (or it does not exist).
   */
  async publicTicket(userId: string, number: number): Promise<PublicTicket | null> {
    const found = await this.lookup.findTicket(userId, number);
    if (found.kind !== 'found' || found.view.ticket.requesterId !== userId) return null;
    const { ticket, department, sla, history } = found.view;
    const departments = await this.catalog.listDepartments();
    const departmentNames = new Map([...departments.values()].map((row) => [row.id, row.name]));
    return { listing: { ticket, department, sla }, history: history.filter((event) => isPublicEvent(event.type)), departmentNames };
  }

  private async agentHome(userId: string, agentOf: readonly DepartmentRow[], state: HomeState, page: (list: HomeList) => { limit: number; offset: number }): Promise<AgentHome> {
    const { filters } = state;
    // A filter on a department the person no longer works in is dropped, not an empty queue.
    const departmentId = filters.departmentId !== null && agentOf.some((department) => department.id === filters.departmentId) ? filters.departmentId : undefined;
    const narrowed = {
      ...(departmentId === undefined ? {} : { departmentId }),
      ...(filters.status && filters.status !== 'resolved' && filters.status !== 'closed' ? { statuses: [filters.status] } : {}),
      ...(filters.priority ? { priorities: [filters.priority] } : {}),
    };
    const [mine, unassigned, counts] = await Promise.all([
      this.lookup.queue(userId, { scope: 'mine', ...narrowed }, page('mine')),
      this.lookup.queue(userId, { scope: 'unassigned', ...narrowed }, page('unassigned')),
      this.lookup.statusCounts(userId, departmentId),
    ]);
    const empty: PageOf<TicketListing> = { rows: [], offset: 0, total: 0 };
    return {
      departments: agentOf,
      filters: { ...filters, departmentId: departmentId ?? null },
      counts: counts ?? {},
      mine: mine.kind === 'queue' ? mine.page : empty,
      unassigned: unassigned.kind === 'queue' ? unassigned.page : empty,
    };
  }
}
