import type { Filing } from '../services/ports/ticket-store';
import { isPostgres } from './bulk-sql';
import { Database } from './database';
import { TicketRow } from './entities/ticket.entity';
import { enqueueStatements, OutboxRepository } from './repositories/outbox.repository';
import { eventsInsert, TicketEventRepository } from './repositories/ticket-event.repository';
import { newTicketRow, ticketInsert, TicketRepository } from './repositories/ticket.repository';
import { queryRows, runTogether } from './row-codec';

/**
 * Stores a new ticket, its first event and the messages it owes Slack, all or nothing. On
 * PostgreSQL that is one statement after taking the ticket's id and number: two round trips
 * instead of seven (BEGIN, the number, three inserts, COMMIT), each of which the submission's
 * ack waited for. SQLite runs the inserts in a transaction, in process. The messages are queued at
 * `queuedAt`, a reading of the wall clock.
 */
export const fileTicket = async (db: Database, filing: Filing, queuedAt: Date): Promise<TicketRow> => {
  if (!isPostgres(db.manager)) {
    return db.transaction(async (manager) => {
      const row = await new TicketRepository(manager).insert(filing.ticket, filing.origin);
      await new TicketEventRepository(manager).append(row.id, [filing.event]);
      await new OutboxRepository(manager).enqueue(filing.messages(row.id), queuedAt);
      return row;
    });
  }
  const manager = db.manager;
  const [taken] = await queryRows(manager, `SELECT nextval(pg_get_serial_sequence('tickets', 'id')) AS id, nextval('ticket_number_seq') AS number`, []);
  const row: TicketRow = { ...newTicketRow(filing.ticket, filing.origin, Number(taken?.number)), id: Number(taken?.id) };
  // One statement: the foreign keys of the event and the messages are checked at its end.
  await runTogether(manager, [ticketInsert(manager, row), eventsInsert(manager, [{ ticketId: row.id, event: filing.event }]), ...enqueueStatements(manager, filing.messages(row.id), queuedAt)]);
  return row;
};
