import type { DeliveryReads } from '../services/ports/delivery-reads';
import type { HistoryPost, RequesterMessage, SatisfactionRecord, TicketEventRow, TicketRelation, TicketRow, TicketWatcher } from '../services/ports/records';
import { SatisfactionRepository } from './repositories/satisfaction.repository';
import { Database } from './database';
import { HistoryPostRepository } from './repositories/history-post.repository';
import { OutboxRepository } from './repositories/outbox.repository';
import { RequesterMessageRepository } from './repositories/requester-message.repository';
import { TicketEventRepository } from './repositories/ticket-event.repository';
import { TicketLinkRepository } from './repositories/ticket-link.repository';
import { TicketRepository } from './repositories/ticket.repository';
import { TicketWatcherRepository } from './repositories/ticket-watcher.repository';

/** The Slack gateway's DeliveryReads on the app's database. */
export class SqlDeliveryReads implements DeliveryReads {
  constructor(private readonly db: Database) {}

  ticketsByIds(ids: readonly number[]): Promise<TicketRow[]> {
    return new TicketRepository(this.db.manager).findByIds(ids);
  }

  event(id: number): Promise<TicketEventRow | null> {
    return new TicketEventRepository(this.db.manager).findById(id);
  }

  history(ticketId: number): Promise<TicketEventRow[]> {
    return new TicketEventRepository(this.db.manager).history(ticketId);
  }

  requesterMessageOf(eventId: number): Promise<RequesterMessage | null> {
    return new RequesterMessageRepository(this.db.manager).findByEvent(eventId);
  }

  requesterMessagesOf(ticketId: number): Promise<RequesterMessage[]> {
    return new RequesterMessageRepository(this.db.manager).ofTicket(ticketId);
  }

  isThreadLinePending(ticketId: number, eventId: number): Promise<boolean> {
    return new OutboxRepository(this.db.manager).isThreadLinePending(ticketId, eventId);
  }

  isHistoryPending(ticketId: number): Promise<boolean> {
    return new OutboxRepository(this.db.manager).isPending(ticketId, 'thread_history');
  }

  isConfirmationGivenUp(ticketId: number): Promise<boolean> {
    return new OutboxRepository(this.db.manager).isGivenUp(ticketId, 'confirm_to_requester');
  }

  historyPost(channelId: string, threadTs: string): Promise<HistoryPost | null> {
    return new HistoryPostRepository(this.db.manager).find(channelId, threadTs);
  }

  async watcher(ticketId: number, userId: string): Promise<TicketWatcher | null> {
    return (await new TicketWatcherRepository(this.db.manager).of(ticketId)).find((watcher) => watcher.userId === userId) ?? null;
  }

  relationsOf(ticketId: number): Promise<TicketRelation[]> {
    return new TicketLinkRepository(this.db.manager).relationsOf(ticketId);
  }

  satisfactionOf(ticketId: number): Promise<SatisfactionRecord | null> {
    return new SatisfactionRepository(this.db.manager).find(ticketId);
  }

  rememberPermalink(ticketId: number, permalink: string): Promise<void> {
    return this.db.transaction((manager) => new TicketRepository(manager).setPermalink(ticketId, permalink));
  }
}
