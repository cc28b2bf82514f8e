import { EntityManager } from 'typeorm';
import { TicketEvent } from '../../domain/ticket-event';
import { TicketEventEntity, TicketEventRow } from '../entities/ticket-event.entity';
import { findOneRow, placeholderList, queryRows } from '../row-codec';
import { WriteBatch } from '../write-batch';
import { OutboxRepository } from './outbox.repository';

const EVENT_COLUMNS = ['ticketId', 'type', 'actorId', 'at', 'before', 'after', 'text'] as const;

/** Queues the insert of events, each of its ticket, in order. */
const queueEvents = (batch: WriteBatch, events: readonly { ticketId: number; event: TicketEvent }[]): WriteBatch =>
  batch.insert(
    TicketEventEntity,
    events.map(({ ticketId, event }) => ({ ...event, before: { ...event.before }, after: { ...event.after }, ticketId })),
    EVENT_COLUMNS,
  );

export class TicketEventRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Appends events in order; returns their ids. */
  async append(ticketId: number, events: readonly TicketEvent[]): Promise<number[]> {
    if (events.length === 0) return [];
    const raw = await queueEvents(
      new WriteBatch(this.manager),
      events.map((event) => ({ ticketId, event })),
    ).runEach('id');
    // Ids grow in insertion order, so sorted they line up with `events`.
    return raw.map((row) => Number(row.id)).sort((a, b) => a - b);
  }

  /** One event for each of many tickets in one statement; answers each ticket's new event id. */
  async appendOnePerTicket(events: readonly { ticketId: number; event: TicketEvent }[]): Promise<Map<number, number>> {
    if (events.length === 0) return new Map();
    const raw = await queueEvents(new WriteBatch(this.manager), events).runEach('id, ticket_id');
    return new Map(raw.map((row) => [Number(row.ticket_id), Number(row.id)]));
  }

  /**
   * The refusal of a click on an out-of-date card, and a card redraw unless one already waits: one
   * statement on PostgreSQL (double clicks are common, and each statement is a round trip the ack waits for).
   */
  async recordStaleClick(ticketId: number, event: TicketEvent, queuedAt: Date): Promise<void> {
    const redraw = { ticketId, kind: 'update_ticket_card', payload: { kind: 'update_ticket_card', ticketId } };
    const batch = queueEvents(new WriteBatch(this.manager), [{ ticketId, event }]);
    await new OutboxRepository(this.manager).enqueue([redraw], queuedAt, batch);
    await batch.run();
  }

  /** Queues the first event of a ticket being filed (`TicketRepository.file`) into `batch`. */
  recordFiled(ticketId: number, event: TicketEvent, batch: WriteBatch): void {
    queueEvents(batch, [{ ticketId, event }]);
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
