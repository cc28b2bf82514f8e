import type { KnownBlock, ModalView } from '@slack/types';
import { formatTicketNumber } from '../../domain/ticket';
import { isPublicEvent } from '../../domain/ticket-visibility';
import { TicketEventRow } from '../../services/ports/records';
import { ids } from '../ids';
import { context, plain, section } from './blocks';
import { escapeMrkdwn, mentionUser, slackDate } from './mrkdwn';
import { relayText } from './relay-text';
import { splitText, truncateText } from './text-cuts';
import { satisfactionText, STATUS_LABELS } from './ticket-labels';
import { HomeTicket } from './home-rows';
import { FieldAnswer } from '../../domain/topic-fields';
import { answerLines } from './topic-fields.view';

/** What the entries may take of Slack's 100 blocks, after the modal's heading. */
const ENTRY_BLOCKS_MAX = 95;
/**
 * What the entries may take of a view's 250 kB (UTF-8 JSON; Slack answers `view_too_large` above
 * it): 95 sections of 2,900 characters would be 275,000 before a single emoji or accent.
 */
const ENTRY_BYTES_MAX = 200 * 1024;
const bytesOf = (blocks: readonly KnownBlock[]): number => new TextEncoder().encode(JSON.stringify(blocks)).length;
const PIECE = 2900;

const quote = (text: string): string =>
  text
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');

const entryText = (event: TicketEventRow, departmentName: (id: unknown) => string, details: string, answers: readonly FieldAnswer[]): string => {
  const when = slackDate(event.at);
  // A ticket's first event carries no words: what the requester wrote is the ticket's details, and the answers to its topic's questions.
  const words = relayText(event.type === 'created' ? details : (event.text ?? ''));
  const answered = event.type === 'created' && answers.length > 0 ? `\n${quote(answerLines(answers))}` : '';
  const said = (words.trim() === '' ? '' : `\n${quote(words)}`) + answered;
  switch (event.type) {
    case 'created':
      return `${when} · You filed the ticket${said}`;
    case 'requester_messaged':
      return `${when} · You wrote${said}`;
    case 'requester_edited':
      return `${when} · You wrote (edited)${said}`;
    case 'replied':
      return `${when} · ${mentionUser(event.actorId)} from the help desk replied${said}`;
    case 'assigned':
      return `${when} · ${mentionUser(String(event.after.assigneeId))} is working on it`;
    case 'transferred':
      return `${when} · Passed to ${escapeMrkdwn(departmentName(event.after.departmentId))}`;
    case 'requester_deleted':
      return `${when} · You deleted a message`;
    case 'resolved':
      return `${when} · Resolved by ${mentionUser(event.actorId)}${said}`;
    case 'closed':
      return `${when} · Closed`;
    case 'withdrawn':
      return `${when} · You withdrew it${said}`;
    case 'reopened':
      return `${when} · Reopened${said}`;
    case 'merged':
      return `${when} · Merged into ${formatTicketNumber(Number(event.after.mergedIntoNumber))}, about the same problem, and closed`;
    case 'satisfaction_rated':
      return `${when} · You said how we did: ${satisfactionText(Number(event.after.satisfaction))}${said}`;
    default:
      return '';
  }
};

/**
 * The **View** modal of a Home row: the ticket's state and its public history, oldest first:
 * what the requester wrote and what they were told (the ticket's details under its filing). Internal
 * notes, refusals, escalations and SLA alerts are never shown, whatever the events given (`events` should already be the public ones).
 * A history longer than the modal holds says how many older entries are left out and where they are.
 */
export const buildTicketHistoryModal = (
  ticket: HomeTicket,
  details: string,
  events: readonly TicketEventRow[],
  departmentName: (id: unknown) => string,
  answers: readonly FieldAnswer[] = [],
): ModalView => {
  const shown = events.filter((event) => isPublicEvent(event.type)).map((event) => splitText(entryText(event, departmentName, details, answers), PIECE).map((piece) => section(piece)));
  // The latest entries, whole, as many as fit; the count of older ones says what is left out.
  const entries: KnownBlock[][] = [];
  let used = 0;
  let bytes = 0;
  for (const entry of [...shown].reverse()) {
    const size = bytesOf(entry);
    if (used + entry.length > ENTRY_BLOCKS_MAX || bytes + size > ENTRY_BYTES_MAX) break;
    entries.unshift(entry);
    used += entry.length;
    bytes += size;
  }
  const left = shown.length - entries.length;
  const blocks: KnownBlock[] = [
    section(`*${formatTicketNumber(ticket.number)} ${relayText(truncateText(ticket.summary, 500))}*`),
    context(
      `${STATUS_LABELS[ticket.status]} · ${escapeMrkdwn(ticket.departmentName)} · ${ticket.assigneeId ? mentionUser(ticket.assigneeId) : 'not assigned yet'} · updated ${slackDate(ticket.updatedAt)}`,
    ),
    { type: 'divider' },
    ...(left > 0 ? [context(`_${left} older entries are not shown here; they are in your DM thread with the help desk._`)] : []),
    ...entries.flat(),
  ];
  return {
    type: 'modal',
    callback_id: ids.home.historyModal,
    title: plain(truncateText(`Ticket ${formatTicketNumber(ticket.number)}`, 24)),
    close: plain('Close'),
    blocks,
  };
};
