import { bestMatches } from '../../src/persistence/repositories/search-ranking';
import { MATCH_END, MATCH_START } from '../../src/services/ports/ticket-search';

const mark = (word: string): string => `${MATCH_START}${word}${MATCH_END}`;

describe('ranking the newest matches as bm25 does', () => {
  it("puts Karen's outage, which says both words in a short summary, above a long summary and a body that mention them", () => {
    const ranked = bestMatches(
      [
        { id: 1, summary: `Entire ${mark('mobile')} online ${mark('banking')} is down`, body: '' },
        { id: 2, summary: `Question about the ${mark('banking')} portal login page from the branch office, ${mark('mobile')} report`, body: 'Ken says it happens on the second floor too.' },
        { id: 3, summary: 'Mail stopped on my iPhone', body: `It stopped after I opened the ${mark('mobile')} ${mark('banking')} app.` },
      ],
      10,
    );
    expect(ranked).toEqual([1, 2, 3]);
  });

  it('gives ties to the newer ticket, and answers at most the limit', () => {
    const same = { summary: `Printer ${mark('jams')}`, body: '' };
    expect(
      bestMatches(
        [
          { id: 4, ...same },
          { id: 9, ...same },
          { id: 7, ...same },
        ],
        2,
      ),
    ).toEqual([9, 7]);
    expect(bestMatches([], 10)).toEqual([]);
  });
});
