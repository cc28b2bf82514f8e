import { EntityManager } from 'typeorm';
import { Priority, TicketStatus } from '../../domain/ticket';
import { MATCH_END, MATCH_START, RANKED_MATCHES_MAX, TicketSearch, TicketSearchHit, TicketSearchPage, TicketSearchQuery } from '../../services/ports/ticket-search';
import { isPostgres } from '../bulk-sql';
import { placeholderList, queryRows } from '../row-codec';

const TICKET_COLUMNS = 't.id, t.number, t.summary, t.status, t.priority, t.department_id, t.requester_id, t.assignee_id, t.card_channel_id, t.card_ts, t.updated_at';

/** How many words of the body a snippet shows around the matches. */
const SNIPPET_WORDS = 24;

type Ranked = { ids: number[]; total: number; capped?: boolean };
type Snippets = Map<number, { summary: string | null; body: string | null }>;

/**
 * Searches tickets on the app's database: SQLite's FTS5 table `ticket_search` ranked by bm25
 * (the summary weighing four times the body: the table's `rank`, set by its migration), or PostgreSQL's `ticket_search.document` tsvector
 * ranked by ts_rank (summary weighted A, body B; divided by 1 + the log of the length, so a
 * short text that says it ranks above a long one that mentions it, as bm25 does); ties go to the newer ticket. The words it is
 * given are letters, marks and digits only, and each is quoted (FTS5) or given as plain text
 * (`plainto_tsquery`), so no query syntax of either database is ever written by a person.
 * Words are ranked among the newest RANKED_MATCHES_MAX matches (found in id order, which neither
 * database must rank for), then the snippets are made for the hits shown only.
 */
export class TicketSearchRepository implements TicketSearch {
  constructor(private readonly manager: EntityManager) {}

  async searchTickets(query: TicketSearchQuery): Promise<TicketSearchPage> {
    if (query.departmentIds.length === 0 || query.limit < 1) return { hits: [], total: 0, capped: false };
    const numbered = query.number === null ? null : await this.byNumber(query);
    let ranked: Ranked;
    let snippets: Snippets = new Map();
    if (query.words.length > 0) {
      ranked = isPostgres(this.manager) ? await this.rankOnPostgres(query) : await this.rankOnSqlite(query);
      const shown = ranked.ids.filter((id) => id !== numbered?.ticketId).slice(0, query.limit - (numbered ? 1 : 0));
      snippets = isPostgres(this.manager) ? await this.snippetsOnPostgres(query, shown) : await this.snippetsOnSqlite(query, shown);
      ranked = { ids: shown, total: ranked.total + (numbered && !ranked.ids.includes(numbered.ticketId) ? 1 : 0), capped: ranked.capped ?? false };
    } else if (query.requesterId !== null) {
      ranked = await this.byRequester(query);
    } else {
      return numbered ? { hits: [numbered], total: 1, capped: false } : { hits: [], total: 0, capped: false };
    }
    const tickets = await this.ticketsByIds(ranked.ids);
    const hits = ranked.ids.flatMap((id) => {
      const ticket = tickets.get(id);
      if (!ticket) return [];
      const found = snippets.get(id);
      return [{ ...ticket, summary: found?.summary ?? ticket.summary, snippet: found?.body ?? null }];
    });
    return { hits: numbered ? [numbered, ...hits] : hits, total: Math.max(ranked.total, hits.length + (numbered ? 1 : 0)), capped: ranked.capped ?? false };
  }

  private async byNumber(query: TicketSearchQuery): Promise<TicketSearchHit | null> {
    const requester = query.requesterId === null ? '' : ' AND t.requester_id = ?';
    const [row] = await queryRows(this.manager, `SELECT ${TICKET_COLUMNS} FROM tickets t WHERE t.number = ? AND t.department_id IN ${placeholderList(query.departmentIds)}${requester}`, [
      query.number,
      ...query.departmentIds,
      ...(query.requesterId === null ? [] : [query.requesterId]),
    ]);
    return row ? { ...hitOf(row), snippet: null } : null;
  }

  private async byRequester(query: TicketSearchQuery): Promise<Ranked> {
    const where = `t.requester_id = ? AND t.department_id IN ${placeholderList(query.departmentIds)}`;
    const parameters = [query.requesterId, ...query.departmentIds];
    const rows = await queryRows(this.manager, `SELECT t.id FROM tickets t WHERE ${where} ORDER BY t.updated_at DESC, t.id DESC LIMIT ?`, [...parameters, query.limit]);
    const [count] = await queryRows(this.manager, `SELECT count(*) AS total FROM tickets t WHERE ${where}`, parameters);
    return { ids: rows.map((row) => Number(row.id)), total: Number(count?.total ?? 0) };
  }

  private async rankOnSqlite(query: TicketSearchQuery): Promise<Ranked> {
    const join = query.requesterId === null ? '' : ' JOIN tickets t ON t.id = ticket_search.rowid AND t.requester_id = ?';
    const requester = query.requesterId === null ? [] : [query.requesterId];
    const match = ftsMatch(query);
    // The newest matches, in rowid order: FTS5 walks its doclists without ranking anything.
    const newest = await queryRows(this.manager, `SELECT ticket_search.rowid AS id FROM ticket_search${join} WHERE ticket_search MATCH ? ORDER BY ticket_search.rowid DESC LIMIT ?`, [
      ...requester,
      match,
      RANKED_MATCHES_MAX + 1,
    ]);
    const oldest = newest[Math.min(newest.length, RANKED_MATCHES_MAX) - 1];
    if (!oldest) return { ids: [], total: 0, capped: false };
    const rows = await queryRows(
      this.manager,
      `SELECT ticket_search.rowid AS id FROM ticket_search${join} WHERE ticket_search MATCH ? AND ticket_search.rowid >= ? ORDER BY ticket_search.rank, ticket_search.rowid DESC LIMIT ?`,
      [...requester, match, Number(oldest.id), query.limit],
    );
    const capped = newest.length > RANKED_MATCHES_MAX;
    return { ids: rows.map((row) => Number(row.id)), total: capped ? RANKED_MATCHES_MAX : newest.length, capped };
  }

  private async snippetsOnSqlite(query: TicketSearchQuery, ids: readonly number[]): Promise<Snippets> {
    if (ids.length === 0) return new Map();
    // One statement for all: FTS5 looks up a rowid IN list directly (a rowid = ? per hit scans the match).
    const rows = await queryRows(
      this.manager,
      `SELECT rowid AS id, snippet(ticket_search, 0, ?, ?, '…', 64) AS summary, snippet(ticket_search, 1, ?, ?, '…', ${SNIPPET_WORDS}) AS body
        FROM ticket_search WHERE ticket_search MATCH ? AND rowid IN ${placeholderList(ids)}`,
      [MATCH_START, MATCH_END, MATCH_START, MATCH_END, ftsMatch(query), ...ids],
    );
    return new Map(rows.map((row) => [Number(row.id), { summary: marked(row.summary), body: marked(row.body) }]));
  }

  private async rankOnPostgres(query: TicketSearchQuery): Promise<Ranked> {
    const join = query.requesterId === null ? '' : ' JOIN tickets t ON t.id = s.ticket_id AND t.requester_id = ?';
    const rows = await queryRows(
      this.manager,
      `WITH newest AS (
          SELECT s.ticket_id, s.document, row_number() OVER (ORDER BY s.ticket_id DESC) AS n FROM ticket_search s${join}, plainto_tsquery('english', ?) q
          WHERE s.document @@ q AND s.department_id IN ${placeholderList(query.departmentIds)} ORDER BY s.ticket_id DESC LIMIT ?
        )
        SELECT c.ticket_id AS id, (SELECT count(*) FROM newest) AS total FROM newest c, plainto_tsquery('english', ?) q
        WHERE c.n <= ? ORDER BY ts_rank(c.document, q, 1) DESC, c.ticket_id DESC LIMIT ?`,
      [...(query.requesterId === null ? [] : [query.requesterId]), query.words.join(' '), ...query.departmentIds, RANKED_MATCHES_MAX + 1, query.words.join(' '), RANKED_MATCHES_MAX, query.limit],
    );
    const found = Number(rows[0]?.total ?? 0);
    return { ids: rows.map((row) => Number(row.id)), total: Math.min(found, RANKED_MATCHES_MAX), capped: found > RANKED_MATCHES_MAX };
  }

  private async snippetsOnPostgres(query: TicketSearchQuery, ids: readonly number[]): Promise<Snippets> {
    if (ids.length === 0) return new Map();
    const marks = `StartSel="${MATCH_START}", StopSel="${MATCH_END}"`;
    const rows = await queryRows(
      this.manager,
      `SELECT s.ticket_id AS id, ts_headline('english', s.summary, q, '${marks}, HighlightAll=true') AS summary,
          ts_headline('english', s.body, q, '${marks}, MaxWords=${SNIPPET_WORDS}, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "') AS body
        FROM ticket_search s, plainto_tsquery('english', ?) q WHERE s.ticket_id IN ${placeholderList(ids)}`,
      [query.words.join(' '), ...ids],
    );
    return new Map(rows.map((row) => [Number(row.id), { summary: marked(row.summary), body: marked(row.body) }]));
  }

  private async ticketsByIds(ids: readonly number[]): Promise<Map<number, Omit<TicketSearchHit, 'snippet'>>> {
    if (ids.length === 0) return new Map();
    const rows = await queryRows(this.manager, `SELECT ${TICKET_COLUMNS} FROM tickets t WHERE t.id IN ${placeholderList(ids)}`, ids);
    return new Map(rows.map((row) => [Number(row.id), hitOf(row)]));
  }
}

/**
 * The FTS5 query: each word quoted (a word holds no `"`, and is a string, never an operator),
 * all of them required in the summary or body, and the ticket in one of the departments.
 */
const ftsMatch = (query: TicketSearchQuery): string => {
  const words = query.words.map((word) => `"${word.replace(/"/g, '""')}"`).join(' ');
  const scope = query.departmentIds.map((id) => `"d${id}"`).join(' OR ');
  return `{summary body} : (${words}) AND scope : (${scope})`;
};

/** A snippet that marks a match, or null (the text did not hold one). */
const marked = (value: unknown): string | null => (typeof value === 'string' && value.includes(MATCH_START) ? value : null);

const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const hitOf = (row: Record<string, unknown>): Omit<TicketSearchHit, 'snippet'> => ({
  ticketId: Number(row.id),
  number: Number(row.number),
  summary: String(row.summary),
  status: String(row.status) as TicketStatus,
  priority: String(row.priority) as Priority,
  departmentId: Number(row.department_id),
  requesterId: String(row.requester_id),
  assigneeId: textOrNull(row.assignee_id),
  cardChannelId: textOrNull(row.card_channel_id),
  cardTs: textOrNull(row.card_ts),
  updatedAt: new Date(Number(row.updated_at)),
});
