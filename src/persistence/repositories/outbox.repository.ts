import { EntityManager, IsNull } from 'typeorm';
import { OutboxMessageEntity, OutboxMessageRow } from '../entities/outbox-message.entity';

export interface NewOutboxMessage {
  readonly ticketId: number | null;
  readonly kind: string;
  readonly payload: Record<string, unknown>;
}

/** Redraws render the ticket's latest state when sent, so one waiting redraw serves any number of changes. */
const COALESCED_KIND = 'update_ticket_card';

export class OutboxRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Queues messages for delivery now. Delivery runs on the wall clock, never on the business
   * clock a service may have been given: retries and leases are about real seconds.
   */
  async enqueue(messages: readonly NewOutboxMessage[]): Promise<void> {
    const now = new Date();
    const wanted: NewOutboxMessage[] = [];
    for (const message of messages) {
      if (message.kind === COALESCED_KIND && message.ticketId !== null && (await this.hasWaitingRedraw(message.ticketId))) continue;
      wanted.push(message);
    }
    if (wanted.length === 0) return;
    await this.manager.insert(
      OutboxMessageEntity,
      wanted.map((message) => ({ ...message, payload: JSON.stringify(message.payload), createdAt: now, nextAttemptAt: now, attempts: 0 })),
    );
  }

  /** A redraw of this ticket's card that nobody has started sending yet. */
  private async hasWaitingRedraw(ticketId: number): Promise<boolean> {
    const waiting = await this.manager.findOneBy(OutboxMessageEntity, {
      ticketId,
      kind: COALESCED_KIND,
      sentAt: IsNull(),
      failedAt: IsNull(),
      lockedUntil: IsNull(),
    });
    return waiting !== null;
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

  /** Leases a message to this dispatcher until `lockedUntil`; only one claimant can win. */
  async claim(id: number, now: Date, lockedUntil: Date): Promise<OutboxMessageRow | null> {
    const result = await this.manager
      .createQueryBuilder()
      .update(OutboxMessageEntity)
      .set({ lockedUntil, attempts: () => 'attempts + 1' })
      .where('id = :id AND sent_at IS NULL AND failed_at IS NULL', { id })
      .andWhere('(locked_until IS NULL OR locked_until <= :now)', { now: now.getTime() })
      .execute();
    if (!result.affected) return null;
    return this.manager.findOneBy(OutboxMessageEntity, { id });
  }

  async markSent(id: number, now: Date): Promise<void> {
    await this.manager.update(OutboxMessageEntity, { id }, { sentAt: now, lockedUntil: null, lastError: null });
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
}
