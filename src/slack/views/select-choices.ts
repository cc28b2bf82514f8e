import type { KnownBlock, PlainTextElement, PlainTextOption } from '@slack/types';
import { context, plain } from './blocks';
import { optionText, truncateText } from './text-cuts';

/**
 * Slack's limits for a static select (https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element,
 * https://docs.slack.dev/reference/block-kit/composition-objects/option-group-object): at most 100
 * `options`, or at most 100 `option_groups` of at most 100 options each, the group's label at
 * most 75 characters.
 */
export const SELECT_OPTIONS_MAX = 100;
export const OPTION_GROUPS_MAX = 100;
export const GROUP_OPTIONS_MAX = 100;
export const GROUP_LABEL_MAX = 75;
/** The most choices one static select can offer: 100 groups of 100. */
export const SELECT_CHOICES_MAX = OPTION_GROUPS_MAX * GROUP_OPTIONS_MAX;
/**
 * The most bytes (UTF-8, as JSON) a select's options may take: Slack refuses a view over 250 kB
 * (`view_too_large`), and the rest of a modal or Home needs room too. With long names this, not
 * 10,000, is what bounds a select.
 */
export const SELECT_BYTES_MAX = 150_000;

/** One thing a select offers: its name as people read it, and the value read back on Submit. */
export interface SelectChoice {
  readonly name: string;
  readonly value: string;
}

/** A group of a static select's options, as Slack's StaticSelect takes it (plain-text options only). */
export interface PlainTextOptionGroup {
  label: PlainTextElement;
  options: PlainTextOption[];
}

/** What a static select lists: plain `options` when they fit in one list, else `option_groups`. */
export type SelectChoices = { readonly options: PlainTextOption[] } | { readonly option_groups: PlainTextOptionGroup[] };

/** How a select offers a list of choices: what it lists, and how many did not fit (0 unless past SELECT_CHOICES_MAX or SELECT_BYTES_MAX). */
export interface OfferedChoices {
  readonly choices: SelectChoices;
  /** Every option listed, for picking the initial one. */
  readonly listed: readonly PlainTextOption[];
  /** How many choices could not be listed at all (only beyond SELECT_CHOICES_MAX). */
  readonly left: number;
}

const utf8 = new TextEncoder();
/** The most a group's label object takes as JSON: 75 characters of up to 3 bytes, and its keys. */
const GROUP_LABEL_BYTES = GROUP_LABEL_MAX * 3 + 80;

const optionOf = (choice: SelectChoice): PlainTextOption => ({ text: plain(optionText(choice.name)), value: choice.value });

/**
 * A group's label: its first and last names ("Adams – Baker"). When names that long share their
 * beginning, both cut halves read the same ("Regional Office North… – Regional Office North…"),
 * so the label says the group's place in the list instead ("101–200: Regional Office North…").
 */
const groupLabel = (group: readonly PlainTextOption[], start: number): string => {
  const first = group[0]?.text.text ?? '';
  const last = group[group.length - 1]?.text.text ?? '';
  const half = Math.floor((GROUP_LABEL_MAX - 3) / 2);
  if (first === last) return truncateText(first, GROUP_LABEL_MAX);
  const [from, to] = [truncateText(first, half), truncateText(last, half)];
  if (from !== to) return `${from} – ${to}`;
  const place = `${start + 1}–${start + group.length}: `;
  return place + truncateText(first, GROUP_LABEL_MAX - place.length);
};

/**
 * Every choice a static select can show, in the order given: up to 100 as plain options, more in
 * option groups of 100 labelled by their first and last names ("Adams – Baker"), so a long list
 * is still complete. Only past 10,000 (Slack's 100 groups of 100) or SELECT_BYTES_MAX is anything
 * left out, and `left` says how many, for the caller to tell the person.
 */
export const offerChoices = (choices: readonly SelectChoice[]): OfferedChoices => {
  const listed: PlainTextOption[] = [];
  let bytes = 0;
  for (const choice of choices.slice(0, SELECT_CHOICES_MAX)) {
    const option = optionOf(choice);
    // Each group adds its label: at most 75 characters, counted with its option's share.
    bytes += utf8.encode(JSON.stringify(option)).length + (listed.length % GROUP_OPTIONS_MAX === 0 ? GROUP_LABEL_BYTES : 0);
    if (bytes > SELECT_BYTES_MAX) break;
    listed.push(option);
  }
  const left = choices.length - listed.length;
  if (listed.length <= SELECT_OPTIONS_MAX) return { choices: { options: listed }, listed, left };
  const groups: PlainTextOptionGroup[] = [];
  for (let start = 0; start < listed.length; start += GROUP_OPTIONS_MAX) {
    const group = listed.slice(start, start + GROUP_OPTIONS_MAX);
    groups.push({ label: plain(groupLabel(group, start)), options: group });
  }
  return { choices: { option_groups: groups }, listed, left };
};

/** Choices sorted by name as people read them (letter case and accents aside), for a list long enough to need groups. */
export const byName = <C extends SelectChoice>(choices: readonly C[]): C[] =>
  [...choices].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.value.localeCompare(b.value));

/** The line under a select that could not list everything: how many of `what` are missing; nothing when none. */
export const choicesLeftOut = (left: number, what: string): KnownBlock[] =>
  left > 0 ? [context(`${left.toLocaleString('en-US')} more ${what} do not fit in one Slack menu and are not listed; please tell your help desk admin.`)] : [];
