import type { TicketSearch, TicketSearchPage, TicketSearchQuery } from '../services/ports/ticket-search';
import { Database } from './database';
import { TicketSearchRepository } from './repositories/ticket-search.repository';

/** The search service's TicketSearch on the app's database. */
export class SqlTicketSearch implements TicketSearch {
  constructor(private readonly db: Database) {}

  searchTickets(query: TicketSearchQuery): Promise<TicketSearchPage> {
    return new TicketSearchRepository(this.db.manager).searchTickets(query);
  }
}
