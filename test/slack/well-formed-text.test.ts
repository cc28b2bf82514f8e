import fc from 'fast-check';
import { REPLACEMENT, wellFormed } from '../../src/slack/receiver/well-formed-text';

const isWellFormed = (text: string): boolean => !text.includes('\u0000') && Buffer.from(text, 'utf8').toString('utf8') === text;

describe('wellFormed', () => {
  it('leaves no NUL and no lone surrogate in any string of a payload, and changes nothing else', () => {
    const anyText = fc.string({
      unit: fc.oneof(
        fc.constantFrom('\u0000', '\ud800', '\udfff', '\u{1F3E6}', 'a', '?', '$1'),
        fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
      ),
    });
    fc.assert(
      fc.property(anyText, (text) => {
        const payload = { view: { state: { values: { summary: { value: { value: text } } } } }, list: [text, 3, null] };
        const result = wellFormed(payload);
        expect(isWellFormed(result.view.state.values.summary.value.value)).toBe(true);
        expect(result.list[0]).toBe(result.view.state.values.summary.value.value);
        expect(result.list.slice(1)).toEqual([3, null]);
        if (isWellFormed(text)) expect(result.list[0]).toBe(text);
        else expect(result.list[0]).toContain(REPLACEMENT);
      }),
    );
  });

  it('replaces each NUL and each lone half of a pair with one U+FFFD and keeps whole pairs', () => {
    expect(wellFormed('a\u0000b\ud800c\udfffd\u{1F3E6}\ud800\ud800')).toBe('a\uFFFDb\uFFFDc\uFFFDd\u{1F3E6}\uFFFD\uFFFD');
  });
});
