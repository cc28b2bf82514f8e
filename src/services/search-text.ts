/** The most words a search uses: more only slow it down without narrowing it much. */
export const MAX_SEARCH_WORDS = 12;
/** A longer "word" is cut: no ticket text is searched by 200-letter tokens. */
const MAX_WORD_LENGTH = 64;

/** What a person's search text asks for. */
export interface SearchTerms {
  /** Lowercased runs of letters, marks and digits, at most MAX_SEARCH_WORDS, no repeats. */
  readonly words: readonly string[];
  /** The ticket number when the whole text is one (`1042`, `#1042`). */
  readonly number: number | null;
  /** The requester named by a mention (`<@U…>`, `<@U…|name>`) or a bare Slack user id (`U0KAREN`). */
  readonly requesterId: string | null;
}

const MENTION = /<@([UW][A-Z0-9]{2,})(?:\|[^<>]*)?>/;
/** A Slack user id typed bare: U or W, then capitals and digits, with a digit among them (so `UI` or `WHO` stay words). */
const BARE_USER_ID = /(?<![\p{L}\p{N}])([UW](?=[A-Z0-9]*\d)[A-Z0-9]{4,})(?![\p{L}\p{N}])/u;
const NUMBER = /^\s*#?\s*(\d{1,9})\s*$/;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * Reads the words a person typed into a search: any text at all (quotes, operators of a search
 * syntax such as `AND`, `NEAR(`, `*`, `-`, `:`, parentheses, emoji) gives words made only of
 * letters, marks and digits, never syntax. `text` is as the person typed it, Slack's escaping
 * (`&lt;`, `&gt;`, `&amp;`) already undone.
 */
export const readSearchText = (text: string): SearchTerms => {
  let rest = text;
  let requesterId: string | null = null;
  const mention = MENTION.exec(rest) ?? BARE_USER_ID.exec(rest);
  if (mention) {
    requesterId = mention[1] ?? null;
    rest = rest.slice(0, mention.index) + ' ' + rest.slice(mention.index + mention[0].length);
  }
  const numbered = NUMBER.exec(rest);
  const words: string[] = [];
  for (const [found] of rest.normalize('NFC').toLowerCase().matchAll(WORD)) {
    const word = cutWord(found);
    if (!words.includes(word)) words.push(word);
    if (words.length === MAX_SEARCH_WORDS) break;
  }
  return { words, number: numbered ? Number(numbered[1]) : null, requesterId };
};

/** A word cut to MAX_WORD_LENGTH code units, never inside a surrogate pair. */
const cutWord = (word: string): string => {
  if (word.length <= MAX_WORD_LENGTH) return word;
  const code = word.charCodeAt(MAX_WORD_LENGTH - 1);
  return word.slice(0, code >= 0xd800 && code <= 0xdbff ? MAX_WORD_LENGTH - 1 : MAX_WORD_LENGTH);
};
