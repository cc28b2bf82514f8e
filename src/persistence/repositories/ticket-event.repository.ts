import { EntityManager } from 'typeorm';
import { TicketEvent } from '../../domain/ticket-event';
import { TicketEventEntity, TicketEventRow } from '../entities/ticket-event.entity';

export class TicketEventRepository {
  constructor(private readonly manager: EntityManager) {}

  async append(ticketId: number, events: readonly TicketEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.manager.insert(
      TicketEventEntity,
      events.map((event) => ({ ...event, before: { ...event.before }, after: { ...event.after }, ticketId })),
    );
  }

  history(ticketId: number): Promise<TicketEventRow[]> {
    return this.manager.find(TicketEventEntity, { where: { ticketId }, order: { id: 'ASC' } });
  }
}
