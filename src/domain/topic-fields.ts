import { err, ok, Result } from './result';

/**
 * The questions a help topic asks (osTicket's help-topic forms): each field has a type, and what
 * the requester answers is checked here and kept with the ticket as a {@link FieldAnswer}.
 */
export const TOPIC_FIELD_TYPES = ['text', 'textarea', 'number', 'email', 'url', 'date', 'datetime', 'select', 'multi_select', 'user', 'channel', 'checkbox'] as const;
export type TopicFieldType = (typeof TOPIC_FIELD_TYPES)[number];

/** The most a text answer may hold when the field sets no max_length: Slack's plain-text input holds 3,000 characters. */
export const FIELD_TEXT_MAX = 3000;

/** One question of a help topic, as helpdesk.yml describes it. */
export interface TopicField {
  /** Unique within its topic; lowercase letters, digits and `_` (it names the answer and the modal's input). */
  readonly name: string;
  readonly label: string;
  readonly type: TopicFieldType;
  readonly required: boolean;
  readonly hint: string | null;
  /** For text and textarea: the most characters an answer may hold. */
  readonly maxLength: number | null;
  /** For select and multi_select: the choices, as shown. */
  readonly options: readonly string[];
}

/**
 * What a person entered for a field, as the form reports it: typed text; the chosen option or
 * options; a user or channel id; a date `YYYY-MM-DD`; a date and time in seconds since the epoch
 * (as text); ticked (true) or not; null when left empty.
 */
export type FieldEntry = string | readonly string[] | boolean | null;

export type FieldAnswerValue = string | number | boolean | readonly string[];

/**
 * A field's answer as stored with the ticket: the field's name, label and type when it was
 * answered (so a field later removed from helpdesk.yml still shows), the value, and its words for
 * search (`text`): a date as `YYYY-MM-DD`, a date and time as an ISO instant, options joined by ", ".
 */
export interface FieldAnswer {
  readonly name: string;
  readonly label: string;
  readonly type: TopicFieldType;
  readonly value: FieldAnswerValue;
  readonly text: string;
}

/** By field name, what is wrong with its answer, said to the requester. */
export type FieldErrors = Record<string, string>;

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;
const EMAIL_MAX = 254;
/** The significant digits a number answer may have: as many as a double holds exactly. */
const NUMBER_DIGITS_MAX = 15;
/** Where JavaScript starts writing numbers with an exponent. */
const NUMBER_TOO_LARGE = 1e21;

/** The significant digits of a number as typed (`-0012.3400` has 4: 1234). */
const significantDigits = (text: string): number => text.replace(/^[-+]/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;
const URL_MAX = 3000;

/** What the person typed, cut short enough to quote in an error. */
const echo = (text: string): string => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

const isRealDate = (text: string): boolean => {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

const isWebAddress = (text: string): boolean => {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
};

type Checked = { answer: Omit<FieldAnswer, 'name' | 'label' | 'type'> } | { problem: string } | { empty: true };

const textOf = (entry: FieldEntry): string => (typeof entry === 'string' ? entry.trim() : '');

/** Checks one non-empty entry against its field's type. */
const checkEntry = (field: TopicField, entry: FieldEntry): Checked => {
  const label = field.label;
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const text = textOf(entry);
      if (text === '') return { empty: true };
      const max = field.maxLength ?? FIELD_TEXT_MAX;
      if (text.length > max) return { problem: `${label} is ${text.length.toLocaleString('en-US')} characters; the limit is ${max.toLocaleString('en-US')}.` };
      return { answer: { value: text, text } };
    }
    case 'number': {
      const text = textOf(entry);
      if (text === '') return { empty: true };
      const value = Number(text);
      if (!NUMBER.test(text) || !Number.isFinite(value)) return { problem: `“${echo(text)}” is not a number. Write it in digits, like 1200.` };
      // A double keeps 15 significant digits exactly: more would be stored, and shown, as another number than the one typed.
      if (significantDigits(text) > NUMBER_DIGITS_MAX) return { problem: `“${echo(text)}” has more digits than can be kept exactly (at most ${NUMBER_DIGITS_MAX}). Round it, like 1200000.` };
      // From 10²¹ on, a number's words would be 1e+21, not what was typed.
      if (Math.abs(value) >= NUMBER_TOO_LARGE) return { problem: `“${echo(text)}” is too large a number for ${label}.` };
      return { answer: { value, text: String(value) } };
    }
    case 'email': {
      const text = textOf(entry);
      if (text === '') return { empty: true };
      if (text.length > EMAIL_MAX || !EMAIL.test(text)) return { problem: `“${echo(text)}” is not an email address. Write it like karen@example.com.` };
      return { answer: { value: text, text } };
    }
    case 'url': {
      const text = textOf(entry);
      if (text === '') return { empty: true };
      if (text.length > URL_MAX || !isWebAddress(text)) return { problem: `“${echo(text)}” is not a web address. Write it whole, like https://status.example.com.` };
      return { answer: { value: text, text } };
    }
    case 'date': {
      const text = textOf(entry);
      if (text === '') return { empty: true };
      if (!isRealDate(text)) return { problem: `Pick a date for ${label}.` };
      return { answer: { value: text, text } };
    }
    case 'datetime': {
      const text = textOf(entry);
      if (text === '') return { empty: true };
      const seconds = Number(text);
      if (!/^\d{1,12}$/.test(text) || !Number.isSafeInteger(seconds)) return { problem: `Pick a date and a time for ${label}.` };
      const iso = new Date(seconds * 1000).toISOString();
      return { answer: { value: iso, text: iso } };
    }
    case 'select': {
      const text = textOf(entry);
      if (text === '') return { empty: true };
      if (!field.options.includes(text)) return { problem: `“${echo(text)}” is no longer offered for ${label}. Please choose again.` };
      return { answer: { value: text, text } };
    }
    case 'multi_select': {
      const chosen = Array.isArray(entry) ? [...new Set(entry as readonly string[])] : typeof entry === 'string' && entry !== '' ? [entry] : [];
      if (chosen.length === 0) return { empty: true };
      const gone = chosen.find((option) => !field.options.includes(option));
      if (gone !== undefined) return { problem: `“${echo(gone)}” is no longer offered for ${label}. Please choose again.` };
      const ordered = field.options.filter((option) => chosen.includes(option));
      return { answer: { value: ordered, text: ordered.join(', ') } };
    }
    case 'user': {
      const text = textOf(entry);
      if (text === '') return { empty: true };
      if (!USER_ID.test(text)) return { problem: `Pick a person for ${label}.` };
      return { answer: { value: text, text } };
    }
    case 'channel': {
      const text = textOf(entry);
      if (text === '') return { empty: true };
      if (!CHANNEL_ID.test(text)) return { problem: `Pick a channel for ${label}.` };
      return { answer: { value: text, text } };
    }
    case 'checkbox':
      return entry === true ? { answer: { value: true, text: label } } : { empty: true };
  }
};

const missing = (field: TopicField): string =>
  field.type === 'checkbox'
    ? `Please tick “${field.label}”.`
    : ['select', 'multi_select', 'user', 'channel', 'date', 'datetime'].includes(field.type)
      ? `Please choose ${field.label}.`
      : `Please fill in ${field.label}.`;

/**
 * Checks what the requester entered for each of a topic's fields, all at once: a required field
 * left empty, a number, email, web address, date or choice that is not one; too long a text. An
 * optional field left empty gives no answer. Answers come in the fields' order.
 */
export const validateFieldAnswers = (fields: readonly TopicField[], entries: Readonly<Record<string, FieldEntry | undefined>>): Result<FieldAnswer[], FieldErrors> => {
  const answers: FieldAnswer[] = [];
  const errors: FieldErrors = {};
  for (const field of fields) {
    const checked = checkEntry(field, entries[field.name] ?? null);
    if ('problem' in checked) errors[field.name] = checked.problem;
    else if ('empty' in checked) {
      if (field.required) errors[field.name] = missing(field);
    } else answers.push({ name: field.name, label: field.label, type: field.type, ...checked.answer });
  }
  return Object.keys(errors).length > 0 ? err(errors) : ok(answers);
};
