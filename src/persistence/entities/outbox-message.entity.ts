import { EntitySchema } from 'typeorm';
import { timeColumn } from '../column-transformers';
import type { OutboxMessageRow } from '../../services/ports/records';
export type { OutboxMessageRow };

export const OutboxMessageEntity = new EntitySchema<OutboxMessageRow>({
  name: 'OutboxMessage',
  tableName: 'outbox',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    ticketId: { name: 'ticket_id', type: 'integer', nullable: true },
    kind: { type: 'varchar', length: 32 },
    payload: { type: 'text' },
    createdAt: timeColumn('created_at'),
    nextAttemptAt: timeColumn('next_attempt_at'),
    attempts: { type: 'integer', default: 0 },
    lockedUntil: timeColumn('locked_until', true),
    sentAt: timeColumn('sent_at', true),
    failedAt: timeColumn('failed_at', true),
    lastError: { name: 'last_error', type: 'text', nullable: true },
  },
});
