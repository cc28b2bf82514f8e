/**
 * A name a person chose (a file's name) shown inside message text as text no one can format: a
 * code span, in which Slack applies no bold, italic, strike or emoji. A backtick in the
 * name becomes `ˋ` (U+02CB) so it cannot close the span, line breaks become spaces (a span is one
 * line), and every `<` is followed by a word joiner (U+2060, drawn as nothing), so `<@U…>`,
 * `<!channel>` or `<https://…|label>` in a name can never be read back as markup, whatever escaping
 * the text passes through later (`relayText` keeps only well-formed mentions and links live).
 * Pure; the result is never empty of its quotes.
 */
export const inertText = (text: string): string =>
  `\`${text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/`/g, 'ˋ')
    .replace(/</g, '<\u2060')}\``;
