import { Priority, TicketStatus } from '../../domain/ticket';
import { TicketEventRow, TicketRow } from './records';

/**
 * TicketQueries: the read port every list of tickets uses (`/ticket list · status · queue`, the
 * App Home, the manager view). Persistence implements it (SqlTicketQueries in
 * src/persistence/ticket-queries.ts); SQL, dialects and indexes stay behind it.
 *
 * It answers rows as stored and applies NO visibility rule: call it through
 * TicketLookupService (src/services/ticket-lookup.service.ts), which decides who sees what
 * (a requester their own tickets with the public history, the department's agents and managers
 * everything, anyone else "not found") and adds the SLA state at the business clock's now:
 *
 * - `lookup.findTicket(viewerId, number)`           one ticket with its history, or not_found
 * - `lookup.requesterTickets(requesterId, pages)`   their open tickets and the recently resolved/closed
 * - `lookup.queue(staffId, query, page)`           a staff queue: `mine` (assigned to them), `unassigned`
 *                                                   or `all` in their departments, most urgent first,
 *                                                   filtered by department, status, priority, paged
 * - `lookup.statusCounts(staffId, departmentId?)`   open tickets per active status in their departments
 * - `lookup.rolesOf(userId)`                        the departments a person is agent or manager of
 *
 * Paging never cuts silently: every page carries the total matching, so a list can say
 * "showing 25 of 140". Queues are ordered most urgent first: running tickets by due time
 * (overdue ones have the earliest due times, so they come first, then due soonest), tickets without
 * a due time after them, tickets waiting on the requester (clock paused) last; ties by priority,
 * emergency first, then by number.
 */
export interface TicketQueries {
  /** The requester's open tickets (open, in progress, waiting), most recently updated first. */
  openOfRequester(requesterId: string, page: Page): Promise<PageOf<TicketRow>>;
  /** The requester's resolved or closed tickets updated at or after `since`, most recently updated first. */
  finishedOfRequester(requesterId: string, since: Date, page: Page): Promise<PageOf<TicketRow>>;
  /** Open tickets matching `filter`, most urgent first (see above). */
  queue(filter: QueueFilter, page: Page): Promise<PageOf<TicketRow>>;
  /** How many open tickets match `filter` in each active status (statuses with none answer 0). */
  activeStatusCounts(filter: Omit<QueueFilter, 'statuses'>): Promise<Record<ActiveStatus, number>>;
  /** The ticket with this number, or null. `number` must be a positive integer within the column's range (MAX_TICKET_NUMBER). */
  byNumber(number: number): Promise<TicketRow | null>;
  /** A ticket's whole history, oldest first. */
  history(ticketId: number): Promise<TicketEventRow[]>;
}

/** The largest ticket number the store holds (a 32-bit integer column on PostgreSQL). */
export const MAX_TICKET_NUMBER = 2_147_483_647;

/** The statuses of tickets still being worked (the queue's). */
export const ACTIVE_STATUSES = ['open', 'in_progress', 'waiting'] as const satisfies readonly TicketStatus[];
/** One of `ACTIVE_STATUSES`. */
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number];

/** A page of a list: at most `limit` rows (1 to MAX_PAGE_SIZE) after skipping `offset`. */
export interface Page {
  readonly limit: number;
  readonly offset: number;
}

/** The most rows one page may ask for. */
export const MAX_PAGE_SIZE = 200;

/** One page and the total matching, so a caller always knows what is left: more remain when `offset + rows.length < total`. */
export interface PageOf<Row> {
  readonly rows: readonly Row[];
  readonly offset: number;
  readonly total: number;
}

/** Whether rows remain after this page. */
export const hasMore = (page: PageOf<unknown>): boolean => page.offset + page.rows.length < page.total;

/** Which open tickets a queue holds. */
export interface QueueFilter {
  /** Tickets of these departments only; null for any department (only with an `agent` assignee). */
  readonly departmentIds: readonly number[] | null;
  /** Assigned to this person, unassigned, or either. */
  readonly assignee: { readonly kind: 'agent'; readonly userId: string } | { readonly kind: 'unassigned' } | { readonly kind: 'any' };
  /** Only these active statuses; empty or absent for all three. */
  readonly statuses?: readonly ActiveStatus[];
  /** Only these priorities; empty or absent for all. */
  readonly priorities?: readonly Priority[];
}
