import { EntityManager } from 'typeorm';
import type { Filing } from '../services/ports/ticket-store';
import { isPostgres } from './bulk-sql';
import { Database } from './database';
import { TicketRow } from './entities/ticket.entity';
import { OutboxRepository } from './repositories/outbox.repository';
import { TicketEventRepository } from './repositories/ticket-event.repository';
import { TicketRepository } from './repositories/ticket.repository';
import { WriteBatch } from './write-batch';

/**
 * Stores a new ticket, its first event and the messages it owes Slack, all or nothing, as one
 * WriteBatch. On PostgreSQL the ticket's id and number are reserved first, so its insert joins
 * the batch: two round trips instead of seven (BEGIN, the number, three inserts, COMMIT), each of
 * which the submission's ack waited for; the batch is one statement, atomic by itself, whose
 * foreign keys are checked at its end. SQLite gives the ticket its id as it is inserted, so there
 * the insert comes first and the batch runs after it, in one transaction, in process. A write that
 * joins a filing joins this batch, and so both databases. The messages are queued at `queuedAt`, a
 * reading of the wall clock.
 */
export const fileTicket = (db: Database, filing: Filing, queuedAt: Date): Promise<TicketRow> => {
  const file = async (manager: EntityManager): Promise<TicketRow> => {
    const tickets = new TicketRepository(manager);
    const batch = new WriteBatch(manager);
    let row: TicketRow;
    if (isPostgres(manager)) {
      row = await tickets.reserve(filing.ticket, filing.origin);
      tickets.file(row, batch);
    } else {
      row = await tickets.insert(filing.ticket, filing.origin);
    }
    new TicketEventRepository(manager).recordFiled(row.id, filing.event, batch);
    await new OutboxRepository(manager).enqueue(filing.messages(row.id), queuedAt, batch);
    await batch.run();
    return row;
  };
  return isPostgres(db.manager) ? file(db.manager) : db.transaction(file);
};
