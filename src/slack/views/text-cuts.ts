/**
 * Shortening and splitting text for Slack without breaking what people read.
 *
 * Every cut falls between whole user-perceived characters (grapheme clusters, as
 * `Intl.Segmenter` with granularity 'grapheme' finds them: an emoji with its skin tone, a ZWJ
 * family, a flag, a letter with its combining marks) and outside Slack markup tokens: the
 * entities `&amp;`, `&lt;` and `&gt;`, and the `<…>` forms Slack gives meaning to (user mentions
 * `<@U…>`, channel links `<#C…|name>`, specials `<!here>`, `<!subteam^S…|@team>`,
 * `<!date^…|fallback>`, and links `<https://…|label>`, `<mailto:…>`). Source of the forms:
 * Slack's "Formatting text for app surfaces" (api.slack.com/reference/surfaces/formatting).
 *
 * Lengths are UTF-16 code units (`string.length`). Slack documents its limits in "characters"
 * without saying which; a code unit is never more than a code point or a grapheme, so a text
 * within a limit by this measure is within it by any of them, and Slack's limit can never be
 * exceeded.
 *
 * A markup token longer than the room it must fit in (a piece, or what is left before a
 * truncation's ellipsis) can never be kept whole; it alone is then cut as plain text, still
 * between whole characters. A single character longer than a piece (a letter under hundreds of
 * combining marks) is split between code points, so no piece ever holds half a surrogate pair;
 * a truncation leaves such a character out whole, and ends before it.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Slack markup a cut must not fall inside. */
const MARKUP_TOKEN = /&(?:amp|lt|gt);|<(?:[@#!]|[A-Za-z][A-Za-z0-9+.-]*:)[^<>]*>/g;

/** What marks a shortened text: one code unit. */
export const ELLIPSIS = '…';

/** Slack's limit for an option's text (static select, checkboxes, overflow): 75 characters. */
export const OPTION_TEXT_MAX = 75;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** How much text is given to the segmenter at once. */
const WINDOW = 256;

/**
 * The offsets between grapheme clusters, ascending, from 0 through the first at or past `upTo`
 * (`text.length` when the text ends before). Iterating `Intl.Segmenter` over one long string
 * takes time growing with the square of its length in V8 (40,000 characters take seconds), so
 * the text is segmented a window at a time, each window starting at the last boundary of the one
 * before (whose cluster may go on past the window) and ending between code points. Grapheme rules
 * look left only within a cluster (and across a run of flags, whose pairs a boundary never splits)
 * and right only at the next code point, so the boundaries are those of the whole text.
 */
const graphemeBoundaries = (text: string, upTo = text.length): number[] => {
  const boundaries: number[] = [];
  let start = 0;
  let size = WINDOW;
  while (start < text.length && start < upTo) {
    let end = Math.min(text.length, start + size);
    // Never between the halves of a surrogate pair: the segmenter would take the lone half for a
    // character of its own and break before it, inside an emoji sequence (👨‍👩‍👧‍ | 👦).
    if (end < text.length && isLowSurrogate(text.charCodeAt(end)) && isHighSurrogate(text.charCodeAt(end - 1))) end += 1;
    const offsets: number[] = [];
    for (const { index } of segmenter.segment(text.slice(start, end))) offsets.push(start + index);
    if (end === text.length) {
      boundaries.push(...offsets);
      start = text.length;
      break;
    }
    if (offsets.length < 2) {
      // One cluster fills the window (a letter under hundreds of combining marks): widen it.
      size *= 2;
      continue;
    }
    start = offsets.pop() as number;
    boundaries.push(...offsets);
    size = WINDOW;
  }
  boundaries.push(start);
  return boundaries;
};

const ENTITY = /&(?:amp|lt|gt);/g;

/** [start, end) of each markup token of at most `room` code units; a longer one is plain text, except for its entities. */
const tokenSpans = (text: string, room: number): [number, number][] =>
  [...text.matchAll(MARKUP_TOKEN)].flatMap(({ 0: token, index }): [number, number][] =>
    token.length <= room ? [[index, index + token.length]] : [...token.matchAll(ENTITY)].map((inner) => [index + inner.index, index + inner.index + inner[0].length]),
  );

/** Offsets where the text may be cut: grapheme boundaries not inside a markup token, ascending. */
const cutPoints = (text: string, graphemes: readonly number[], room: number): number[] => {
  const spans = tokenSpans(text, room);
  let span = 0;
  return graphemes.filter((offset) => {
    while (span < spans.length && (spans[span] as [number, number])[1] <= offset) span += 1;
    const current = spans[span];
    return !current || offset <= current[0];
  });
};

/** The greatest value in ascending `values` that is at most `limit`, or -1. */
const lastAtMost = (values: readonly number[], limit: number): number => {
  let low = 0;
  let high = values.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((values[middle] as number) <= limit) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
};

/** Where to end a piece starting at `start` that may reach `limit`: past `start`, at most `limit`. */
const pieceEnd = (text: string, start: number, limit: number, points: readonly number[], graphemes: readonly number[]): number => {
  const at = lastAtMost(points, limit);
  const best = points[at] ?? -1;
  if (best > start) {
    // A piece that ends at a line end reads better, if that keeps at least half the room.
    const half = start + (limit - start) / 2;
    for (let index = at; index >= 0 && (points[index] as number) > half; index -= 1) {
      const point = points[index] as number;
      if (text[point - 1] === '\n') return point;
    }
    return best;
  }
  // The next character with its markup is longer than a piece: whole characters, then code points.
  const grapheme = graphemes[lastAtMost(graphemes, limit)] ?? -1;
  if (grapheme > start) return grapheme;
  const splitsPair = isLowSurrogate(text.charCodeAt(limit)) && isHighSurrogate(text.charCodeAt(limit - 1));
  return splitsPair ? limit - 1 : limit;
};

/**
 * Splits `text` into pieces of at most `size` UTF-16 code units that, joined, give `text` back
 * exactly. Pieces end between whole characters and outside markup (see the module's note),
 * preferably after a line break when one falls in the second half of the piece. Empty text gives
 * no pieces. Throws a RangeError when `size` is below 2 (an emoji needs two code units).
 */
export const splitText = (text: string, size: number): string[] => {
  if (!Number.isInteger(size) || size < 2) throw new RangeError(`a piece must hold at least 2 code units, not ${size}`);
  if (text.length <= size) return text.length > 0 ? [text] : [];
  const graphemes = graphemeBoundaries(text);
  const points = cutPoints(text, graphemes, size);
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > size) {
    const end = pieceEnd(text, start, start + size, points, graphemes);
    pieces.push(text.slice(start, end));
    start = end;
  }
  pieces.push(text.slice(start));
  return pieces;
};

/**
 * `text` itself when it has at most `max` UTF-16 code units; otherwise its longest start that
 * ends between whole characters and outside markup, followed by an ellipsis, together at most
 * `max` code units. Throws a RangeError when `max` is below 1.
 */
export const truncateText = (text: string, max: number): string => {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`a truncated text must hold at least the ellipsis, not ${max} code units`);
  if (text.length <= max) return text;
  const room = max - ELLIPSIS.length;
  // A first character (with its markup) longer than the room leaves nothing but the ellipsis.
  const points = cutPoints(text, graphemeBoundaries(text, room), room);
  return `${text.slice(0, points[lastAtMost(points, room)] ?? 0)}${ELLIPSIS}`;
};

/** The text a select option shows for a name: cut to Slack's 75 characters as every option list of the app does. */
export const optionText = (name: string): string => truncateText(name, OPTION_TEXT_MAX);

/** The first user-perceived character of `text` (for an avatar's initial), or '' for empty text. */
export const firstCharacter = (text: string): string => {
  const boundaries = graphemeBoundaries(text, 1);
  return text.slice(0, boundaries[1] ?? 0);
};

/** A line break as people's keyboards send it: CRLF (Windows), a lone LF, or a lone CR; CRLF is one break. */
export const LINE_BREAK = /\r\n|\r|\n/;

/**
 * The text up to its first line break (LF, CRLF or a lone CR, see LINE_BREAK) outside markup (a
 * link's label may hold a line break), for a one-line summary of a longer text; the whole text
 * when it has none.
 */
export const firstLine = (text: string): string => {
  const spans = tokenSpans(text, text.length);
  const breaks = /[\r\n]/g;
  for (let found = breaks.exec(text); found; found = breaks.exec(text)) {
    const at = found.index;
    if (!spans.some(([start, end]) => at > start && at < end)) return text.slice(0, at);
  }
  return text;
};

/** The text up to its first line break (LINE_BREAK), for plain text with no markup to respect. */
export const firstPlainLine = (text: string): string => text.split(LINE_BREAK, 1)[0] ?? '';
