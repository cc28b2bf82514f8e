import { EntityManager } from 'typeorm';
import type { TicketLinkKind, TicketRelation } from '../../services/ports/records';
import type { TicketLinks } from '../../services/ports/ticket-store';
import { queryRows } from '../row-codec';

const COUNTERPART: Record<Exclude<TicketLinkKind, 'merged_from'>, TicketLinkKind> = { related: 'related', merged_into: 'merged_from' };
const KINDS = new Set<string>(['related', 'merged_into', 'merged_from']);

/** How tickets relate (`ticket_links`): each relation is two rows, one from each end, so a ticket reads only its own. */
export class TicketLinkRepository implements TicketLinks {
  constructor(private readonly manager: EntityManager) {}

  async add(link: Parameters<TicketLinks['add']>[0]): Promise<void> {
    const at = link.createdAt.getTime();
    // A pair relates one way: a merge of tickets already linked (or merged before, then reopened) replaces how.
    const upsert = `INSERT INTO ticket_links (ticket_id, other_ticket_id, kind, created_by, created_at) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)
      ON CONFLICT (ticket_id, other_ticket_id) DO UPDATE SET kind = excluded.kind, created_by = excluded.created_by, created_at = excluded.created_at`;
    await queryRows(this.manager, upsert, [link.ticketId, link.otherTicketId, link.kind, link.createdBy, at, link.otherTicketId, link.ticketId, COUNTERPART[link.kind], link.createdBy, at]);
  }

  async exists(ticketId: number, otherTicketId: number): Promise<boolean> {
    return (await queryRows(this.manager, 'SELECT 1 AS found FROM ticket_links WHERE ticket_id = ? AND other_ticket_id = ?', [ticketId, otherTicketId])).length > 0;
  }

  /** The tickets related to `ticketId`, lowest number first, with where their cards are. */
  async relationsOf(ticketId: number): Promise<TicketRelation[]> {
    const rows = await queryRows(
      this.manager,
      `SELECT l.kind AS kind, t.id AS id, t.number AS number, t.card_channel_id AS card_channel_id, t.card_ts AS card_ts
        FROM ticket_links l JOIN tickets t ON t.id = l.other_ticket_id WHERE l.ticket_id = ? ORDER BY t.number`,
      [ticketId],
    );
    return rows
      .filter((row) => KINDS.has(String(row.kind)))
      .map((row) => ({
        kind: String(row.kind) as TicketLinkKind,
        ticketId: Number(row.id),
        number: Number(row.number),
        cardChannelId: typeof row.card_channel_id === 'string' ? row.card_channel_id : null,
        cardTs: typeof row.card_ts === 'string' ? row.card_ts : null,
      }));
  }
}
