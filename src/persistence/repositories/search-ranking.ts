import { MATCH_END, MATCH_START } from '../../services/ports/ticket-search';

/** A ticket that matched, with its summary and body as FTS5's highlight() gives them: each matched word between MATCH_START and MATCH_END. */
export interface HighlightedMatch {
  readonly id: number;
  readonly summary: string;
  readonly body: string;
}

/** How much a matched word in the summary counts against one in the body (as the FTS5 table's bm25(4.0, 1.0) rank). */
const SUMMARY_WEIGHT = 4;
/** bm25's usual constants: how fast repeated words stop adding (k1), and how much a long text is discounted (b). */
const K1 = 1.2;
const B = 0.75;

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const MARKED = new RegExp(`${MATCH_START}([^${MATCH_END}]*)${MATCH_END}`, 'g');

const wordsIn = (text: string): number => text.match(WORD)?.length ?? 0;
const matchedWordsIn = (text: string): number => [...text.matchAll(MARKED)].reduce((sum, match) => sum + wordsIn(match[1] ?? ''), 0);

/**
 * The ids of the best `limit` matches, best first: scored as FTS5's bm25 scores a ticket (the
 * matched words, the summary's weighing four times the body's, against the ticket's length in
 * words relative to the average of the matches), ties to the newer ticket. Every word of the query
 * counts alike: each match holds all of them, and weighing rare words higher would need their
 * frequency over the whole index, which is what made ranking a common word slow.
 */
export const bestMatches = (matches: readonly HighlightedMatch[], limit: number): number[] => {
  if (matches.length === 0) return [];
  const measured = matches.map((match) => ({
    id: match.id,
    frequency: SUMMARY_WEIGHT * matchedWordsIn(match.summary) + matchedWordsIn(match.body),
    length: wordsIn(match.summary) + wordsIn(match.body),
  }));
  const averageLength = Math.max(1, measured.reduce((sum, match) => sum + match.length, 0) / measured.length);
  return measured
    .map((match) => ({ id: match.id, score: (match.frequency * (K1 + 1)) / (match.frequency + K1 * (1 - B + (B * match.length) / averageLength)) }))
    .sort((a, b) => b.score - a.score || b.id - a.id)
    .slice(0, limit)
    .map((match) => match.id);
};
