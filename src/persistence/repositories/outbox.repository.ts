import { EntityManager, IsNull, Not } from 'typeorm';
import { OutboxMessageEntity, OutboxMessageRow } from '../entities/outbox-message.entity';
import { AFTER_CARD_KINDS, COALESCABLE_KINDS, REQUESTER_LANE_KINDS, UNORDERED_KINDS, WAITING_FOR_CHANNEL } from '../../services/outbox-lanes';
import { placeholderList, queryPlan, queryRows, rowCodec } from '../row-codec';
import { WriteBatch } from '../write-batch';

import type { NewOutboxMessage } from '../../services/ports/ticket-store';
export type { NewOutboxMessage };

const INSERT_BATCH = 100;
/**
 * A coalescable message (COALESCABLE_KINDS) of one kind that nobody has started sending yet:
 * queued, backing off or delayed, never claimed. Narrowed to the same ticket, or for a message of
 * no ticket to the same payload, a new message would be redundant beside it.
 */
const WAITING_OF_KIND = 'SELECT 1 FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND locked_until IS NULL AND kind = ?';
const ENQUEUED_COLUMNS = ['ticketId', 'kind', 'payload', 'createdAt', 'nextAttemptAt', 'attempts'] as const;
/** Their SQL types, for values that do not go straight into a VALUES list. */
const ENQUEUED_TYPES: Record<(typeof ENQUEUED_COLUMNS)[number], string> = {
  ticketId: 'integer',
  kind: 'varchar(32)',
  payload: 'text',
  createdAt: 'bigint',
  nextAttemptAt: 'bigint',
  attempts: 'integer',
};

/** A message's row as queued: ready to send at `now` (or its delay later), never tried. */
const enqueuedRow = ({ delayMs, ...message }: NewOutboxMessage, now: Date): Partial<OutboxMessageRow> => ({
  ...message,
  payload: JSON.stringify(message.payload),
  createdAt: now,
  nextAttemptAt: new Date(now.getTime() + (delayMs ?? 0)),
  attempts: 0,
});

/**
 * Queues a coalescable message (COALESCABLE_KINDS: a card redraw, a Home publish, …) ready to send
 * at `now` plus its delay, unless one of the same kind already waits unclaimed for the same ticket
 * (or, with no ticket, with the same payload): the check and the insert in one statement, so it
 * can join the other writes of a change in one round trip. Throws for a kind that does not coalesce.
 */
const queueCoalescing = (manager: EntityManager, batch: WriteBatch, message: NewOutboxMessage, now: Date): void => {
  if (!COALESCABLE_KINDS.includes(message.kind)) throw new Error(`${message.kind} messages are not coalesced`);
  const codec = rowCodec(manager, OutboxMessageEntity);
  const { names, values } = codec.persist(enqueuedRow(message, now), ENQUEUED_COLUMNS);
  const sameMessage = message.ticketId === null ? 'ticket_id IS NULL AND payload = ?' : 'ticket_id = ?';
  batch.add(
    `INSERT INTO ${codec.table} (${names.join(', ')}) SELECT ${ENQUEUED_COLUMNS.map((column) => `CAST(? AS ${ENQUEUED_TYPES[column]})`).join(', ')}
      WHERE NOT EXISTS (${WAITING_OF_KIND} AND ${sameMessage})`,
    [...values, message.kind, message.ticketId ?? JSON.stringify(message.payload)],
  );
};

/** What makes two coalescable messages the same: their kind and their whole payload, as stored. */
const coalescingKey = (kind: string, ticketId: number | null, payload: string): string => (ticketId === null ? `${kind}\n${payload}` : `${kind}\nticket ${ticketId}`);

/**
 * Queues the writes that enqueue `messages` at `now` into `batch`, in their order (the outbox
 * numbers them so, and a ticket's lane delivers in that order): each run of plain messages
 * inserted as it is (in batches, as SQLite refuses one statement with thousands of rows), each
 * coalescable one only if no message of its kind waits for the same ticket or payload
 * (`queueCoalescing`); repeats within `messages` are queued once.
 */
const queueEnqueue = (manager: EntityManager, batch: WriteBatch, messages: readonly NewOutboxMessage[], now: Date): void => {
  const seen = new Set<string>();
  let plain: NewOutboxMessage[] = [];
  const flush = () => {
    for (let start = 0; start < plain.length; start += INSERT_BATCH) {
      batch.insert(
        OutboxMessageEntity,
        plain.slice(start, start + INSERT_BATCH).map((message) => enqueuedRow(message, now)),
        ENQUEUED_COLUMNS,
      );
    }
    plain = [];
  };
  for (const message of messages) {
    if (!COALESCABLE_KINDS.includes(message.kind)) {
      plain.push(message);
      continue;
    }
    const key = coalescingKey(message.kind, message.ticketId, JSON.stringify(message.payload));
    if (seen.has(key)) continue;
    seen.add(key);
    flush();
    queueCoalescing(manager, batch, message, now);
  }
  flush();
};

export class OutboxRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Queues messages for delivery at `queuedAt`, a reading of the wall clock, never of the business
   * clock a service may have been given: retries and leases are about real seconds. One write
   * after another, so the outbox numbers them in their order. With `batch`, the writes join it
   * instead (the promise resolves at once): as PostgreSQL runs a batch's parts in any order, the
   * plain messages go first, in one insert that numbers them in order, and the coalescable ones
   * after them (at filing the Home publishes, of no ticket and so of no lane; after a stale click
   * the card redraw alone).
   */
  async enqueue(messages: readonly NewOutboxMessage[], queuedAt: Date, batch?: WriteBatch): Promise<void> {
    if (batch) {
      const coalesces = (message: NewOutboxMessage) => COALESCABLE_KINDS.includes(message.kind);
      queueEnqueue(this.manager, batch, [...messages.filter((message) => !coalesces(message)), ...messages.filter(coalesces)], queuedAt);
      return;
    }
    const alone = new WriteBatch(this.manager);
    queueEnqueue(this.manager, alone, messages, queuedAt);
    await alone.runEach();
  }

  /** Queues marking delivered messages sent at `at` into `batch`. */
  markSent(ids: readonly number[], at: Date, batch: WriteBatch): void {
    batch.update(OutboxMessageEntity, { sentAt: at, lockedUntil: null, lastError: null }, `id IN ${placeholderList(ids)}`, ids);
  }

  /**
   * Ids of messages ready to send. A message waits while an older message of the same ticket and
   * the same lane (see outbox-lanes.ts) is still pending: a ticket's card is posted before
   * anything is said in its thread, and its requester's confirmation before any reply, but a card
   * redraw that is backing off never holds up a reply to the requester. Staff DMs and channel
   * alerts wait only for a pending post of the card they link to, unless it waits for its channel.
   */
  async readyIds(now: Date, limit: number): Promise<number[]> {
    const rows: { id: number | string }[] = await this.readyIdsQuery(now, limit).getRawMany();
    return rows.map((row) => Number(row.id));
  }

  /** What the database plans for the ready query, as text (for tests): it must range over idx_outbox_ready, never over sent messages. */
  readyIdsPlan(now: Date, limit: number): Promise<string> {
    const [sql, parameters] = this.readyIdsQuery(now, limit).getQueryAndParameters();
    return queryPlan(this.manager, sql, parameters);
  }

  private readyIdsQuery(now: Date, limit: number) {
    const lane = (alias: string) => `CASE WHEN ${alias}.kind IN (:...requesterKinds) THEN 1 WHEN ${alias}.kind IN (:...unorderedKinds) THEN 2 ELSE 0 END`;
    return this.manager
      .createQueryBuilder(OutboxMessageEntity, 'message')
      .select('message.id', 'id')
      .where('message.sent_at IS NULL AND message.failed_at IS NULL')
      .andWhere('message.next_attempt_at <= :now', { now: now.getTime() })
      .andWhere('(message.locked_until IS NULL OR message.locked_until <= :now)', { now: now.getTime() })
      .andWhere(
        `(message.kind IN (:...unorderedKinds) OR NOT EXISTS (SELECT 1 FROM outbox earlier WHERE earlier.ticket_id = message.ticket_id
           AND earlier.id < message.id AND earlier.sent_at IS NULL AND earlier.failed_at IS NULL AND ${lane('earlier')} = ${lane('message')}))`,
        { requesterKinds: [...REQUESTER_LANE_KINDS], unorderedKinds: [...UNORDERED_KINDS] },
      )
      .andWhere(
        `(message.kind NOT IN (:...afterCardKinds) OR NOT EXISTS (SELECT 1 FROM outbox card WHERE card.ticket_id = message.ticket_id
           AND card.id < message.id AND card.sent_at IS NULL AND card.failed_at IS NULL AND card.kind = :cardKind
           AND (card.last_error IS NULL OR card.last_error NOT LIKE :waiting)))`,
        { afterCardKinds: [...AFTER_CARD_KINDS], cardKind: 'post_ticket_card', waiting: `${WAITING_FOR_CHANNEL}%` },
      )
      .orderBy('message.id', 'ASC')
      .limit(limit);
  }

  /**
   * Leases messages to this dispatcher until `lockedUntil`, in one statement; of several
   * claimants only one gets each message. Answers the messages this call got, by id.
   */
  async claim(ids: readonly number[], now: Date, lockedUntil: Date): Promise<OutboxMessageRow[]> {
    if (ids.length === 0) return [];
    const codec = rowCodec(this.manager, OutboxMessageEntity);
    const raw = await queryRows(
      this.manager,
      `UPDATE ${codec.table} SET locked_until = ?, attempts = attempts + 1
       WHERE sent_at IS NULL AND failed_at IS NULL AND (locked_until IS NULL OR locked_until <= ?) AND id IN ${placeholderList(ids)}
       RETURNING ${codec.columns}`,
      [lockedUntil.getTime(), now.getTime(), ...ids],
    );
    return raw.map((row) => codec.fromRaw(row)).sort((a, b) => a.id - b.id);
  }

  /**
   * Sends the message again at `nextAttemptAt`. `attempts`, when given, sets how many attempts
   * count against the dispatcher's limit from now on (a wait for a channel restarts the count).
   */
  async retryLater(id: number, nextAttemptAt: Date, error: string, attempts?: number): Promise<void> {
    await this.manager.update(OutboxMessageEntity, { id }, { nextAttemptAt, lockedUntil: null, lastError: error, ...(attempts === undefined ? {} : { attempts }) });
  }

  /**
   * Makes the messages waiting for a channel to be fixed (their last error starts with
   * `waitingPrefix`) ready now; answers how many. Called when a channel is seen to work again.
   */
  async releaseWaiting(waitingPrefix: string, now: Date): Promise<number> {
    const released = await queryRows(this.manager, 'UPDATE outbox SET next_attempt_at = ? WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at > ? AND last_error LIKE ? RETURNING id', [
      now.getTime(),
      now.getTime(),
      `${waitingPrefix.replace(/[%_]/g, '')}%`,
    ]);
    return released.length;
  }

  async markFailed(id: number, now: Date, error: string): Promise<void> {
    await this.manager.update(OutboxMessageEntity, { id }, { failedAt: now, lockedUntil: null, lastError: error });
  }

  /**
   * Deletes up to `limit` messages delivered before `cutoff`, oldest first; answers how many went.
   * Pending and given-up messages stay whatever their age.
   */
  async deleteSentBefore(cutoff: Date, limit: number): Promise<number> {
    const deleted = await queryRows(this.manager, 'DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ? ORDER BY id LIMIT ?) RETURNING id', [
      cutoff.getTime(),
      limit,
    ]);
    return deleted.length;
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

  /** Whether a message of kind `kind` about ticket `ticketId` is still waiting to be sent (neither sent nor given up). */
  async isPending(ticketId: number, kind: string): Promise<boolean> {
    const rows = await queryRows(this.manager, `SELECT id FROM outbox WHERE ticket_id = ? AND kind = ? AND sent_at IS NULL AND failed_at IS NULL`, [ticketId, kind]);
    return rows.length > 0;
  }

  /** Whether a message of `kind` for ticket `ticketId` was given up for good. */
  async isGivenUp(ticketId: number, kind: string): Promise<boolean> {
    const rows = await queryRows(this.manager, `SELECT id FROM outbox WHERE ticket_id = ? AND kind = ? AND failed_at IS NOT NULL`, [ticketId, kind]);
    return rows.length > 0;
  }

  /** Whether the card-thread line of event `eventId` of ticket `ticketId` is still waiting to be sent (over the ticket's pending messages only). */
  async isThreadLinePending(ticketId: number, eventId: number): Promise<boolean> {
    const rows = await queryRows(this.manager, `SELECT payload FROM outbox WHERE ticket_id = ? AND kind = 'thread_line' AND sent_at IS NULL AND failed_at IS NULL`, [ticketId]);
    return rows.some((row) => (parseJsonObject(String(row.payload)).eventId ?? null) === eventId);
  }
}

const parseJsonObject = (text: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};
