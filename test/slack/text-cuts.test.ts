import fc from 'fast-check';
import { ELLIPSIS, firstCharacter, firstLine, optionText, splitText, truncateText } from '../../src/slack/views/text-cuts';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemes = (text: string): string[] => [...segmenter.segment(text)].map((part) => part.segment);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Pieces of text people send and Slack markup the app writes, each kept apart so a test knows where the markup is. */
type Part = { text: string; markup: boolean };
const plainPart = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
    fc.constantFrom('a', 'word ', '\n', '📧', '🔥', '👍🏽', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇬🇧', '🇺🇸🇫🇷', 'e\u0301', 'n\u0303\u0323', 'ก\u0e33', '\r\n', '<3 & >', '&'),
  )
  .map((text): Part => ({ text, markup: false }));
const markupPart = fc
  .constantFrom(
    '&amp;',
    '&lt;',
    '&gt;',
    '<@U0MICHAEL>',
    '<@U0KAREN|karen>',
    '<#C0SYSADM|sysadmins>',
    '<#C0SUPPORT>',
    '<https://status.example.com/vpn|the status page>',
    '<https://status.example.com/vpn|the status\npage>',
    '<mailto:help@example.com|help desk>',
    '<!here>',
    '<!subteam^S0SUPPORT|@support>',
    '<!date^1700000000^{date_short_pretty} at {time}|2023-11-14 22:13 UTC>',
  )
  .map((text): Part => ({ text, markup: true }));
const parts = fc.array(fc.oneof({ arbitrary: plainPart, weight: 3 }, { arbitrary: markupPart, weight: 1 }), { maxLength: 60 });

const assemble = (list: readonly Part[]) => {
  let text = '';
  const spans: [number, number][] = [];
  for (const part of list) {
    if (part.markup) spans.push([text.length, text.length + part.text.length]);
    text += part.text;
  }
  const boundaries = new Set<number>([text.length]);
  for (const { index } of segmenter.segment(text)) boundaries.add(index);
  /** A cut at `offset` falls between whole characters and outside every markup token. */
  const cleanCut = (offset: number) => boundaries.has(offset) && spans.every(([start, end]) => offset <= start || offset >= end);
  return { text, cleanCut };
};

describe('splitText', () => {
  it("keeps the 📧 on the 2,900 split of Karen's relayed line whole", () => {
    const line = `:envelope: <@U0KAREN> (requester): ${'a'.repeat(2864)}📧 and the rest of what she wrote`;
    const pieces = splitText(line, 2900);
    expect(pieces.map((piece) => piece.length)).toEqual([2899, line.length - 2899]);
    expect(pieces.join('')).toBe(line);
    expect(pieces[1]?.startsWith('📧')).toBe(true);
  });

  it('keeps an emoji sequence whole where a segmenter window of 256 code units would end inside its last emoji', () => {
    // The 👦 of the family starts at 255: its surrogate pair straddles the first window's end (a
    // 50-fold property run found a cut at 👨‍👩‍👧‍ | 👦).
    const family = '👨‍👩‍👧‍👦';
    const text = `${'a'.repeat(246)}${family}${'b'.repeat(40)}`;
    expect(text.indexOf('👦')).toBe(255);
    expect(splitText(text, 255)).toEqual(['a'.repeat(246), `${family}${'b'.repeat(40)}`]);
    expect(truncateText(text, 256)).toBe(`${'a'.repeat(246)}${ELLIPSIS}`);
    // The same at every offset around the window's end, for each kind of sequence.
    for (const sequence of [family, '🇬🇧🇫🇷', '👍🏽', '🏳️‍🌈', 'n\u0303\u0323']) {
      for (let before = 240; before <= 260; before += 1) {
        const around = `${'a'.repeat(before)}${sequence}${'b'.repeat(300)}`;
        const boundaries = new Set([...segmenter.segment(around)].map((part) => part.index));
        for (const size of [before + 1, before + 5, 256, 300]) {
          const ends = splitText(around, size).map((piece) => piece.length);
          expect(ends.slice(0, -1).every((_, at) => boundaries.has(ends.slice(0, at + 1).reduce((sum, length) => sum + length, 0)))).toBe(true);
          expect(boundaries.has(truncateText(around, size).length - 1)).toBe(true);
        }
      }
    }
  });

  it('keeps mentions, links and entities whole at the cut', () => {
    expect(splitText('ab<@U0MICHAEL>cd', 13)).toEqual(['ab', '<@U0MICHAEL>c', 'd']);
    expect(splitText('ab<@U0MICHAEL>cd', 14)).toEqual(['ab<@U0MICHAEL>', 'cd']);
    expect(splitText('x&amp;y', 5)).toEqual(['x', '&amp;', 'y']);
    expect(splitText('see <https://status.example.com/vpn|the status page> now', 50)).toEqual(['see ', '<https://status.example.com/vpn|the status page> n', 'ow']);
  });

  it('cuts a token longer than a piece as plain text, between whole characters', () => {
    expect(splitText('ab<@U0MICHAEL>cd', 8)).toEqual(['ab<@U0MI', 'CHAEL>cd']);
    const link = '<https://example.com/🔥🔥🔥|🔥>';
    const pieces = splitText(link, 6);
    expect(pieces.join('')).toBe(link);
    expect(pieces.every((piece) => piece.length <= 6 && !LONE_SURROGATE.test(piece))).toBe(true);
  });

  it('cuts one character longer than a piece between code points, never inside a surrogate pair', () => {
    const zalgo = `a${'\u0301'.repeat(9)}😀${'\u0301'.repeat(3)}`;
    const pieces = splitText(zalgo, 10);
    expect(pieces.join('')).toBe(zalgo);
    expect(pieces.every((piece) => piece.length <= 10 && !LONE_SURROGATE.test(piece))).toBe(true);
  });

  it('prefers a line end in the second half of a piece', () => {
    expect(splitText(`${'a'.repeat(6)}\n${'b'.repeat(6)}`, 10)).toEqual([`${'a'.repeat(6)}\n`, 'b'.repeat(6)]);
  });

  it('gives no pieces for empty text and refuses a piece too small for an emoji', () => {
    expect(splitText('', 10)).toEqual([]);
    expect(() => splitText('abc', 1)).toThrow(RangeError);
  });

  it('gives pieces within the size that join to the text, each cut between whole characters and outside markup', () => {
    fc.assert(
      fc.property(parts, fc.integer({ min: 80, max: 200 }), (list, size) => {
        const { text, cleanCut } = assemble(list);
        const pieces = splitText(text, size);
        expect(pieces.join('')).toBe(text);
        let offset = 0;
        for (const piece of pieces) {
          expect(piece.length).toBeGreaterThan(0);
          expect(piece.length).toBeLessThanOrEqual(size);
          expect(LONE_SURROGATE.test(piece)).toBe(false);
          offset += piece.length;
          expect(cleanCut(offset)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("cuts long texts (many of the segmenter's windows) only where the whole text's grapheme boundaries are", () => {
    const long = fc.array(fc.oneof({ arbitrary: plainPart, weight: 3 }, { arbitrary: markupPart, weight: 1 }), { minLength: 100, maxLength: 400 });
    fc.assert(
      fc.property(long, fc.integer({ min: 2, max: 3000 }), (list, size) => {
        const { text, cleanCut } = assemble(list);
        const pieces = splitText(text, size);
        expect(pieces.join('')).toBe(text);
        let offset = 0;
        for (const piece of pieces.slice(0, -1)) {
          offset += piece.length;
          // A piece smaller than one character with its markup is cut inside it, by design.
          if (size >= 200) expect(cleanCut(offset)).toBe(true);
        }
        const max = Math.max(2, Math.min(size, text.length - 1));
        const cut = truncateText(text, max);
        if (size >= 200) expect(cleanCut(cut.length - 1)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("splits and truncates Slack's longest message (40,000 characters) in well under a second", () => {
    for (const text of ['a'.repeat(40_000), '&amp;'.repeat(8_000), '👍🏽'.repeat(10_000), `${'क्षि'.repeat(9_000)}`]) {
      const started = performance.now();
      splitText(text, 2900);
      truncateText(text, 3000);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it('stays within any size from 2, gives the text back and never halves a surrogate pair, however long the markup', () => {
    fc.assert(
      fc.property(parts, fc.integer({ min: 2, max: 40 }), (list, size) => {
        const { text } = assemble(list);
        const pieces = splitText(text, size);
        expect(pieces.join('')).toBe(text);
        for (const piece of pieces) {
          expect(piece.length).toBeGreaterThan(0);
          expect(piece.length).toBeLessThanOrEqual(size);
          expect(LONE_SURROGATE.test(piece)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('firstLine', () => {
  it('ends at the first line break outside markup, keeping a link whose label spans lines whole', () => {
    expect(firstLine('see <https://status.example.com/vpn|the status\npage> first\nthen more')).toBe('see <https://status.example.com/vpn|the status\npage> first');
    expect(firstLine('one line')).toBe('one line');
  });

  it('takes CRLF and a lone CR as one line break each, as it takes LF', () => {
    expect(firstLine('a\r\nb')).toBe('a');
    expect(firstLine('a\rb\nc')).toBe('a');
    expect(firstLine('<https://status.example.com/vpn|the status\r\npage> first\r\nthen')).toBe('<https://status.example.com/vpn|the status\r\npage> first');
  });

  it('gives a start of the text that ends outside markup, and before a line break when there is one outside it', () => {
    const withBreaks = fc.array(
      fc.oneof(
        { arbitrary: plainPart, weight: 3 },
        { arbitrary: markupPart, weight: 1 },
        { arbitrary: fc.constantFrom({ text: '\n', markup: false }, { text: '\r\n', markup: false }, { text: '\r', markup: false }), weight: 1 },
      ),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(withBreaks, (list) => {
        const { text, cleanCut } = assemble(list);
        const line = firstLine(text);
        expect(text.startsWith(line)).toBe(true);
        expect(cleanCut(line.length)).toBe(true);
        expect(line.length === text.length || /^[\r\n]/.test(text.slice(line.length))).toBe(true);
        expect(line.endsWith('\r')).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('truncateText', () => {
  it('ends the 150-character summary before the 🔥, with the ellipsis', () => {
    const title = `#1001 ${'x'.repeat(142)}🔥${'y'.repeat(6)}`;
    expect(truncateText(title, 150)).toBe(`#1001 ${'x'.repeat(142)}${ELLIPSIS}`);
    expect(truncateText(title, 151)).toBe(`#1001 ${'x'.repeat(142)}🔥${ELLIPSIS}`);
  });

  it('leaves text within the limit alone', () => {
    expect(truncateText('Entire mobile online banking is down', 150)).toBe('Entire mobile online banking is down');
  });

  it('drops a ZWJ family, a flag or a letter with its accent whole', () => {
    expect(truncateText('ab👨‍👩‍👧‍👦cd', 8)).toBe(`ab${ELLIPSIS}`);
    expect(truncateText('ab🇬🇧cd', 5)).toBe(`ab${ELLIPSIS}`);
    expect(truncateText('abe\u0301cd', 4)).toBe(`ab${ELLIPSIS}`);
    expect(truncateText('ab<@U0MICHAEL> hi', 14)).toBe(`ab${ELLIPSIS}`);
    expect(truncateText('👨‍👩‍👧‍👦', 10)).toBe(ELLIPSIS);
    expect(truncateText('Printer &amp; scanner', 10)).toBe(`Printer ${ELLIPSIS}`);
  });

  it("cuts an option to Slack's 75 characters", () => {
    const name = 'Hardware request: replacement laptop for staff working in the London office (urgent)';
    expect(optionText(name)).toHaveLength(75);
    expect(optionText(name).endsWith(ELLIPSIS)).toBe(true);
  });

  it('gives a whole-character start of the text plus the ellipsis, within the limit', () => {
    fc.assert(
      fc.property(parts, fc.integer({ min: 1, max: 200 }), (list, max) => {
        const { text, cleanCut } = assemble(list);
        const cut = truncateText(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(LONE_SURROGATE.test(cut)).toBe(false);
        if (text.length <= max) return expect(cut).toBe(text);
        expect(cut.endsWith(ELLIPSIS)).toBe(true);
        const kept = cut.slice(0, -ELLIPSIS.length);
        expect(text.startsWith(kept)).toBe(true);
        // A prefix by graphemes: its characters are the text's first ones, the last not cut short.
        expect(graphemes(text).slice(0, graphemes(kept).length).join('')).toBe(kept);
        // Outside markup whenever the markup could have fitted.
        if (max >= 80) expect(cleanCut(kept.length)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('optionText and firstCharacter', () => {
  it('cut like truncateText at 75, and give a whole first character', () => {
    fc.assert(
      fc.property(parts, (list) => {
        const { text } = assemble(list);
        expect(optionText(text)).toBe(truncateText(text, 75));
        expect(firstCharacter(text)).toBe(graphemes(text)[0] ?? '');
      }),
      { numRuns: 300 },
    );
  });
});

describe('firstCharacter', () => {
  it('gives a whole emoji, flag or accented letter', () => {
    expect(firstCharacter('👨‍👩‍👧 Family')).toBe('👨‍👩‍👧');
    expect(firstCharacter('🇬🇧 Team')).toBe('🇬🇧');
    expect(firstCharacter('e\u0301mile')).toBe('e\u0301');
    expect(firstCharacter('')).toBe('');
  });
});
