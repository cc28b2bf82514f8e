import { EntityManager } from 'typeorm';
import { TicketEvent } from '../../domain/ticket-event';
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

  findById(id: number): Promise<TicketEventRow | null> {
    return this.manager.findOneBy(TicketEventEntity, { id });
  }

  history(ticketId: number): Promise<TicketEventRow[]> {
    return this.manager.find(TicketEventEntity, { where: { ticketId }, order: { id: 'ASC' } });
  }
}
