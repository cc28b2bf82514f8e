import { EntityManager } from 'typeorm';
import type { Filing } from '../services/ports/ticket-store';
import { isPostgres } from './bulk-sql';
import { Database } from './database';
import { TicketRow } from './entities/ticket.entity';
import { OutboxRepository } from './repositories/outbox.repository';
import { TicketEventRepository } from './repositories/ticket-event.repository';
import { TicketRepository } from './repositories/ticket.repository';
import { WriteBatch } from './write-batch';

/** Queues a filed ticket's first event and the messages it owes Slack into `batch`: the writes of a filing both databases run together. */
const queueFirstEventAndMessages = (manager: EntityManager, ticketId: number, filing: Filing, queuedAt: Date, batch: WriteBatch): Promise<void> => {
  new TicketEventRepository(manager).recordFiled(ticketId, filing.event, batch);
  return new OutboxRepository(manager).enqueue(filing.messages(ticketId), queuedAt, batch);
};

/**
 * Stores a new ticket, its first event and the messages it owes Slack, all or nothing. On
 * PostgreSQL that is one WriteBatch (one statement) after reserving the ticket's id and number:
 * two round trips instead of seven (BEGIN, the number, three inserts, COMMIT), each of which the
 * submission's ack waited for; the foreign keys of the event and the messages are checked at the
 * statement's end. SQLite gives the ticket its id as it is inserted, so there the insert comes
 * first and the same batch then runs in the transaction, in process. A write that joins a filing
 * joins `queueFirstEventAndMessages`, and so both databases. The messages are queued at
 * `queuedAt`, a reading of the wall clock.
 */
export const fileTicket = async (db: Database, filing: Filing, queuedAt: Date): Promise<TicketRow> => {
  if (!isPostgres(db.manager)) {
    return db.transaction(async (manager) => {
      const row = await new TicketRepository(manager).insert(filing.ticket, filing.origin);
      const batch = new WriteBatch(manager);
      await queueFirstEventAndMessages(manager, row.id, filing, queuedAt, batch);
      await batch.run();
      return row;
    });
  }
  const manager = db.manager;
  const tickets = new TicketRepository(manager);
  const row = await tickets.reserve(filing.ticket, filing.origin);
  const batch = new WriteBatch(manager);
  tickets.file(row, batch);
  await queueFirstEventAndMessages(manager, row.id, filing, queuedAt, batch);
  await batch.run();
  return row;
};
