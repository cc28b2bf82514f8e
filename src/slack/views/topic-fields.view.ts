import type { InputBlock, KnownBlock, PlainTextOption } from '@slack/types';
import { FieldAnswer, FieldEntry, FIELD_TEXT_MAX, TopicField } from '../../domain/topic-fields';
import { ids } from '../ids';
import { fields as fieldsSection, plain } from './blocks';
import { escapeMrkdwn, mentionChannel, mentionUser, slackDate, utcMinute } from './mrkdwn';
import { relayText } from './relay-text';
import { MarkupNames, NO_NAMES, readableSlackText } from './slack-markup';
import { truncateText } from './text-cuts';

/** The block id of a field's input in the New ticket modal: `field:<name>`. */
export const fieldBlockId = (name: string): string => `${ids.modal.fieldBlockPrefix}${name}`;

/** The field name of a modal block id, or null for the modal's own blocks. */
export const fieldNameOf = (blockId: string): string | null => (blockId.startsWith(ids.modal.fieldBlockPrefix) ? blockId.slice(ids.modal.fieldBlockPrefix.length) : null);

const option = (text: string): PlainTextOption => ({ text: plain(text), value: text });

const CHECKED = 'yes';

const textEntry = (entry: FieldEntry | undefined): string | undefined => (typeof entry === 'string' && entry !== '' ? entry : undefined);

/** The input element of a field, holding `entry` (what the person entered before) when there is one. */
const fieldElement = (field: TopicField, entry: FieldEntry | undefined): InputBlock['element'] => {
  const action_id = ids.modal.input;
  const text = textEntry(entry);
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const max = field.maxLength ?? FIELD_TEXT_MAX;
      const initial = text !== undefined && text.length <= max ? { initial_value: text } : {};
      return { type: 'plain_text_input', action_id, max_length: max, ...(field.type === 'textarea' ? { multiline: true } : {}), ...initial };
    }
    case 'number':
      return { type: 'number_input', action_id, is_decimal_allowed: true, ...(text !== undefined ? { initial_value: text } : {}) };
    case 'email':
      return { type: 'email_text_input', action_id, ...(text !== undefined ? { initial_value: text } : {}) };
    case 'url':
      return { type: 'url_text_input', action_id, ...(text !== undefined ? { initial_value: text } : {}) };
    case 'date':
      return { type: 'datepicker', action_id, ...(text !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(text) ? { initial_date: text } : {}) };
    case 'datetime':
      return { type: 'datetimepicker', action_id, ...(text !== undefined && /^\d{1,12}$/.test(text) ? { initial_date_time: Number(text) } : {}) };
    case 'select':
      return { type: 'static_select', action_id, options: field.options.map(option), ...(text !== undefined && field.options.includes(text) ? { initial_option: option(text) } : {}) };
    case 'multi_select': {
      const chosen = Array.isArray(entry) ? field.options.filter((candidate) => (entry as readonly string[]).includes(candidate)) : [];
      return { type: 'multi_static_select', action_id, options: field.options.map(option), ...(chosen.length > 0 ? { initial_options: chosen.map(option) } : {}) };
    }
    case 'user':
      return { type: 'users_select', action_id, ...(text !== undefined ? { initial_user: text } : {}) };
    case 'channel':
      return { type: 'channels_select', action_id, ...(text !== undefined ? { initial_channel: text } : {}) };
    case 'checkbox': {
      const box = { text: plain(truncateText(field.label, 75)), value: CHECKED };
      return { type: 'checkboxes', action_id, options: [box], ...(entry === true ? { initial_options: [box] } : {}) };
    }
  }
};

/**
 * A help topic's fields as inputs of the New ticket modal, in order, each holding what the
 * person entered before (`entries`, by field name), so a modal rebuilt around them loses nothing.
 */
export const topicFieldInputs = (fields: readonly TopicField[], entries: Readonly<Record<string, FieldEntry>>): KnownBlock[] =>
  fields.map((field): InputBlock => ({
    type: 'input',
    block_id: fieldBlockId(field.name),
    label: plain(field.label),
    optional: !field.required,
    ...(field.hint ? { hint: plain(field.hint) } : {}),
    element: fieldElement(field, entries[field.name]),
  }));

/** Slack shows at most 2,000 characters of a section's field. */
const SHOWN_ANSWER_MAX = 1900;

/** An answer as mrkdwn: people and channels as mentions, a date and time in each reader's zone, typed text relayed safely. */
export const answerText = (answer: FieldAnswer): string => {
  const value = answer.value;
  switch (answer.type) {
    case 'number':
      return typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 20 }) : escapeMrkdwn(String(value));
    case 'datetime': {
      const at = new Date(String(value));
      return Number.isNaN(at.getTime()) ? escapeMrkdwn(String(value)) : slackDate(at);
    }
    case 'user':
      return mentionUser(String(value));
    case 'channel':
      return mentionChannel(String(value));
    case 'checkbox':
      return value === true ? 'Yes' : 'No';
    case 'multi_select':
      return (Array.isArray(value) ? value : [String(value)]).map((item) => escapeMrkdwn(String(item))).join(', ');
    case 'select':
    case 'date':
      return escapeMrkdwn(String(value));
    default:
      return relayText(truncateText(String(value), SHOWN_ANSWER_MAX));
  }
};

/**
 * An answer as a person reads it in plain text (a canned response's `{field.<name>}` in the
 * message box, a plain_text input that shows markup as typed): a date and time as the card's
 * fallback shows it, in UTC and saying so (`2026-11-30 09:05 UTC`: the box has no reader's time
 * zone, and the message goes to someone else's); a person as `@Name` and a channel as `#name`
 * (`names` from users.info / conversations.info; the id when unknown); a checkbox as Yes/No; a
 * number as the card shows it; a multi-select as a comma list; other answers as written.
 */
export const answerPlainText = (answer: FieldAnswer, names: MarkupNames = NO_NAMES): string => {
  const value = answer.value;
  switch (answer.type) {
    case 'number':
      return typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 20 }) : String(value);
    case 'datetime': {
      const at = new Date(String(value));
      return Number.isNaN(at.getTime()) ? String(value) : utcMinute(at);
    }
    case 'user':
      return readableSlackText(mentionUser(String(value)), names);
    case 'channel':
      return readableSlackText(mentionChannel(String(value)), names);
    case 'checkbox':
      return value === true ? 'Yes' : 'No';
    case 'multi_select':
      return (Array.isArray(value) ? value : [String(value)]).map(String).join(', ');
    default:
      return String(value);
  }
};

/** Slack refuses a section field of more than 2,000 characters (the whole message then, card included). */
const SECTION_FIELD_MAX = 2000;

/**
 * The choices of a multi-select answer that fit in `room` characters, then how many more were
 * ticked: "A, B and 12 more" (all the choices stay stored, and in /ticket status's history).
 */
const choicesWithin = (answer: FieldAnswer, room: number): string => {
  const items = (Array.isArray(answer.value) ? answer.value : [String(answer.value)]).map((item) => escapeMrkdwn(String(item)));
  for (let shown = items.length - 1; shown >= 1; shown -= 1) {
    const text = `${items.slice(0, shown).join(', ')} and ${(items.length - shown).toLocaleString('en-US')} more`;
    if (text.length <= room) return text;
  }
  return truncateText(`${items[0] ?? ''} and more`, room);
};

/** `*Label*` over the answer, as a section field: cut to what Slack shows of a field, however many choices or characters the answer has. */
export const answerField = (answer: FieldAnswer): string => {
  const head = `*${escapeMrkdwn(answer.label)}*\n`;
  const room = SECTION_FIELD_MAX - head.length;
  const text = answerText(answer);
  if (text.length <= room) return `${head}${text}`;
  return `${head}${answer.type === 'multi_select' ? choicesWithin(answer, room) : truncateText(text, room)}`;
};

/** Slack's section holds at most 10 fields. */
const FIELDS_PER_SECTION = 10;

/** A ticket's field answers as sections of fields, ten to a section; none when it has no answers. */
export const answerSections = (answers: readonly FieldAnswer[]): KnownBlock[] => {
  const sections: KnownBlock[] = [];
  for (let at = 0; at < answers.length; at += FIELDS_PER_SECTION) sections.push(fieldsSection(answers.slice(at, at + FIELDS_PER_SECTION).map(answerField)));
  return sections;
};

/** The answers as lines `*Label*: answer`, for a history entry; '' when there are none. */
export const answerLines = (answers: readonly FieldAnswer[]): string => answers.map((answer) => `*${escapeMrkdwn(answer.label)}*: ${answerText(answer)}`).join('\n');
