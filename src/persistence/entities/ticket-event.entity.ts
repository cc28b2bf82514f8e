import { EntitySchema } from 'typeorm';
import { epochMs, json } from '../column-transformers';
import type { TicketEventRow } from '../../services/ports/records';
export type { TicketEventRow };

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
