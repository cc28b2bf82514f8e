import { EntityManager } from 'typeorm';
import type { TicketWatcher } from '../../services/ports/records';
import type { TicketWatchers } from '../../services/ports/ticket-store';
import { queryRows } from '../row-codec';
import { WriteBatch } from '../write-batch';

const COLUMNS = 'ticket_id, user_id, dm_channel_id, dm_ts';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const fromRaw = (raw: Record<string, unknown>): TicketWatcher => ({
  ticketId: Number(raw.ticket_id),
  userId: String(raw.user_id),
  dmChannelId: text(raw.dm_channel_id),
  dmTs: text(raw.dm_ts),
});

/** The watchers of tickets, on both databases (the statements are the same in both dialects). */
export class TicketWatcherRepository implements TicketWatchers {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Queues storing where a watcher's ticket conversation starts: a fact the delivery of its first
   * message learned, stored with its sent mark. A watcher removed meanwhile matches no row.
   */
  recordThread(ticketId: number, userId: string, channelId: string, ts: string, batch: WriteBatch): void {
    batch.add('UPDATE ticket_watchers SET dm_channel_id = ?, dm_ts = ? WHERE ticket_id = ? AND user_id = ?', [channelId, ts, ticketId, userId]);
  }

  async of(ticketId: number): Promise<TicketWatcher[]> {
    return (await queryRows(this.manager, `SELECT ${COLUMNS} FROM ticket_watchers WHERE ticket_id = ? ORDER BY added_at, user_id`, [ticketId])).map(fromRaw);
  }

  async add(ticketId: number, userId: string, at: Date): Promise<boolean> {
    const added = await queryRows(this.manager, 'INSERT INTO ticket_watchers (ticket_id, user_id, added_at) VALUES (?, ?, ?) ON CONFLICT (ticket_id, user_id) DO NOTHING RETURNING user_id', [
      ticketId,
      userId,
      at.getTime(),
    ]);
    return added.length > 0;
  }

  async remove(ticketId: number, userId: string): Promise<boolean> {
    const removed = await queryRows(this.manager, 'DELETE FROM ticket_watchers WHERE ticket_id = ? AND user_id = ? RETURNING user_id', [ticketId, userId]);
    return removed.length > 0;
  }

  async findByThread(channelId: string, threadTs: string): Promise<TicketWatcher | null> {
    const [row] = await queryRows(this.manager, `SELECT ${COLUMNS} FROM ticket_watchers WHERE dm_channel_id = ? AND dm_ts = ?`, [channelId, threadTs]);
    return row ? fromRaw(row) : null;
  }
}
