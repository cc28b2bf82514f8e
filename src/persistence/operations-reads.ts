import type { OperationsReads } from '../services/ports/operations-reads';
import { Database } from './database';
import { OutboxRepository } from './repositories/outbox.repository';
import { TicketRepository } from './repositories/ticket.repository';

/** The operations figures' OperationsReads on the app's database. */
export class SqlOperationsReads implements OperationsReads {
  constructor(private readonly db: Database) {}

  isReachable(): Promise<boolean> {
    return this.db.isReachable();
  }

  ticketsByStatus(): Promise<{ status: string; count: number }[]> {
    return new TicketRepository(this.db.manager).countByStatus();
  }

  async outboxFigures(): Promise<{ backlog: number; givenUp: number; oldest: Date | null }> {
    const repository = new OutboxRepository(this.db.manager);
    const [backlog, givenUp, oldest] = await Promise.all([repository.countPending(), repository.countFailed(), repository.oldestPending()]);
    return { backlog, givenUp, oldest: oldest?.createdAt ?? null };
  }
}
