/**
 * How `/ticket <text>` is read: a subcommand, a request for help, or the summary of a new ticket.
 * Pure; the rules, in order (README "The /ticket command" and docs/using.md describe them):
 *
 * 1. Empty text opens the New ticket modal.
 * 2. A first word that is a reserved word (RESERVED_WORDS, any letter case) runs that subcommand
 *    with the rest of the text as its arguments; a reserved word with no subcommand on this build
 *    answers the help. `#1042` alone is `status 1042`.
 * 3. A first word that asks for help as command-line tools do (`?`, `h`, or anything starting with
 *    `-` or `/`, such as `-h`, `--help`, `/help`) answers the help.
 * 4. A near miss answers the help: the text is one word within edit distance 2 of a reserved word
 *    (`lst`, `hlep`, `qeueu`, `stauts`), or such a word followed only by a ticket number
 *    (`stauts 1042`, `stat #1042`). Edit distance counts an insertion, a deletion, a change or a
 *    swap of two neighbouring letters as one.
 * 5. Anything else is the summary of a new ticket: the modal opens pre-filled, as before.
 *
 * So a summary starting with a reserved word ("help with printer", "list of broken laptops")
 * cannot be typed after `/ticket`; it is typed in the modal's Summary, which `/ticket` alone opens.
 * A longer text whose first word merely resembles one ("lost my badge", "hello, VPN is down")
 * still files a ticket: only rule 4's two shapes count as near misses.
 */

/** The first words `/ticket` keeps for its subcommands. */
export const RESERVED_WORDS = ['help', 'list', 'status', 'search', 'queue', 'report'] as const;
export type ReservedWord = (typeof RESERVED_WORDS)[number];

/** How far a word may be from a reserved word to count as a mistyped command (rule 4). */
export const NEAR_MISS_DISTANCE = 2;

export type CommandRoute =
  /** Run a subcommand; `args` is the rest of the text, trimmed. */
  | { readonly kind: 'subcommand'; readonly word: ReservedWord; readonly args: string }
  /** Answer the help; `typed` is what the person typed when it was not a plain `help`, to echo back. */
  | { readonly kind: 'help'; readonly typed: string | null }
  /** Open the New ticket modal pre-filled with `text`. */
  | { readonly kind: 'modal'; readonly text: string };

const TICKET_NUMBER = /^#?\d+$/;

/** Reads the (decoded) text after `/ticket`. Never throws. */
export const routeCommandText = (text: string): CommandRoute => {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'modal', text: '' };
  const words = trimmed.split(/\s+/u);
  const first = (words[0] ?? '').toLowerCase();
  const args = trimmed.slice((words[0] ?? '').length).trim();
  const reserved = RESERVED_WORDS.find((word) => word === first);
  if (reserved) return { kind: 'subcommand', word: reserved, args };
  if (words.length === 1 && /^#\d+$/.test(first)) return { kind: 'subcommand', word: 'status', args: first };
  if (first === '?' || first === 'h' || first.startsWith('-') || first.startsWith('/')) return { kind: 'help', typed: trimmed };
  const nearMiss = RESERVED_WORDS.some((word) => editDistance(first, word, NEAR_MISS_DISTANCE) <= NEAR_MISS_DISTANCE);
  if (nearMiss && (words.length === 1 || (words.length === 2 && TICKET_NUMBER.test(words[1] ?? '')))) return { kind: 'help', typed: trimmed };
  return { kind: 'modal', text };
};

/**
 * The optimal-string-alignment distance between `a` and `b` (insertions, deletions, changes and
 * swaps of neighbours each count one), by UTF-16 code unit; answers `limit + 1` as soon as it must
 * exceed `limit`, so a long word costs no more than a short one.
 */
export const editDistance = (a: string, b: string, limit: number): number => {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (before[j - 2] ?? 0) + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length] ?? 0, limit + 1);
};

/** What a ticket number argument is: a number to look up, or why it is not one. */
export type NumberArgument =
  | { readonly kind: 'number'; readonly number: number }
  | { readonly kind: 'missing' }
  | { readonly kind: 'not_a_number'; readonly typed: string }
  | { readonly kind: 'too_large'; readonly typed: string };

/** Reads `1042` or `#1042` (one token); `max` is the largest number a ticket can have. */
export const readTicketNumber = (args: string, max: number): NumberArgument => {
  const typed = args.trim();
  if (typed === '') return { kind: 'missing' };
  if (!TICKET_NUMBER.test(typed)) return { kind: 'not_a_number', typed };
  const digits = typed.replace(/^#/, '').replace(/^0+(?=\d)/, '');
  // Compared as digits: a 25-digit number is not a safe JavaScript number.
  if (digits.length > String(max).length || Number(digits) > max) return { kind: 'too_large', typed };
  const number = Number(digits);
  return number === 0 ? { kind: 'not_a_number', typed } : { kind: 'number', number };
};

/** Punctuation people put around a number in a sentence (`(1042)`, `#1042,`, `“1042”?`), not part of it. */
const AROUND_A_NUMBER = /^[^\p{L}\p{N}#]+|[^\p{L}\p{N}]+$/gu;

/** The ticket number a subcommand was given, and what else was typed after the word, unused. */
export interface TicketNumberArguments {
  readonly argument: NumberArgument;
  /** Everything typed other than the number (trimmed, as typed); empty when the number was all. */
  readonly unused: string;
}

/**
 * Reads the ticket number from a subcommand's arguments as a person would: the first word that is
 * a number (`1042`, `#1042`, also inside punctuation: `(#1042),`), wherever it stands
 * (`status of 1042`, `status 1042 please`); the rest is `unused`, for the answer to say it was not
 * used rather than drop it silently. With no such word, the whole text is what is not a number.
 */
export const findTicketNumber = (args: string, max: number): TicketNumberArguments => {
  const typed = args.trim();
  if (typed === '') return { argument: { kind: 'missing' }, unused: '' };
  const words = typed.split(/\s+/u);
  const index = words.findIndex((word) => TICKET_NUMBER.test(word.replace(AROUND_A_NUMBER, '')));
  if (index < 0) return { argument: { kind: 'not_a_number', typed }, unused: '' };
  const word = words[index] ?? '';
  const argument = readTicketNumber(word.replace(AROUND_A_NUMBER, ''), max);
  // A word that is no usable number (`0:`) is quoted back whole, as it was typed.
  return {
    argument: argument.kind === 'number' || argument.kind === 'missing' ? argument : { kind: argument.kind, typed: word },
    unused: words.filter((_, at) => at !== index).join(' '),
  };
};

/** The other ticket numbers among `unused` words (`1043` in `status 1042 1043`), each as typed without its punctuation. */
export const otherTicketNumbers = (unused: string): string[] =>
  unused
    .split(/\s+/u)
    .map((word) => word.replace(AROUND_A_NUMBER, ''))
    .filter((word) => TICKET_NUMBER.test(word));
