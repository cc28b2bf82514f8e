import { EntityManager } from 'typeorm';
import { queryRows } from '../row-codec';
import { WriteBatch } from '../write-batch';
import type { HistoryPost } from '../../services/ports/records';
export type { HistoryPost };

export class HistoryPostRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Queues storing (or, for a repeated delivery, replacing) where a history was posted: a fact its delivery learned, stored with its sent mark. */
  recordPost(post: HistoryPost, batch: WriteBatch): void {
    batch.add(
      `INSERT INTO history_posts (channel_id, thread_ts, ticket_id, up_to_event_id, ts) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (channel_id, thread_ts) DO UPDATE SET ticket_id = excluded.ticket_id, up_to_event_id = excluded.up_to_event_id, ts = excluded.ts`,
      [post.channelId, post.threadTs, post.ticketId, post.upToEventId, post.ts.join(' ')],
    );
  }

  async ofTicket(ticketId: number): Promise<HistoryPost[]> {
    return (await queryRows(this.manager, `SELECT ${COLUMNS} FROM history_posts WHERE ticket_id = ?`, [ticketId])).map(fromRaw);
  }

  async find(channelId: string, threadTs: string): Promise<HistoryPost | null> {
    const [row] = await queryRows(this.manager, `SELECT ${COLUMNS} FROM history_posts WHERE channel_id = ? AND thread_ts = ?`, [channelId, threadTs]);
    return row ? fromRaw(row) : null;
  }
}

const COLUMNS = 'channel_id, thread_ts, ticket_id, up_to_event_id, ts';

const fromRaw = (row: Record<string, unknown>): HistoryPost => ({
  ticketId: Number(row.ticket_id),
  channelId: String(row.channel_id),
  threadTs: String(row.thread_ts),
  upToEventId: Number(row.up_to_event_id),
  ts: String(row.ts).split(' ').filter(Boolean),
});
