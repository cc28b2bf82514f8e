import { EntityManager, In, IsNull, Not } from 'typeorm';
import { isPostgres, returnedRows } from '../bulk-sql';
import { epochMs } from '../column-transformers';
import { OutboxMessageEntity, OutboxMessageRow } from '../entities/outbox-message.entity';

export interface NewOutboxMessage {
  readonly ticketId: number | null;
  readonly kind: string;
  readonly payload: Record<string, unknown>;
}

/** Redraws render the ticket's latest state when sent, so one waiting redraw serves any number of changes. */
const COALESCED_KIND = 'update_ticket_card';
const INSERT_BATCH = 100;
const LOOKUP_BATCH = 500;

type RawOutboxRow = Record<'id' | 'ticket_id' | 'kind' | 'payload' | 'created_at' | 'next_attempt_at' | 'attempts' | 'locked_until' | 'sent_at' | 'failed_at' | 'last_error', string | number | null>;

const time = (value: string | number | null): Date | null => epochMs.from(value) as Date | null;

const fromRaw = (row: RawOutboxRow): OutboxMessageRow => ({
  id: Number(row.id),
  ticketId: row.ticket_id === null ? null : Number(row.ticket_id),
  kind: String(row.kind),
  payload: String(row.payload),
  createdAt: time(row.created_at) ?? new Date(0),
  nextAttemptAt: time(row.next_attempt_at) ?? new Date(0),
  attempts: Number(row.attempts),
  lockedUntil: time(row.locked_until),
  sentAt: time(row.sent_at),
  failedAt: time(row.failed_at),
  lastError: row.last_error === null ? null : String(row.last_error),
});

/** The nth bound parameter (from 0) in the database's own style; SQLite's `?` bind in the order they appear. */
const placeholders = (manager: EntityManager) => (isPostgres(manager) ? (index: number) => `$${index + 1}` : () => '?');

export class OutboxRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Queues messages for delivery now. Delivery runs on the wall clock, never on the business
   * clock a service may have been given: retries and leases are about real seconds.
   */
  async enqueue(messages: readonly NewOutboxMessage[]): Promise<void> {
    const now = new Date();
    const redrawn = new Set<number>();
    const waiting = await this.ticketsWithWaitingRedraw(messages.filter((message) => message.kind === COALESCED_KIND).map((message) => message.ticketId ?? 0));
    const wanted = messages.filter((message) => {
      if (message.kind !== COALESCED_KIND || message.ticketId === null) return true;
      if (waiting.has(message.ticketId) || redrawn.has(message.ticketId)) return false;
      redrawn.add(message.ticketId);
      return true;
    });
    const rows = wanted.map((message) => ({ ...message, payload: JSON.stringify(message.payload), createdAt: now, nextAttemptAt: now, attempts: 0 }));
    // Small batches: SQLite refuses one statement with thousands of rows.
    for (let start = 0; start < rows.length; start += INSERT_BATCH) {
      await this.manager.insert(OutboxMessageEntity, rows.slice(start, start + INSERT_BATCH));
    }
  }

  /** Tickets among `ticketIds` with a card redraw that nobody has started sending yet. */
  private async ticketsWithWaitingRedraw(ticketIds: readonly number[]): Promise<Set<number>> {
    const found = new Set<number>();
    for (let start = 0; start < ticketIds.length; start += LOOKUP_BATCH) {
      const rows = await this.manager.find(OutboxMessageEntity, {
        select: { ticketId: true },
        where: { ticketId: In(ticketIds.slice(start, start + LOOKUP_BATCH)), kind: COALESCED_KIND, sentAt: IsNull(), failedAt: IsNull(), lockedUntil: IsNull() },
      });
      rows.forEach((row) => found.add(Number(row.ticketId)));
    }
    return found;
  }

  /**
   * Ids of messages ready to send. A message waits while an older message of the same ticket is
   * still pending, so a ticket's card is always posted before anything is said in its thread.
   */
  async readyIds(now: Date, limit: number): Promise<number[]> {
    const rows: { id: number | string }[] = await this.manager
      .createQueryBuilder(OutboxMessageEntity, 'message')
      .select('message.id', 'id')
      .where('message.sent_at IS NULL AND message.failed_at IS NULL')
      .andWhere('message.next_attempt_at <= :now', { now: now.getTime() })
      .andWhere('(message.locked_until IS NULL OR message.locked_until <= :now)', { now: now.getTime() })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM outbox earlier WHERE earlier.ticket_id = message.ticket_id
           AND earlier.id < message.id AND earlier.sent_at IS NULL AND earlier.failed_at IS NULL)`,
      )
      .orderBy('message.id', 'ASC')
      .limit(limit)
      .getRawMany();
    return rows.map((row) => Number(row.id));
  }

  /**
   * Leases messages to this dispatcher until `lockedUntil`, in one statement; of several
   * claimants only one gets each message. Answers the messages this call got, by id.
   */
  async claim(ids: readonly number[], now: Date, lockedUntil: Date): Promise<OutboxMessageRow[]> {
    if (ids.length === 0) return [];
    const place = placeholders(this.manager);
    const raw = await this.manager.query(
      `UPDATE outbox SET locked_until = ${place(0)}, attempts = attempts + 1
       WHERE sent_at IS NULL AND failed_at IS NULL AND (locked_until IS NULL OR locked_until <= ${place(1)})
         AND id IN (${ids.map((_, index) => place(index + 2)).join(', ')})
       RETURNING id, ticket_id, kind, payload, created_at, next_attempt_at, attempts, locked_until, sent_at, failed_at, last_error`,
      [lockedUntil.getTime(), now.getTime(), ...ids],
    );
    return returnedRows<RawOutboxRow>(raw).map(fromRaw).sort((a, b) => a.id - b.id);
  }

  /** Marks delivered messages sent, in one statement. */
  async markSent(ids: readonly number[], now: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.manager.update(OutboxMessageEntity, { id: In([...ids]) }, { sentAt: now, lockedUntil: null, lastError: null });
  }

  async retryLater(id: number, nextAttemptAt: Date, error: string): Promise<void> {
    await this.manager.update(OutboxMessageEntity, { id }, { nextAttemptAt, lockedUntil: null, lastError: error });
  }

  async markFailed(id: number, now: Date, error: string): Promise<void> {
    await this.manager.update(OutboxMessageEntity, { id }, { failedAt: now, lockedUntil: null, lastError: error });
  }

  /** The oldest message still waiting to be sent, for health checks. */
  oldestPending(): Promise<OutboxMessageRow | null> {
    return this.manager.findOne(OutboxMessageEntity, {
      where: { sentAt: IsNull(), failedAt: IsNull() },
      order: { id: 'ASC' },
    });
  }

  countPending(): Promise<number> {
    return this.manager.countBy(OutboxMessageEntity, { sentAt: IsNull(), failedAt: IsNull() });
  }

  countFailed(): Promise<number> {
    return this.manager.countBy(OutboxMessageEntity, { failedAt: Not(IsNull()) });
  }
}
