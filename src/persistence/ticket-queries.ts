import type { TicketEventRow, TicketRow } from '../services/ports/records';
import type { ActiveStatus, Page, PageOf, QueueFilter, TicketQueries } from '../services/ports/ticket-queries';
import { Database } from './database';
import { TicketEventRepository } from './repositories/ticket-event.repository';
import { TicketListingRepository } from './repositories/ticket-listing.repository';

/** The TicketQueries read port on the app's database (SQLite or PostgreSQL); each read is one statement outside any transaction. */
export class SqlTicketQueries implements TicketQueries {
  private readonly listing: TicketListingRepository;

  constructor(private readonly db: Database) {
    this.listing = new TicketListingRepository(db.manager);
  }

  openOfRequester(requesterId: string, page: Page): Promise<PageOf<TicketRow>> {
    return this.listing.openOfRequester(requesterId, page);
  }

  finishedOfRequester(requesterId: string, since: Date, page: Page): Promise<PageOf<TicketRow>> {
    return this.listing.finishedOfRequester(requesterId, since, page);
  }

  queue(filter: QueueFilter, page: Page): Promise<PageOf<TicketRow>> {
    return this.listing.queue(filter, page);
  }

  activeStatusCounts(filter: Omit<QueueFilter, 'statuses'>): Promise<Record<ActiveStatus, number>> {
    return this.listing.activeStatusCounts(filter);
  }

  byNumber(number: number): Promise<TicketRow | null> {
    return this.listing.byNumber(number);
  }

  history(ticketId: number): Promise<TicketEventRow[]> {
    return new TicketEventRepository(this.db.manager).history(ticketId);
  }
}
