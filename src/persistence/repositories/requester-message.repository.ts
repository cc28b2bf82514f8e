import { EntityManager } from 'typeorm';
import { queryRows } from '../row-codec';
import { WriteBatch } from '../write-batch';
import type { RequesterMessage } from '../../services/ports/records';
import type { RelayLocation } from '../../services/ports/records';
export type { RelayLocation };
export type { RequesterMessage };

const COLUMNS = 'channel_id, message_ts, ticket_id, event_id, later_event_ids, edited_ts, deleted_at, relay_channel_id, relay_thread_ts, relay_ts';

/** A text column's value: both drivers give text columns as strings and NULL as null. */
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const ids = (value: unknown): number[] => (text(value) ?? '').split(',').filter(Boolean).map(Number);

const fromRaw = (raw: Record<string, unknown>): RequesterMessage => ({
  channelId: String(raw.channel_id),
  ts: String(raw.message_ts),
  ticketId: Number(raw.ticket_id),
  eventId: Number(raw.event_id),
  laterEventIds: ids(raw.later_event_ids),
  editedTs: text(raw.edited_ts),
  deletedAt: raw.deleted_at === null || raw.deleted_at === undefined ? null : new Date(Number(raw.deleted_at)),
  relay: text(raw.relay_channel_id) ? { channelId: String(raw.relay_channel_id), threadTs: String(raw.relay_thread_ts), ts: (text(raw.relay_ts) ?? '').split(' ').filter(Boolean) } : null,
});

export class RequesterMessageRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Queues storing where the card thread relays the message that became `eventId`: a fact its
   * delivery learned, stored with its sent mark. A message that is not a requester message matches no row.
   */
  recordRelay(eventId: number, relay: RelayLocation, batch: WriteBatch): void {
    batch.add('UPDATE requester_messages SET relay_channel_id = ?, relay_thread_ts = ?, relay_ts = ? WHERE event_id = ?', [relay.channelId, relay.threadTs, relay.ts.join(' '), eventId]);
  }

  /**
   * Remembers that the message `channelId`/`ts` became event `eventId` of ticket `ticketId`;
   * `editedTs` when what became the event was already an edit of it (the edit overtook the message).
   */
  async record(channelId: string, ts: string, ticketId: number, eventId: number, editedTs: string | null = null): Promise<void> {
    await queryRows(this.manager, 'INSERT INTO requester_messages (channel_id, message_ts, ticket_id, event_id, later_event_ids, edited_ts) VALUES (?, ?, ?, ?, ?, ?)', [
      channelId,
      ts,
      ticketId,
      eventId,
      '',
      editedTs,
    ]);
  }

  async find(channelId: string, ts: string): Promise<RequesterMessage | null> {
    const [row] = await queryRows(this.manager, `SELECT ${COLUMNS} FROM requester_messages WHERE channel_id = ? AND message_ts = ?`, [channelId, ts]);
    return row ? fromRaw(row) : null;
  }

  async findByEvent(eventId: number): Promise<RequesterMessage | null> {
    const [row] = await queryRows(this.manager, `SELECT ${COLUMNS} FROM requester_messages WHERE event_id = ?`, [eventId]);
    return row ? fromRaw(row) : null;
  }

  /** The ticket's requester messages, each with its later events (oldest first). */
  async ofTicket(ticketId: number): Promise<RequesterMessage[]> {
    return (await queryRows(this.manager, `SELECT ${COLUMNS} FROM requester_messages WHERE ticket_id = ?`, [ticketId])).map(fromRaw);
  }

  /** Adds an edit (`editedTs` set) or the deletion (`deletedAt` set) of a message to its record. */
  async addLaterEvent(message: RequesterMessage, eventId: number, change: { editedTs?: string; deletedAt?: Date }): Promise<void> {
    await queryRows(this.manager, 'UPDATE requester_messages SET later_event_ids = ?, edited_ts = ?, deleted_at = ? WHERE channel_id = ? AND message_ts = ?', [
      [...message.laterEventIds, eventId].join(','),
      change.editedTs ?? message.editedTs,
      change.deletedAt?.getTime() ?? message.deletedAt?.getTime() ?? null,
      message.channelId,
      message.ts,
    ]);
  }
}
