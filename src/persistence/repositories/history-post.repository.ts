import { EntityManager } from 'typeorm';
import { queryRows, Statement } from '../row-codec';
import type { HistoryPost } from '../../services/ports/records';
export type { HistoryPost };

/** Stores (or, for a repeated delivery, replaces) where a history was posted: run with the statement that marks it sent. */
export const historyPostUpsert = (post: HistoryPost): Statement => ({
  sql: `INSERT INTO history_posts (channel_id, thread_ts, ticket_id, up_to_event_id, ts) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (channel_id, thread_ts) DO UPDATE SET ticket_id = excluded.ticket_id, up_to_event_id = excluded.up_to_event_id, ts = excluded.ts`,
  parameters: [post.channelId, post.threadTs, post.ticketId, post.upToEventId, post.ts.join(' ')],
});

export class HistoryPostRepository {
  constructor(private readonly manager: EntityManager) {}

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
