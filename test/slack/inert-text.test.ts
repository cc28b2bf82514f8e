import fc from 'fast-check';
import { inertText } from '../../src/domain/inert-text';
import { escapeMrkdwn } from '../../src/slack/views/mrkdwn';
import { relayText } from '../../src/slack/views/relay-text';

/** Markup Slack would act on in message text: a mention, a special mention, a channel or a link. */
const LIVE_MARKUP = /<[@#!]|<https?:|<mailto:/i;

/** Names people give files, with the markup of public bug reports mixed in. */
const fileName = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc
    .array(
      fc.constantFrom(
        '<@U0JOHN>',
        '<!channel>',
        '<!here|here>',
        '<#C0SUPPORT>',
        '<https://evil.example|click>',
        '*bold*',
        '_it_',
        '~s~',
        '`',
        '```',
        ':tada:',
        '&lt;',
        '&',
        '\n',
        '\u2060',
        'report',
        '.png',
        ' ',
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join('')),
);

describe('a file name shown as inert text', () => {
  it('keeps Karen’s plain name as she wrote it, in a code span', () => {
    expect(inertText('error-screenshot.png')).toBe('`error-screenshot.png`');
  });

  it('is one code span whatever the name: no backtick inside, no line break', () => {
    fc.assert(
      fc.property(fileName, (name) => {
        const shown = inertText(name);
        expect(shown.startsWith('`') && shown.endsWith('`')).toBe(true);
        expect(shown.slice(1, -1)).not.toMatch(/[`\r\n]/);
      }),
      { numRuns: 500 },
    );
  });

  it('never becomes a mention or a link, posted as it is (escaped) or relayed', () => {
    fc.assert(
      fc.property(fileName, (name) => {
        expect(escapeMrkdwn(inertText(name))).not.toMatch(LIVE_MARKUP);
        expect(relayText(`:paperclip: attached a file in their DM: ${inertText(name)}`)).not.toMatch(LIVE_MARKUP);
      }),
      { numRuns: 500 },
    );
  });
});
