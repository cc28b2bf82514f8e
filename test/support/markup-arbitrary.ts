import fc from 'fast-check';

/** Text built to break a relay: every piece of Slack markup, nested at random, in any case, with entity fragments. */
const keyword = fc
  .constantFrom('channel', 'here', 'everyone', 'group', 'subteam^S1', 'subteam^S0ONCALL|@oncall', 'date^1392734382^{date}|x')
  .chain((word) => fc.constantFrom(word, word.toUpperCase(), `${word.charAt(0).toUpperCase()}${word.slice(1)}`));
const fragment = fc.oneof(
  keyword,
  fc.constantFrom(
    '<',
    '>',
    '!',
    '|',
    '^',
    '&',
    '&amp;',
    '&lt;',
    '&gt;',
    'amp;',
    'lt;',
    'gt;',
    '&#60;',
    '@',
    '@U0BOSS',
    '@S0OPS',
    '#C0SUPPORT',
    'https://x.example/',
    ' ',
    '\n',
    '*',
    '`',
    '<!',
    '<@',
    '<#',
    '!channel',
    '!here',
  ),
  fc.string({ maxLength: 6 }),
);
export const { markup } = fc.letrec<{ markup: string }>((tie) => ({
  markup: fc.oneof(
    { depthSize: 'small' },
    fragment,
    fc.tuple(tie('markup'), tie('markup')).map(([a, b]) => a + b),
    fc.tuple(fc.constantFrom('<', '<!', '<!subteam^S1|', '<@', '<#', '<https://x.example|', '&lt;!'), tie('markup'), fc.constantFrom('>', '|', '>>', '', '&gt;')).map(([a, b, c]) => a + b + c),
  ),
}));
