import { EntityManager } from 'typeorm';
import { Priority, TicketStatus } from '../../domain/ticket';
import { MATCH_END, MATCH_START, RANKED_MATCHES_MAX, TicketSearch, TicketSearchHit, TicketSearchPage, TicketSearchQuery } from '../../services/ports/ticket-search';
import { isPostgres } from '../bulk-sql';
import { placeholderList, queryRows } from '../row-codec';
import { bestMatches } from './search-ranking';

const TICKET_COLUMNS = 't.id, t.number, t.summary, t.status, t.priority, t.department_id, t.requester_id, t.assignee_id, t.card_channel_id, t.card_ts, t.updated_at';

/** How many words of the body a snippet shows around the matches. */
const SNIPPET_WORDS = 24;

/**
 * The rowids an FTS5 query is limited to, given as one JSON array: FTS5 (SQLite 3.53) ignores a
 * `rowid = ?` beside MATCH, and SQLite turns `rowid IN (?)` of one value into exactly that, so a
 * list of one would answer every match.
 */
const ROWIDS = '(SELECT value FROM json_each(?))';

/** A search naming a requester (or people by name) ranks the words among their newest this many tickets. */
const REQUESTER_TICKETS_MAX = RANKED_MATCHES_MAX;

/** How many of the newest ticket ids PostgreSQL's first window of matches spans. */
const FIRST_WINDOW = 20_000;

type Ranked = { ids: number[]; total: number; capped?: boolean };
type Snippets = Map<number, { summary: string | null; body: string | null }>;

/**
 * Searches tickets on the app's database: SQLite's FTS5 table `ticket_search`, or PostgreSQL's
 * `ticket_search.document` tsvector. Words are ranked among the newest RANKED_MATCHES_MAX matches
 * only, found newest first without ranking anything: on SQLite in one pass over FTS5's doclists,
 * ranked then as bm25 does (see bestMatches: the summary weighing four times the body, a short
 * text that says it above a long one that mentions it); on PostgreSQL window by window of ticket
 * ids, ranked by ts_rank (summary weighted A, body B, divided by 1 + the log of the length). Ties go
 * to the newer ticket. A search naming a requester ranks among that requester's tickets, found
 * through their index. The words it is given are letters, marks and digits only, and each is
 * quoted (FTS5) or given as plain text (`plainto_tsquery`), so no query syntax of either database
 * is ever written by a person. The snippets are made for the hits shown only.
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
    } else if (peopleCondition(query)) {
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
    const people = peopleCondition(query);
    const [row] = await queryRows(
      this.manager,
      `SELECT ${TICKET_COLUMNS} FROM tickets t WHERE t.number = ? AND t.department_id IN ${placeholderList(query.departmentIds)}${people ? ` AND ${people.sql}` : ''}`,
      [query.number, ...query.departmentIds, ...(people?.parameters ?? [])],
    );
    return row ? { ...hitOf(row), snippet: null } : null;
  }

  /** The tickets of the requester (or the people named), newest first. */
  private async byRequester(query: TicketSearchQuery): Promise<Ranked> {
    const people = peopleCondition(query);
    if (!people) return { ids: [], total: 0 };
    const where = `${people.sql} AND t.department_id IN ${placeholderList(query.departmentIds)}`;
    const parameters = [...people.parameters, ...query.departmentIds];
    const rows = await queryRows(this.manager, `SELECT t.id FROM tickets t WHERE ${where} ORDER BY t.updated_at DESC, t.id DESC LIMIT ?`, [...parameters, query.limit]);
    const [count] = await queryRows(this.manager, `SELECT count(*) AS total FROM tickets t WHERE ${where}`, parameters);
    return { ids: rows.map((row) => Number(row.id)), total: Number(count?.total ?? 0) };
  }

  /**
   * The requester's tickets in the asker's departments, newest first: the only tickets a search
   * naming a requester ranks (found through the requester's index, never by walking the matches).
   */
  private async requesterTickets(query: TicketSearchQuery): Promise<{ ids: number[]; capped: boolean } | null> {
    const people = peopleCondition(query);
    if (!people) return null;
    const rows = await queryRows(this.manager, `SELECT t.id FROM tickets t WHERE ${people.sql} AND t.department_id IN ${placeholderList(query.departmentIds)} ORDER BY t.id DESC LIMIT ?`, [
      ...people.parameters,
      ...query.departmentIds,
      REQUESTER_TICKETS_MAX + 1,
    ]);
    return { ids: rows.slice(0, REQUESTER_TICKETS_MAX).map((row) => Number(row.id)), capped: rows.length > REQUESTER_TICKETS_MAX };
  }

  private async rankOnSqlite(query: TicketSearchQuery): Promise<Ranked> {
    const among = await this.requesterTickets(query);
    if (among?.ids.length === 0) return { ids: [], total: 0, capped: false };
    // The newest matches, in rowid order (FTS5 walks its doclists from the end and stops), each
    // with its matched words marked; ranked here (see bestMatches), as bm25 would need every
    // word's count over the whole index.
    const rows = await queryRows(
      this.manager,
      `SELECT rowid AS id, highlight(ticket_search, 0, ?, ?) AS summary, highlight(ticket_search, 1, ?, ?) AS body FROM ticket_search
        WHERE ticket_search MATCH ? ${among ? `AND rowid IN ${ROWIDS}` : 'ORDER BY rowid DESC LIMIT ?'}`,
      // A requester's tickets are each looked up (no more than are ranked); ordering them in SQLite made it walk them slower.
      [MATCH_START, MATCH_END, MATCH_START, MATCH_END, ftsMatch(query, among === null), among ? JSON.stringify(among.ids) : RANKED_MATCHES_MAX + 1],
    );
    const newest = rows
      .sort((a, b) => Number(b.id) - Number(a.id))
      .slice(0, RANKED_MATCHES_MAX)
      .map((row) => ({ id: Number(row.id), summary: textOrNull(row.summary) ?? '', body: textOrNull(row.body) ?? '' }));
    return { ids: bestMatches(newest, query.limit), total: newest.length, capped: rows.length > RANKED_MATCHES_MAX || (among?.capped ?? false) };
  }

  private async snippetsOnSqlite(query: TicketSearchQuery, ids: readonly number[]): Promise<Snippets> {
    if (ids.length === 0) return new Map();
    // One statement for all: FTS5 looks up each rowid of the list.
    const rows = await queryRows(
      this.manager,
      `SELECT rowid AS id, snippet(ticket_search, 0, ?, ?, '…', 64) AS summary, snippet(ticket_search, 1, ?, ?, '…', ${SNIPPET_WORDS}) AS body
        FROM ticket_search WHERE ticket_search MATCH ? AND rowid IN ${ROWIDS}`,
      [MATCH_START, MATCH_END, MATCH_START, MATCH_END, ftsMatch(query, false), JSON.stringify(ids)],
    );
    return new Map(rows.map((row) => [Number(row.id), { summary: marked(row.summary), body: marked(row.body) }]));
  }

  /**
   * The newest matches with their ts_rank, found window by window of ticket ids from the newest:
   * each window is a range of the primary key ANDed with the GIN's matches, so a common word reads
   * the rows of one small window and a rare word a few wide ones, never every match's row. Each
   * next window is sized from the matches per id seen so far.
   */
  private async rankOnPostgres(query: TicketSearchQuery): Promise<Ranked> {
    const among = await this.requesterTickets(query);
    if (among?.ids.length === 0) return { ids: [], total: 0, capped: false };
    const words = query.words.join(' ');
    const indexed = await this.rarestWordOnPostgres(query.words);
    // The GIN is asked for the rarest word alone: PostgreSQL estimates words together as if
    // independent (three words each in 5% of tickets: 0.01%), and then reads every match's row
    // instead of ANDing the GIN's matches with the window of the departments' index.
    // No ORDER BY … LIMIT: it tempts the planner into walking the primary key backwards, filtering
    // every row of the window; a window holds about the matches still wanted, sorted here.
    const matchesIn = async (condition: string, parameters: readonly unknown[], limit: number) =>
      (
        await queryRows(
          this.manager,
          `SELECT s.ticket_id AS id, ts_rank(s.document, q, 1) AS rank FROM ticket_search s, plainto_tsquery('english', ?) q
            WHERE s.document @@ plainto_tsquery('english', ?) AND ts_match_vq(s.document, q) AND s.department_id IN ${placeholderList(query.departmentIds)} AND ${condition}`,
          [words, indexed, ...query.departmentIds, ...parameters],
        )
      )
        .map((row) => ({ id: Number(row.id), rank: Number(row.rank) }))
        .sort((a, b) => b.id - a.id)
        .slice(0, limit);
    let found: { id: number; rank: number }[];
    if (among) found = await matchesIn(`s.ticket_id IN ${placeholderList(among.ids)}`, among.ids, RANKED_MATCHES_MAX + 1);
    else {
      const [top] = await queryRows(this.manager, 'SELECT max(ticket_id) AS id FROM ticket_search', []);
      const newest = Number(top?.id ?? 0);
      found = [];
      let width = FIRST_WINDOW;
      for (let high = newest; high > 0 && found.length <= RANKED_MATCHES_MAX;) {
        const low = Math.max(0, high - width);
        found.push(...(await matchesIn('s.ticket_id > ? AND s.ticket_id <= ?', [low, high], RANKED_MATCHES_MAX + 1 - found.length)));
        const perId = found.length / (newest - low);
        width = Math.round(Math.min(width * 16, Math.max(width * 2, perId > 0 ? (1.5 * (RANKED_MATCHES_MAX + 1 - found.length)) / perId : 0)));
        high = low;
      }
    }
    const newest = found.slice(0, RANKED_MATCHES_MAX);
    const ids = [...newest]
      .sort((a, b) => b.rank - a.rank || b.id - a.id)
      .slice(0, query.limit)
      .map((match) => match.id);
    return { ids, total: newest.length, capped: found.length > RANKED_MATCHES_MAX || (among?.capped ?? false) };
  }

  /**
   * Of `words`, the one in the fewest tickets by the planner's statistics (pg_stats' most common
   * lexemes of `document`; a word not among them is rarer than all that are); a stop word never.
   */
  private async rarestWordOnPostgres(words: readonly string[]): Promise<string> {
    const rows = await queryRows(
      this.manager,
      `SELECT w.word, (SELECT count(*) FROM unnest(to_tsvector('english', w.word))) AS lexemes,
          (SELECT max(f.freq) FROM pg_stats st, unnest(st.most_common_elems::text::text[], st.most_common_elem_freqs) AS f(elem, freq)
            WHERE st.schemaname = current_schema() AND st.tablename = 'ticket_search' AND st.attname = 'document'
            AND f.elem IN (SELECT lexeme FROM unnest(to_tsvector('english', w.word)))) AS freq
        FROM unnest(CAST(? AS text[])) AS w(word)`,
      [words],
    );
    const candidates = rows.filter((row) => Number(row.lexemes) > 0).sort((a, b) => Number(a.freq ?? 0) - Number(b.freq ?? 0));
    return textOrNull(candidates[0]?.word) ?? words.join(' ');
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
 * Whose tickets a search is limited to, as a condition on `tickets t`: the requester named by a
 * mention, else the people a name named (as requester or assignee); null when neither.
 */
const peopleCondition = (query: TicketSearchQuery): { sql: string; parameters: string[] } | null => {
  if (query.requesterId !== null) return { sql: 't.requester_id = ?', parameters: [query.requesterId] };
  const ids = query.personIds ?? [];
  if (ids.length === 0) return null;
  return { sql: `(t.requester_id IN ${placeholderList(ids)} OR t.assignee_id IN ${placeholderList(ids)})`, parameters: [...ids, ...ids] };
};

/**
 * The FTS5 query: each word quoted (a word holds no `"`, and is a string, never an operator),
 * all of them required in the summary or body, and, when `scoped`, the ticket in one of the
 * departments (unscoped when the rowids looked up are already the departments' tickets: each
 * rowid looked up seeks every phrase, and a department's phrase is long).
 */
const ftsMatch = (query: TicketSearchQuery, scoped = true): string => {
  const words = `{summary body} : (${query.words.map((word) => `"${word.replace(/"/g, '""')}"`).join(' ')})`;
  return scoped ? `${words} AND scope : (${query.departmentIds.map((id) => `"d${id}"`).join(' OR ')})` : words;
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
