import { EntityManager } from 'typeorm';
import type { Filing, TicketStore, TicketUnit } from '../services/ports/ticket-store';
import type { TicketRow } from '../services/ports/records';
import { Database } from './database';
import { CatalogRepository } from './repositories/catalog.repository';
import { HistoryPostRepository } from './repositories/history-post.repository';
import { OutboxRepository } from './repositories/outbox.repository';
import { ProcessedKeyRepository } from './repositories/processed-key.repository';
import { RequesterMessageRepository } from './repositories/requester-message.repository';
import { DigestSlotRepository, SatisfactionRepository } from './repositories/satisfaction.repository';
import { TicketEventRepository } from './repositories/ticket-event.repository';
import { TicketLinkRepository } from './repositories/ticket-link.repository';
import { TicketRepository } from './repositories/ticket.repository';
import { TicketWatcherRepository } from './repositories/ticket-watcher.repository';
import { fileTicket } from './ticket-filing';

const unitOf = (manager: EntityManager): TicketUnit => ({
  tickets: new TicketRepository(manager),
  events: new TicketEventRepository(manager),
  outbox: new OutboxRepository(manager),
  processedKeys: new ProcessedKeyRepository(manager),
  requesterMessages: new RequesterMessageRepository(manager),
  historyPosts: new HistoryPostRepository(manager),
  catalog: new CatalogRepository(manager),
  watchers: new TicketWatcherRepository(manager),
  links: new TicketLinkRepository(manager),
  satisfaction: new SatisfactionRepository(manager),
  digestSlots: new DigestSlotRepository(manager),
});

/** The services' TicketStore on the app's database (SQLite or PostgreSQL). */
export class SqlTicketStore implements TicketStore {
  readonly direct: TicketUnit;

  /** The database it works on, for the other adapters built beside it. */
  constructor(readonly db: Database) {
    this.direct = unitOf(db.manager);
  }

  transaction<T>(work: (unit: TicketUnit) => Promise<T>): Promise<T> {
    return this.db.transaction((manager) => work(unitOf(manager)));
  }

  fileTicket(filing: Filing, queuedAt: Date): Promise<TicketRow> {
    return fileTicket(this.db, filing, queuedAt);
  }
}
