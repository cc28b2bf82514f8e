import { MATCH_END, MATCH_START, TicketSearchHit } from './ports/ticket-search';
import { TicketRow } from './ports/records';
import { readSearchText } from './search-text';
import { TicketSearchService } from './ticket-search.service';

/** A ticket a duplicate may be merged into, as the Merge form offers it. */
export interface MergeCandidate {
  readonly ticketId: number;
  readonly number: number;
  readonly summary: string;
  /** Filed by the duplicate's requester too. */
  readonly sameRequester: boolean;
}

/** How many candidates the Merge form offers at most. */
export const MERGE_CANDIDATES_MAX = 10;
/** Words of the duplicate's summary searched for, the longest first; shorter words ("is", "the", "on") say little about a problem. */
const SUMMARY_WORDS = 3;
const SHORTEST_WORD = 4;

const plainSummary = (summary: string): string => summary.split(MATCH_START).join('').split(MATCH_END).join('');

/**
 * The tickets a duplicate is likely a copy of (osTicket offers the requester's other tickets when
 * merging): the active tickets of its department filed by the same requester, then those whose
 * words match its summary's longest words, the most matched first; never itself, never a closed
 * ticket. Searched as `userId` sees tickets (their departments), kept to the duplicate's department.
 */
export const mergeCandidatesFrom = async (search: TicketSearchService, ticket: TicketRow, userId: string): Promise<MergeCandidate[]> => {
  const keep = (hit: TicketSearchHit) => hit.ticketId !== ticket.id && hit.departmentId === ticket.departmentId && hit.status !== 'closed';
  const hitsOf = async (text: string, requesterId: string | null): Promise<TicketSearchHit[]> => {
    const answer = await search.searchAs(userId, text, { requesterId, limit: MERGE_CANDIDATES_MAX * 2 });
    return answer.ok ? answer.value.page.hits.filter(keep) : [];
  };
  const words = readSearchText(ticket.summary)
    .words.filter((word) => word.length >= SHORTEST_WORD)
    .sort((a, b) => b.length - a.length)
    .slice(0, SUMMARY_WORDS);
  const [sameRequester, ...byWord] = await Promise.all([hitsOf('', ticket.requesterId), ...words.map((word) => hitsOf(word, null))]);
  const score = new Map<number, { hit: TicketSearchHit; matches: number }>();
  for (const hits of byWord) {
    for (const hit of hits) score.set(hit.ticketId, { hit, matches: (score.get(hit.ticketId)?.matches ?? 0) + 1 });
  }
  const similar = [...score.values()].sort((a, b) => b.matches - a.matches || b.hit.number - a.hit.number).map(({ hit }) => hit);
  const seen = new Set<number>();
  const candidates: MergeCandidate[] = [];
  for (const hit of [...(sameRequester ?? []), ...similar]) {
    if (seen.has(hit.ticketId)) continue;
    seen.add(hit.ticketId);
    candidates.push({ ticketId: hit.ticketId, number: hit.number, summary: plainSummary(hit.summary), sameRequester: hit.requesterId === ticket.requesterId });
  }
  return candidates.slice(0, MERGE_CANDIDATES_MAX);
};
