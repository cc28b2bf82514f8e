import { EntityManager } from 'typeorm';
import { TicketEvent } from '../../domain/ticket-event';
import { returnedRows, valuesList } from '../bulk-sql';
import { epochMs, json } from '../column-transformers';
import { TicketEventEntity, TicketEventRow } from '../entities/ticket-event.entity';

export class TicketEventRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Appends events in order; returns their ids. */
  async append(ticketId: number, events: readonly TicketEvent[]): Promise<number[]> {
    const ids: number[] = [];
    for (const event of events) {
      const result = await this.manager.insert(TicketEventEntity, { ...event, before: { ...event.before }, after: { ...event.after }, ticketId });
      ids.push(Number(result.identifiers[0]?.id));
    }
    return ids;
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

  findById(id: number): Promise<TicketEventRow | null> {
    return this.manager.findOneBy(TicketEventEntity, { id });
  }

  history(ticketId: number): Promise<TicketEventRow[]> {
    return this.manager.find(TicketEventEntity, { where: { ticketId }, order: { id: 'ASC' } });
  }
}
