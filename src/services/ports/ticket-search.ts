import { Priority, TicketStatus } from '../../domain/ticket';

/** Marks where a snippet's matched words start and end: private-use characters nobody types. */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

/**
 * A search as persistence runs it, already made safe: `words` hold only letters, marks and digits
 * (never a search syntax of either database), and everything is restricted to `departmentIds`.
 * Any of `words`, `number` and `requesterId` may be absent; with none of them nothing is searched.
 */
export interface TicketSearchQuery {
  readonly words: readonly string[];
  /** A ticket number the query named (`1042`, `#1042`): that ticket comes first. */
  readonly number: number | null;
  /** Only tickets of this requester (a Slack user id). */
  readonly requesterId: string | null;
  /**
   * Only tickets whose requester or assignee is one of these people (Slack user ids, at most
   * PEOPLE_NAMED_MAX): the people a name in the search named. Ignored when `requesterId` is given.
   */
  readonly personIds?: readonly string[] | null;
  /** The departments whose tickets the asker may see; none means nothing is found. */
  readonly departmentIds: readonly number[];
  /** How many hits to answer at most (1..50). */
  readonly limit: number;
}

/** The most people one search names (`personIds`): a name more people share is searched as a word only. */
export const PEOPLE_NAMED_MAX = 50;

/** One ticket a search found. */
export interface TicketSearchHit {
  readonly ticketId: number;
  readonly number: number;
  /** The summary as people wrote it; when the words matched in it, each match is between MATCH_START and MATCH_END. */
  readonly summary: string;
  readonly status: TicketStatus;
  readonly priority: Priority;
  readonly departmentId: number;
  readonly requesterId: string;
  readonly assigneeId: string | null;
  readonly cardChannelId: string | null;
  readonly cardTs: string | null;
  /** When the ticket last changed. */
  readonly updatedAt: Date;
  /**
   * The text around the matched words, as people wrote it, each match between MATCH_START and
   * MATCH_END; null when the ticket was found by number or requester alone.
   */
  readonly snippet: string | null;
}

/**
 * Words are ranked among the newest matches only, at most this many: ranking every match of a
 * common word among a million tickets costs more than a search may take, and the newest tickets
 * are those people look for. How many match is counted up to the same number.
 */
export const RANKED_MATCHES_MAX = 1000;

/** The best hits, best first, and how many tickets match in all. */
export interface TicketSearchPage {
  readonly hits: readonly TicketSearchHit[];
  /** How many tickets match; when `capped`, at least this many (RANKED_MATCHES_MAX), and the hits are the best of the newest that many. */
  readonly total: number;
  readonly capped: boolean;
}

/**
 * Full-text search of tickets (summary, details, replies, internal notes, what the requester
 * wrote), by number and by requester. Persistence implements it (SqlTicketSearch) with SQLite's
 * FTS5 (ranked by bm25) or PostgreSQL's tsvector (ranked by ts_rank).
 */
export interface TicketSearch {
  searchTickets(query: TicketSearchQuery): Promise<TicketSearchPage>;
}
