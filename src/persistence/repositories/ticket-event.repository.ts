import { EntityManager } from 'typeorm';
import { TicketEvent } from '../../domain/ticket-event';
import { returnedRows, valuesList } from '../bulk-sql';
import { epochMs, json } from '../column-transformers';
import { TicketEventEntity, TicketEventRow } from '../entities/ticket-event.entity';
import { insertStatement, queryRows, rowCodec, Statement } from '../row-codec';

const EVENT_COLUMNS = ['ticketId', 'type', 'actorId', 'at', 'before', 'after', 'text'] as const;

/** Inserts events of one ticket, in order. */
export const eventsInsert = (manager: EntityManager, ticketId: number, events: readonly TicketEvent[]): Statement => {
  const codec = rowCodec(manager, TicketEventEntity);
  return insertStatement(
    codec,
    events.map((event) => codec.persist({ ...event, before: { ...event.before }, after: { ...event.after }, ticketId }, EVENT_COLUMNS)),
  );
};

export class TicketEventRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Appends events in order; returns their ids. */
  async append(ticketId: number, events: readonly TicketEvent[]): Promise<number[]> {
    if (events.length === 0) return [];
    const insert = eventsInsert(this.manager, ticketId, events);
    const raw = await queryRows(this.manager, `${insert.sql} RETURNING id`, insert.parameters);
    // Ids grow in insertion order, so sorted they line up with `events`.
    return raw.map((row) => Number(row.id)).sort((a, b) => a - b);
  }

  /** One event for each of many tickets in one statement; answers each ticket's new event id. */
  async appendOnePerTicket(events: readonly { ticketId: number; event: TicketEvent }[]): Promise<Map<number, number>> {
    if (events.length === 0) return new Map();
    const parameters = events.flatMap(({ ticketId, event }) => [
      ticketId,
      event.type,
      event.actorId,
      epochMs.to(event.at),
      json.to({ ...event.before }),
      json.to({ ...event.after }),
      event.text,
    ]);
    const values = valuesList(this.manager, events.length, [null, null, null, null, null, null, null]);
    const raw: unknown = await this.manager.query(
      `INSERT INTO ticket_events ("ticket_id", "type", "actor_id", "at", "before", "after", "text") VALUES ${values} RETURNING id, ticket_id`,
      parameters,
    );
    return new Map(returnedRows<{ id: number | string; ticket_id: number | string }>(raw).map((row) => [Number(row.ticket_id), Number(row.id)]));
  }

  async findById(id: number): Promise<TicketEventRow | null> {
    const codec = rowCodec(this.manager, TicketEventEntity);
    const [raw] = await queryRows(this.manager, `SELECT ${codec.columns} FROM ${codec.table} WHERE id = ?`, [id]);
    return raw ? codec.fromRaw(raw) : null;
  }

  history(ticketId: number): Promise<TicketEventRow[]> {
    return this.manager.find(TicketEventEntity, { where: { ticketId }, order: { id: 'ASC' } });
  }
}
