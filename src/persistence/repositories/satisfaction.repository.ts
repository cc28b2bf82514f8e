import { EntityManager } from 'typeorm';
import type { SatisfactionRecord } from '../../services/ports/records';
import type { DigestSlots, SatisfactionRecords } from '../../services/ports/ticket-store';
import { queryRows } from '../row-codec';
import { WriteBatch } from '../write-batch';

type Raw = Record<string, unknown>;
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const instant = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(Number(value)));

const satisfactionRecord = (row: Raw): SatisfactionRecord => ({
  ticketId: Number(row.ticket_id),
  departmentId: Number(row.department_id),
  askedAt: instant(row.asked_at) ?? new Date(0),
  questionChannelId: text(row.question_channel_id),
  questionTs: text(row.question_ts),
  rating: row.rating === null || row.rating === undefined ? null : Number(row.rating),
  comment: text(row.comment),
  answeredAt: instant(row.answered_at),
  answeredBy: text(row.answered_by),
});

/** `ticket_satisfaction` (migration 1765800000000): one row per ticket whose requester was asked How did we do?. */
export class SatisfactionRepository implements SatisfactionRecords {
  constructor(private readonly manager: EntityManager) {}

  /** Queues storing where a ticket's How did we do? was posted: a fact its delivery learned, stored with its sent mark. */
  recordQuestion(ticketId: number, channelId: string, ts: string, batch: WriteBatch): void {
    batch.add('UPDATE ticket_satisfaction SET question_channel_id = ?, question_ts = ? WHERE ticket_id = ?', [channelId, ts, ticketId]);
  }

  /** The ticket's row is inserted once; a second close (after a reopen), or a racing one, inserts nothing. */
  async ask(ticketId: number, departmentId: number, now: Date): Promise<boolean> {
    const inserted = await queryRows(this.manager, 'INSERT INTO ticket_satisfaction (ticket_id, department_id, asked_at) VALUES (?, ?, ?) ON CONFLICT (ticket_id) DO NOTHING RETURNING ticket_id', [
      ticketId,
      departmentId,
      now.getTime(),
    ]);
    return inserted.length > 0;
  }

  async find(ticketId: number): Promise<SatisfactionRecord | null> {
    const [row] = await queryRows(this.manager, 'SELECT * FROM ticket_satisfaction WHERE ticket_id = ?', [ticketId]);
    return row ? satisfactionRecord(row) : null;
  }

  /** Conditional on no rating yet: of two answers at once, one is stored. */
  async answer(ticketId: number, answer: { readonly rating: number; readonly comment: string | null; readonly userId: string }, now: Date): Promise<boolean> {
    const updated = await queryRows(
      this.manager,
      'UPDATE ticket_satisfaction SET rating = ?, comment = ?, answered_at = ?, answered_by = ? WHERE ticket_id = ? AND rating IS NULL RETURNING ticket_id',
      [answer.rating, answer.comment, now.getTime(), answer.userId, ticketId],
    );
    return updated.length > 0;
  }
}

/** `manager_digests` (migration 1765800000000): the digest slots sent, per department. */
export class DigestSlotRepository implements DigestSlots {
  constructor(private readonly manager: EntityManager) {}

  async claim(departmentId: number, slot: Date, now: Date): Promise<boolean> {
    const inserted = await queryRows(
      this.manager,
      'INSERT INTO manager_digests (department_id, slot_at, sent_at) VALUES (?, ?, ?) ON CONFLICT (department_id, slot_at) DO NOTHING RETURNING department_id',
      [departmentId, slot.getTime(), now.getTime()],
    );
    return inserted.length > 0;
  }

  async latest(departmentId: number): Promise<Date | null> {
    const [row] = await queryRows(this.manager, 'SELECT MAX(slot_at) AS slot_at FROM manager_digests WHERE department_id = ?', [departmentId]);
    return row?.slot_at === null || row?.slot_at === undefined ? null : new Date(Number(row.slot_at));
  }
}
