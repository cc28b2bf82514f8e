import { EntityManager } from 'typeorm';
import { TicketEvent } from '../../domain/ticket-event';
import { TicketEventEntity, TicketEventRow } from '../entities/ticket-event.entity';
import { findOneRow, insertStatement, placeholderList, queryRows, rowCodec, runTogether, Statement } from '../row-codec';
import { coalescingInsert } from './outbox.repository';

const EVENT_COLUMNS = ['ticketId', 'type', 'actorId', 'at', 'before', 'after', 'text'] as const;

/** Inserts events, each of its ticket, in order. */
export const eventsInsert = (manager: EntityManager, events: readonly { ticketId: number; event: TicketEvent }[]): Statement => {
  const codec = rowCodec(manager, TicketEventEntity);
  return insertStatement(
    codec,
    events.map(({ ticketId, event }) => codec.persist({ ...event, before: { ...event.before }, after: { ...event.after }, ticketId }, EVENT_COLUMNS)),
  );
};

export class TicketEventRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Appends events in order; returns their ids. */
  async append(ticketId: number, events: readonly TicketEvent[]): Promise<number[]> {
    if (events.length === 0) return [];
    const insert = eventsInsert(
      this.manager,
      events.map((event) => ({ ticketId, event })),
    );
    const raw = await queryRows(this.manager, `${insert.sql} RETURNING id`, insert.parameters);
    // Ids grow in insertion order, so sorted they line up with `events`.
    return raw.map((row) => Number(row.id)).sort((a, b) => a - b);
  }

  /** One event for each of many tickets in one statement; answers each ticket's new event id. */
  async appendOnePerTicket(events: readonly { ticketId: number; event: TicketEvent }[]): Promise<Map<number, number>> {
    if (events.length === 0) return new Map();
    const insert = eventsInsert(this.manager, events);
    const raw = await queryRows(this.manager, `${insert.sql} RETURNING id, ticket_id`, insert.parameters);
    return new Map(raw.map((row) => [Number(row.ticket_id), Number(row.id)]));
  }

  /**
   * The refusal of a click on an out-of-date card, and a card redraw unless one already waits: one
   * statement on PostgreSQL (double clicks are common, and each statement is a round trip the ack waits for).
   */
  async recordStaleClick(ticketId: number, event: TicketEvent, queuedAt: Date): Promise<void> {
    const redraw = { ticketId, kind: 'update_ticket_card', payload: { kind: 'update_ticket_card', ticketId } };
    await runTogether(this.manager, [eventsInsert(this.manager, [{ ticketId, event }]), coalescingInsert(this.manager, redraw, queuedAt)]);
  }

  findById(id: number): Promise<TicketEventRow | null> {
    return findOneRow(this.manager, TicketEventEntity, 'id = ?', [id]);
  }

  /** Erases the words of events (a requester deleted their message): the events stay, their text goes. */
  async redact(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await queryRows(this.manager, `UPDATE ticket_events SET text = NULL WHERE id IN ${placeholderList(ids)}`, ids);
  }

  history(ticketId: number): Promise<TicketEventRow[]> {
    return this.manager.find(TicketEventEntity, { where: { ticketId }, order: { id: 'ASC' } });
  }
}
