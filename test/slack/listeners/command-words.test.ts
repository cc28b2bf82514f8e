import fc from 'fast-check';
import { editDistance, findTicketNumber, NEAR_MISS_DISTANCE, otherTicketNumbers, readTicketNumber, RESERVED_WORDS, routeCommandText } from '../../../src/slack/listeners/commands/command-words';

const reserved = fc.constantFrom(...RESERVED_WORDS);

/** The textbook optimal-string-alignment distance, without the early exit. */
const plainDistance = (a: string, b: string): number => {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1)
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
};

describe('how /ticket reads its text', () => {
  it('routes every text to a subcommand, the help or the modal, and never throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'grapheme', maxLength: 60 }),
          fc.tuple(reserved, fc.string()).map(([word, rest]) => `${word}${rest}`),
        ),
        (text) => {
          const route = routeCommandText(text);
          expect(['subcommand', 'help', 'modal']).toContain(route.kind);
          // The modal gets the text whole: nothing typed is lost.
          if (route.kind === 'modal') expect(route.text).toBe(text.trim() === '' ? '' : text);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('runs the subcommand of a reserved first word, in any letter case, with the rest as its arguments', () => {
    fc.assert(
      fc.property(reserved, fc.boolean(), fc.string({ maxLength: 40 }), (word, upper, rest) => {
        const typed = upper ? word.toUpperCase() : word;
        expect(routeCommandText(`  ${typed} ${rest}`)).toEqual({ kind: 'subcommand', word, args: rest.trim() });
      }),
    );
  });

  it.each(['lst', 'hlep', 'helpp', 'qeueu', 'stauts', 'serach', 'lists', 'stauts 1042', 'stat #1042', '--help', '-h', '?', 'h', '/help', '--list now'])('answers the help for %j', (text) => {
    expect(routeCommandText(text)).toEqual({ kind: 'help', typed: text });
  });

  it.each(['Printer on 3rd floor is jammed', 'lost my badge', 'hello, VPN is down', 'VPN', 'printer', 'Mail on my iPhone stopped syncing', 'statue in the lobby fell over', '1042'])(
    'opens the modal for %j',
    (text) => {
      expect(routeCommandText(text)).toEqual({ kind: 'modal', text });
    },
  );

  it('reads `#1042` alone as `status 1042`', () => {
    expect(routeCommandText('#1042')).toEqual({ kind: 'subcommand', word: 'status', args: '#1042' });
  });

  it('measures edit distance as the textbook does, up to its limit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 9 }), fc.string({ maxLength: 9 }), (a, b) => {
        expect(editDistance(a, b, NEAR_MISS_DISTANCE)).toBe(Math.min(plainDistance(a, b), NEAR_MISS_DISTANCE + 1));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a ticket number, or says why it is none', () => {
    expect(readTicketNumber('1042', 2_147_483_647)).toEqual({ kind: 'number', number: 1042 });
    expect(readTicketNumber(' #0042 ', 2_147_483_647)).toEqual({ kind: 'number', number: 42 });
    expect(readTicketNumber('', 2_147_483_647)).toEqual({ kind: 'missing' });
    expect(readTicketNumber('abc', 2_147_483_647)).toEqual({ kind: 'not_a_number', typed: 'abc' });
    expect(readTicketNumber('#0', 2_147_483_647)).toEqual({ kind: 'not_a_number', typed: '#0' });
    expect(readTicketNumber('12 13', 2_147_483_647)).toEqual({ kind: 'not_a_number', typed: '12 13' });
    expect(readTicketNumber('99999999999999999999', 2_147_483_647)).toEqual({ kind: 'too_large', typed: '99999999999999999999' });
    expect(readTicketNumber('2147483648', 2_147_483_647)).toEqual({ kind: 'too_large', typed: '2147483648' });
    expect(readTicketNumber('2147483647', 2_147_483_647)).toEqual({ kind: 'number', number: 2_147_483_647 });
  });

  it('finds the ticket number among other words, and keeps what else was typed', () => {
    const max = 2_147_483_647;
    expect(findTicketNumber('1001 extra', max)).toEqual({ argument: { kind: 'number', number: 1001 }, unused: 'extra' });
    expect(findTicketNumber('of #1001, please', max)).toEqual({ argument: { kind: 'number', number: 1001 }, unused: 'of please' });
    expect(findTicketNumber('(#1001)?', max)).toEqual({ argument: { kind: 'number', number: 1001 }, unused: '' });
    expect(findTicketNumber('1001 1002', max)).toEqual({ argument: { kind: 'number', number: 1001 }, unused: '1002' });
    expect(findTicketNumber('99999999999999999999 now', max)).toEqual({ argument: { kind: 'too_large', typed: '99999999999999999999' }, unused: 'now' });
    expect(findTicketNumber('my printer', max)).toEqual({ argument: { kind: 'not_a_number', typed: 'my printer' }, unused: '' });
    expect(findTicketNumber('  ', max)).toEqual({ argument: { kind: 'missing' }, unused: '' });
    expect(findTicketNumber('0:', max)).toEqual({ argument: { kind: 'not_a_number', typed: '0:' }, unused: '' });
    expect(otherTicketNumbers('and #1002, 1003 too')).toEqual(['#1002', '1003']);
  });

  it('never loses a word: the number and the unused words are together every word typed, in order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ minLength: 1, maxLength: 8 }),
            fc.integer({ min: 0, max: 5000 }).map((n) => `#${n}`),
          ),
          { maxLength: 6 },
        ),
        (parts) => {
          const typed = parts.join(' ');
          const { argument, unused } = findTicketNumber(typed, 2_147_483_647);
          const words = typed.trim().split(/\s+/u).filter(Boolean);
          if (argument.kind === 'missing') expect(words).toEqual([]);
          else if (argument.kind === 'not_a_number' && unused === '') expect(argument.typed).toBe(typed.trim());
          else {
            const unusedWords = unused === '' ? [] : unused.split(' ');
            expect(unusedWords.length).toBe(words.length - 1);
            expect(unusedWords.every((word) => words.includes(word))).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
