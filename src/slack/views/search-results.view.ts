import type { KnownBlock, ModalView } from '@slack/types';
import { formatTicketNumber } from '../../domain/ticket';
import { MATCH_END, MATCH_START, TicketSearchHit } from '../../services/ports/ticket-search';
import { SearchAnswer } from '../../services/ticket-search.service';
import { ids } from '../ids';
import { context, plain, section } from './blocks';
import { mentionUser } from './mrkdwn';
import { relayText } from './relay-text';
import { truncateText } from './text-cuts';
import { STATUS_LABELS } from './ticket-labels';

/** What a search for nothing answers: how to ask. */
export const SEARCH_USAGE_TEXT = 'Type words, a ticket number (`#1042`) or a person (`@Karen`) to search for, for example `/ticket search mobile banking`.';
/** What anyone but an agent or a manager is told. */
export const SEARCH_NOT_STAFF_TEXT = 'Search is for agents and managers: it finds the tickets of their departments. To see your own tickets, use `/ticket list`.';

/** How much of a snippet, as people wrote it, a hit shows. */
const SNIPPET_MAX = 280;
/** How many of the people a name matched the headline names. */
const NAMED_SHOWN_MAX = 5;
/** How much of the search text an answer repeats. */
const QUERY_ECHO_MAX = 100;
/** Slack's limit for a section's text. */
const SECTION_MAX = 3000;
/** Slack's limit for a plain-text input's initial value we keep to (the modal's own max_length). */
const SEARCH_TEXT_MAX = 500;

/**
 * Text with matches marked (MATCH_START … MATCH_END) as mrkdwn: what people wrote passes through
 * relayText, each match in bold. The text is cut first, as plain text and between whole
 * characters, so no cut can fall inside the markup this adds; a mark left open by the cut closes
 * at the end.
 */
export const markedMrkdwn = (text: string, max: number): string => {
  const parts: string[] = [];
  let inMatch = false;
  for (const piece of truncateText(text, max).split(new RegExp(`([${MATCH_START}${MATCH_END}])`, 'u'))) {
    if (piece === MATCH_START) inMatch = true;
    else if (piece === MATCH_END) inMatch = false;
    else if (piece.trim().length > 0 && inMatch) parts.push(`*${relayText(piece.trim())}*`);
    else parts.push(relayText(piece));
  }
  return parts.join('');
};

const hitLines = (hit: TicketSearchHit, departments: ReadonlyMap<number, string>): string => {
  const where = [STATUS_LABELS[hit.status], departments.get(hit.departmentId), hit.assigneeId ? `with ${mentionUser(hit.assigneeId)}` : 'unassigned', `from ${mentionUser(hit.requesterId)}`];
  const card = hit.cardChannelId ? ` · card in <#${hit.cardChannelId}>` : '';
  const lines = [`*${formatTicketNumber(hit.number)}* ${markedMrkdwn(hit.summary, 150)}`, `${where.filter(Boolean).join(' · ')}${card}`];
  if (hit.snippet) lines.push(`> ${markedMrkdwn(hit.snippet.replace(/\s+/g, ' '), SNIPPET_MAX)}`);
  return truncateText(lines.join('\n'), SECTION_MAX);
};

/** Half a character (a lone surrogate, which no keyboard sends but a request may carry) shown as U+FFFD: Slack refuses it. */
const wellFormed = (text: string): string => text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** The sentence that heads an answer: how many tickets match what was searched. */
const headline = (answer: SearchAnswer, typed: string): string => {
  const asked = relayText(truncateText(wellFormed(typed.trim()), QUERY_ECHO_MAX));
  const { total, capped } = answer.page;
  const departments = [...answer.departments.values()].map(relayText).join(', ');
  // Words that named people: whose tickets were searched, as Slack shows a mention (their name).
  const people = answer.named ? answer.named.personIds.slice(0, NAMED_SHOWN_MAX).map(mentionUser).join(', ') + (answer.named.personIds.length > NAMED_SHOWN_MAX ? ' and others' : '') : null;
  const within = people ? `of ${people} (as requester or assignee) in ${departments}` : departments;
  if (total === 0) return `No tickets in ${within} match “${asked}”.`;
  if (capped) return `More than ${total.toLocaleString('en-US')} tickets in ${within} match “${asked}”; the best of the newest ${total.toLocaleString('en-US')} first:`;
  return `${total === 1 ? '1 ticket' : `${total.toLocaleString('en-US')} tickets`} in ${within} ${total === 1 ? 'matches' : 'match'} “${asked}”, best first:`;
};

/**
 * The blocks of a search's answer (an ephemeral message or the Search modal): a headline, one
 * section per hit (number, summary and snippet with the matches in bold, status, department,
 * assignee, requester), how many more matched than are shown, and how to search a word read as a
 * name as a word. At most 13 blocks.
 */
export const buildSearchResultBlocks = (answer: SearchAnswer, typed: string): KnownBlock[] => {
  const { hits, total } = answer.page;
  const blocks: KnownBlock[] = [section(headline(answer, typed)), ...hits.map((hit) => section(hitLines(hit, answer.departments)))];
  if (answer.named)
    blocks.push(context(`“${relayText(answer.named.words.join(' '))}” was read as a name. To search for the word itself, put it in quotes: \`"${relayText(answer.named.words[0] ?? '')}"\`.`));
  const more = total - hits.length;
  if (more > 0) blocks.push(context(`…and ${answer.page.capped ? 'more than ' : ''}${more.toLocaleString('en-US')} more. Add words to narrow the search.`));
  return blocks;
};

/** The answer's text for notifications and screen readers (a message's `text`). */
export const searchResultText = ({ page }: SearchAnswer): string =>
  page.total === 0 ? 'No tickets match.' : `${page.capped ? 'More than ' : ''}${page.total === 1 ? '1 ticket matches' : `${page.total.toLocaleString('en-US')} tickets match`}.`;

/**
 * The Search modal: what to search for (words or a number, and a requester), and below it the results of the last search,
 * if any. Submitting it searches and updates the modal in place (`response_action: update`).
 */
export const buildSearchModal = (typed = '', requesterId: string | null = null, results: readonly KnownBlock[] = []): ModalView => ({
  type: 'modal',
  callback_id: ids.search.modal,
  title: plain('Search tickets'),
  submit: plain('Search'),
  close: plain('Close'),
  blocks: [
    {
      type: 'input',
      block_id: ids.search.textBlock,
      label: plain('Words or #number'),
      optional: true,
      hint: plain('Searches summaries, details, replies, internal notes and what requesters wrote, in your departments.'),
      element: {
        type: 'plain_text_input',
        action_id: ids.modal.input,
        max_length: SEARCH_TEXT_MAX,
        placeholder: plain('mobile banking'),
        ...(typed ? { initial_value: truncateText(wellFormed(typed), SEARCH_TEXT_MAX) } : {}),
      },
    },
    {
      type: 'input',
      block_id: ids.search.requesterBlock,
      label: plain('Requester'),
      optional: true,
      element: { type: 'users_select', action_id: ids.modal.input, placeholder: plain('Anyone'), ...(requesterId ? { initial_user: requesterId } : {}) },
    },
    ...results,
  ],
});
