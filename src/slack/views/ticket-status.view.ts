import type { KnownBlock } from '@slack/types';
import { formatTicketNumber } from '../../domain/ticket';
import { FieldValue } from '../../domain/ticket-event';
import { TicketEventRow } from '../../services/ports/records';
import type { TicketView } from '../../services/ticket-lookup.service';
import { context, fields, section } from './blocks';
import { assigneeLabel, departmentLabel, echo, MESSAGE_BLOCKS_MAX, SECTION_PIECE, slaLabel, ticketTitle, plainAnswer } from './command-answers.view';
import { escapeMrkdwn, mentionUser, slackDate } from './mrkdwn';
import { splitText } from './text-cuts';
import { SlackMessage } from './ticket-card.view';
import { eventText, threadLines } from './ticket-event.view';
import { PRIORITY_LABELS, satisfactionText, STATUS_LABELS } from './ticket-labels';
import { answerSections } from './topic-fields.view';

const quote = (text: string): string =>
  text
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');

/** One entry of the public history, told to the requester: what they were told, and what they wrote. */
const requesterLine = (event: TicketEventRow, requesterId: string, departmentName: (id: FieldValue | undefined) => string): string => {
  const who = mentionUser(event.actorId);
  const text = eventText(event);
  switch (event.type) {
    case 'created':
      return 'You filed this ticket.';
    case 'assigned':
      return `${mentionUser(String(event.after.assigneeId))} took it on.`;
    case 'transferred':
      return `Passed to ${escapeMrkdwn(departmentName(event.after.departmentId))}.`;
    case 'replied':
      return `${who} replied:\n${quote(text)}`;
    case 'requester_messaged':
      return event.text === null ? 'You sent a message and deleted it.' : `You wrote:\n${quote(text)}`;
    case 'requester_edited':
      return event.text === null ? 'You edited a message and deleted it.' : `You edited a message:\n${quote(text)}`;
    case 'requester_deleted':
      return 'You deleted a message.';
    case 'resolved':
      return `${who} resolved it:\n${quote(text)}`;
    case 'closed':
      return event.actorId === requesterId ? 'You closed it.' : `${who} closed it.`;
    case 'withdrawn':
      return `You withdrew it.${text ? `\n${quote(text)}` : ''}`;
    case 'reopened':
      return `${event.actorId === requesterId ? 'You' : who} reopened it.${text ? `\n${quote(text)}` : ''}`;
    case 'merged':
      return `${who} merged it into ${formatTicketNumber(Number(event.after.mergedIntoNumber))}, about the same problem, and closed it.`;
    case 'satisfaction_rated':
      return `You said how we did: ${satisfactionText(Number(event.after.satisfaction))}${text ? `\n${quote(text)}` : ''}`;
    default:
      // The public history holds no other kind; shown plainly rather than dropped.
      return `${who}: ${event.type.replace(/_/g, ' ')}`;
  }
};

/** How many blocks the history may take, after the ticket's own (title, fields, description, closing context). */
const HISTORY_BLOCKS_MAX = MESSAGE_BLOCKS_MAX - 8;

/**
 * `/ticket status 1042`: the ticket's status, department, assignee, priority, due time or SLA
 * state, and its history as the viewer may read it (staff: everything, internal notes marked;
 * the requester: the public history). A history too long for one message shows its latest
 * entries and says how many earlier ones are left out and where they are.
 */
export const ticketStatusAnswer = (view: TicketView, departmentName: (id: FieldValue | undefined) => string): SlackMessage => {
  const { ticket, audience } = view;
  const line = (event: TicketEventRow): string =>
    `${slackDate(event.at)} · ${audience === 'staff' ? threadLines({ ticket, event, departmentName }).join('') : requesterLine(event, ticket.requesterId, departmentName)}`;
  // The help topic's questions and their answers, as filed; they take room from the history.
  const answers = answerSections(ticket.fieldAnswers);
  // The latest entries are kept when the history is too long: whole entries, packed into sections of at most SECTION_PIECE.
  const pieces: string[] = [];
  let index = view.history.length - 1;
  for (; index >= 0; index -= 1) {
    const text = line(view.history[index]!);
    const next = pieces[0];
    if (next !== undefined && text.length + 1 + next.length <= SECTION_PIECE) {
      pieces[0] = `${text}\n${next}`;
      continue;
    }
    const own = splitText(text, SECTION_PIECE);
    if (pieces.length + own.length > HISTORY_BLOCKS_MAX - answers.length) break;
    pieces.unshift(...own);
  }
  const left = index + 1;
  const where = audience === 'staff' ? "the ticket card's thread" : 'your conversation with the Help Desk app';
  const due = ticket.dueAt ? slaLabel(view) : 'no SLA';
  const blocks: KnownBlock[] = [
    section(`${ticketTitle(view)}`),
    fields([
      `*Status*\n${STATUS_LABELS[ticket.status]}`,
      `*Department*\n${departmentLabel(view)}`,
      `*Assignee*\n${assigneeLabel(ticket.assigneeId)}`,
      `*Priority*\n${PRIORITY_LABELS[ticket.priority]}`,
      `*Due*\n${due}`,
      `*Requester*\n${mentionUser(ticket.requesterId)}`,
    ]),
    ...answers,
    section(`*History*${audience === 'staff' ? ' (internal notes included: the requester does not see them)' : ''}`),
    ...(left > 0 ? [context(`${left} earlier ${left === 1 ? 'entry is' : 'entries are'} not shown here: see ${where}.`)] : []),
    ...pieces.map((piece) => section(piece)),
  ];
  return { text: `${formatTicketNumber(ticket.number)}: ${STATUS_LABELS[ticket.status]}, ${view.department?.name ?? 'no department'}`, blocks };
};

/** The one answer for a number that does not exist and a ticket the caller may not see: nothing tells them apart. */
export const ticketNotFoundAnswer = (number: number): SlackMessage => plainAnswer(`There is no ticket ${formatTicketNumber(number)} that you can see. Your own tickets: \`/ticket list\`.`);

/**
 * The note above a status answer when more than the number was typed (`status 1042 please`): what
 * was not used, echoed, and how to see any other number among it. One section, so the answer stays
 * within Slack's 50 blocks (the status answer uses at most 46).
 */
export const unusedWordsNote = (number: number, unused: string, otherNumbers: readonly string[]): KnownBlock => {
  const others = otherNumbers.slice(0, 3).map((other) => `\`/ticket status ${echo(other.replace(/^#/, ''))}\``);
  const more = others.length > 0 ? ` For another ticket, ask for it on its own: ${others.join(', ')}.` : '';
  return section(`Showing ${formatTicketNumber(number)}. The other words you typed, “${echo(unused)}”, were not used: \`/ticket status\` looks up one ticket number.${more}`);
};

/** `/ticket status` without a number, with a word, or with a number no ticket can have. */
export const ticketNumberProblemAnswer = (problem: { kind: 'missing' } | { kind: 'not_a_number' | 'too_large'; typed: string }, max: number): SlackMessage => {
  switch (problem.kind) {
    case 'missing':
      return plainAnswer('Which ticket? Give its number: `/ticket status 1042` (or `/ticket #1042`).');
    case 'not_a_number':
      return plainAnswer(`“${echo(problem.typed)}” is not a ticket number. Give the number shown on the ticket, like \`/ticket status 1042\`.`);
    case 'too_large':
      return plainAnswer(`“${echo(problem.typed)}” is too large to be a ticket number (they go up to ${max.toLocaleString('en-US')}). Check the number on the ticket and try again.`);
  }
};
