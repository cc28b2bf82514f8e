import { DETAILS_MAX_LENGTH, SUMMARY_MAX_LENGTH } from '../../domain/ticket-intake';
import { firstPlainLine, LINE_BREAK, truncateText } from './text-cuts';

export interface Prefill {
  readonly summary: string;
  readonly details: string;
  readonly notice?: string;
}

/** `/ticket <text>`: short text becomes the summary; long text is kept whole in the details. */
export const prefillFromCommandText = (text: string): Prefill => {
  const trimmed = text.trim();
  if (trimmed.length <= SUMMARY_MAX_LENGTH && !LINE_BREAK.test(trimmed)) return { summary: trimmed, details: '' };
  const firstLine = firstPlainLine(trimmed);
  const summary = firstLine.length <= SUMMARY_MAX_LENGTH ? firstLine : '';
  return fromLongText(summary, trimmed, 'Shorten it, or send the rest as a reply once the ticket is open.');
};

/** A message shortcut: the message becomes the details, its first line a suggested summary. */
export const prefillFromMessage = (text: string): Prefill => {
  const trimmed = text.trim();
  const firstLine = firstPlainLine(trimmed);
  return fromLongText(firstLine.length <= SUMMARY_MAX_LENGTH ? firstLine : '', trimmed, 'The ticket keeps a link to the whole message.');
};

const fromLongText = (summary: string, details: string, remedy: string): Prefill => {
  if (details.length <= DETAILS_MAX_LENGTH) return { summary, details };
  return {
    summary,
    details: truncateText(details, DETAILS_MAX_LENGTH),
    notice: `:warning: Your text is ${details.length.toLocaleString('en-US')} characters; Details hold ${DETAILS_MAX_LENGTH.toLocaleString('en-US')}, so only the start is copied below. ${remedy}`,
  };
};
