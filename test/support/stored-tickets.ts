import { TicketEvent } from '../../src/domain/ticket-event';
import { Database } from '../../src/persistence/database';
import { TicketEntity, TicketRow } from '../../src/persistence/entities/ticket.entity';
import { TicketEventEntity } from '../../src/persistence/entities/ticket-event.entity';
import { WriteBatch } from '../../src/persistence/write-batch';
import { aTicketRow } from './ticket-row';

/** Stores tickets as they are given (numbers included; ids chosen by the database), 500 to a statement; answers them with their ids. */
export const storeTickets = async (db: Database, tickets: readonly Partial<TicketRow>[]): Promise<TicketRow[]> => {
  const stored: TicketRow[] = [];
  await db.transaction(async (manager) => {
    for (let start = 0; start < tickets.length; start += 500) {
      const chunk = tickets.slice(start, start + 500).map((overrides) => aTicketRow({ intakeKey: null, ...overrides }));
      const properties = (Object.keys(chunk[0]!) as (keyof TicketRow)[]).filter((property) => property !== 'id');
      const inserted = await new WriteBatch(manager).insert(TicketEntity, chunk, properties).runEach('id, number');
      const ids = inserted.map((row) => [Number(row.number), Number(row.id)] as const);
      const idOf = new Map(ids);
      for (const row of chunk) stored.push({ ...row, id: idOf.get(row.number)! });
    }
  });
  return stored;
};

/** Appends events to a stored ticket's history, in order. */
export const storeEvents = async (db: Database, ticketId: number, events: readonly TicketEvent[]): Promise<void> => {
  await db.transaction(async (manager) => {
    for (const event of events) await manager.insert(TicketEventEntity, { ticketId, ...event, before: { ...event.before }, after: { ...event.after } });
  });
};
