import { EntitySchema } from 'typeorm';
import { FieldValue, TicketEventType } from '../../domain/ticket-event';
import { epochMs, json } from '../column-transformers';

export interface TicketEventRow {
  id: number;
  ticketId: number;
  type: TicketEventType;
  actorId: string;
  at: Date;
  before: Record<string, FieldValue>;
  after: Record<string, FieldValue>;
  text: string | null;
}

export const TicketEventEntity = new EntitySchema<TicketEventRow>({
  name: 'TicketEvent',
  tableName: 'ticket_events',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    ticketId: { name: 'ticket_id', type: 'integer' },
    type: { type: 'varchar', length: 32 },
    actorId: { name: 'actor_id', type: 'varchar', length: 32 },
    at: { type: 'bigint', transformer: epochMs },
    before: { type: 'text', transformer: json },
    after: { type: 'text', transformer: json },
    text: { type: 'text', nullable: true },
  },
});
