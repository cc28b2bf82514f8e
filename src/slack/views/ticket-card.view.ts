import type { KnownBlock } from '@slack/types';
import { formatTicketNumber } from '../../domain/ticket';
import { isOverdue } from '../../domain/sla-clock';
import { TicketRow } from '../../services/ports/records';
import { ids } from '../ids';
import { actions, button, context, fields, header, overflow, section } from './blocks';
import { escapeMrkdwn, mentionChannel, mentionUser, slackDate } from './mrkdwn';
import { splitText, truncateText } from './text-cuts';
import { relayText } from './relay-text';
import { PRIORITY_LABELS, STATUS_LABELS } from './ticket-labels';
import { encodeTicketRef, TicketRef } from './ticket-ref';
import { CardRelation, relationsBlock } from './ticket-relations.view';
import { answerSections } from './topic-fields.view';

export interface TicketCardData {
  readonly ticket: TicketRow;
  readonly departmentName: string;
  readonly topicName: string;
  readonly slaPlanName: string | null;
  readonly now: Date;
  /**
   * Who a new high or emergency ticket pages (Slack mention markup: a user group, the agents), on
   * the card as first posted. Slack notifies a mention in a message's top-level text or a section,
   * never one added by an edit, so redraws leave it out.
   */
  readonly page?: string;
  /** Who resolved or closed the ticket, and when: shown instead of the due time once it is done. */
  readonly settled?: { readonly actorId: string; readonly at: Date };
  /** The tickets it is related to (merged into, merged from, linked), each with a link to its card when it has one. */
  readonly relations?: readonly CardRelation[];
  /** The requester's answer to How did we do? (cardSatisfactionLine), once given. */
  readonly satisfaction?: string;
}

/** The mentions a page stands for: the department's configured ones, or each agent. */
export const pageMentions = (page: { configured: string } | { agentIds: readonly string[] }): string => ('configured' in page ? page.configured : page.agentIds.map(mentionUser).join(' '));

export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

const HEADER_MAX = 150;
const SECTION_MAX = 3000;
/** Leaves room for the card's other blocks under Slack's 50-block limit. */
const MAX_DETAIL_SECTIONS = 40;

const dueLine = (data: TicketCardData): string => {
  const { dueAt, status } = data.ticket;
  if (data.settled && status === 'closed' && data.ticket.closeReason === 'withdrawn') {
    return `*Withdrawn*\nby ${mentionUser(data.settled.actorId)} (requester), ${slackDate(data.settled.at)}`;
  }
  if (data.settled && (status === 'resolved' || status === 'closed')) {
    return `*${status === 'resolved' ? 'Resolved' : 'Closed'}*\n${mentionUser(data.settled.actorId)}, ${slackDate(data.settled.at)}`;
  }
  const plan = data.slaPlanName ? ` (${escapeMrkdwn(data.slaPlanName)})` : '';
  if (!dueAt) return `*Due*\nNo SLA${plan}`;
  const overdue = isOverdue(dueAt, data.now) && !['resolved', 'closed'].includes(data.ticket.status);
  return `*Due*\n${firstResponseLine(data)}${overdue ? ':warning: *Overdue* since ' : ''}${slackDate(dueAt)}${plan}`;
};

/** The first-response target, shown beside the resolution's until the first response is sent (then the card shows one target). */
const firstResponseLine = ({ ticket, now }: TicketCardData): string => {
  if (ticket.firstResponseAt || !ticket.firstResponseDueAt || !['open', 'in_progress', 'waiting'].includes(ticket.status)) return '';
  const overdue = isOverdue(ticket.firstResponseDueAt, now);
  return `First response: ${overdue ? ':warning: *overdue* since ' : ''}${slackDate(ticket.firstResponseDueAt)}\nResolution: `;
};

const detailBlocks = (details: string, room = MAX_DETAIL_SECTIONS): KnownBlock[] => {
  if (details.trim() === '') return [context('_No details given._')];
  const pieces = splitText(relayText(details), SECTION_MAX);
  return pieces.slice(0, room).map((piece) => section(piece));
};

/** What can be done from the card depends on where the ticket is in its lifecycle. */
const cardActions = (ticket: TicketRow) => {
  const ref: TicketRef = { ticketId: ticket.id, version: ticket.version };
  const value = encodeTicketRef(ref);
  if (ticket.status === 'closed') return [button('Reopen', ids.card.reopen, value)];
  if (ticket.status === 'resolved') {
    return [button('Reopen', ids.card.reopen, value), button('Close', ids.card.close, value), button('Internal note', ids.card.note, value)];
  }
  return [
    button('Assign to me', ids.card.assignSelf, value, 'primary'),
    button('Reply to requester', ids.card.reply, value),
    button('Internal note', ids.card.note, value),
    button('Transfer', ids.card.transfer, value),
    button('Escalate', ids.card.escalate, value),
    button('Resolve', ids.card.resolve, value),
    overflow(ids.card.more, [
      { text: 'Assign…', value: encodeTicketRef({ ...ref, action: 'assign' }) },
      // Release only what someone holds: on an unassigned ticket it would be refused.
      ...(ticket.assigneeId ? [{ text: 'Release', value: encodeTicketRef({ ...ref, action: 'release' }) }] : []),
      { text: 'Close', value: encodeTicketRef({ ...ref, action: 'close' }) },
      { text: 'Edit…', value: encodeTicketRef({ ...ref, action: 'edit' }) },
      { text: 'Watchers…', value: encodeTicketRef({ ...ref, action: 'watchers' }) },
    ]),
  ];
};

/** A card left behind in a department the ticket was transferred away from: no buttons. */
export const buildRetiredCard = (number: number, summary: string, toDepartmentName: string, toChannelId: string): SlackMessage => {
  const title = `${formatTicketNumber(number)} ${relayText(summary)}`;
  return {
    text: `${title}: transferred to ${escapeMrkdwn(toDepartmentName)}`,
    blocks: [section(`~${title}~`), context(`:arrow_right: Transferred to ${escapeMrkdwn(toDepartmentName)} (${mentionChannel(toChannelId)}). Its history continues there.`)],
  };
};

/** The ticket card in the department channel. Its thread is the ticket's history. */
export const buildTicketCard = (data: TicketCardData): SlackMessage => {
  const { ticket } = data;
  const number = formatTicketNumber(ticket.number);
  const title = `${number} ${ticket.summary}`;
  const blocks: KnownBlock[] = [header(truncateText(title, HEADER_MAX))];
  if (title.length > HEADER_MAX) blocks.push(section(`*${relayText(ticket.summary)}*`));
  const page = data.page ? `:rotating_light: ${data.page} a new *${PRIORITY_LABELS[ticket.priority]}* ticket for ${escapeMrkdwn(data.departmentName)}.` : null;
  if (page) blocks.push(section(page));
  blocks.push(
    fields([
      `*Requester*\n${mentionUser(ticket.requesterId)}`,
      `*Help topic*\n${escapeMrkdwn(data.topicName)}`,
      `*Priority*\n${PRIORITY_LABELS[ticket.priority]}`,
      `*Status*\n${STATUS_LABELS[ticket.status]}${ticket.closeReason === 'withdrawn' ? ' (withdrawn by the requester)' : ''}`,
      `*Assignee*\n${ticket.assigneeId ? mentionUser(ticket.assigneeId) : '_Unassigned_'}`,
      dueLine(data),
    ]),
  );
  // The help topic's questions and their answers, as filed (they take room from the details).
  const answers = answerSections(ticket.fieldAnswers);
  blocks.push(...answers, ...detailBlocks(ticket.details, MAX_DETAIL_SECTIONS - answers.length));
  if (ticket.sourcePermalink) blocks.push(context(`Filed from <${ticket.sourcePermalink}|a message>`));
  const related = relationsBlock(ticket, data.relations ?? []);
  if (related) blocks.push(related);
  if (data.satisfaction) blocks.push(context(data.satisfaction));
  blocks.push(
    actions(ids.card.actionsBlock, cardActions(ticket)),
    context(
      `${escapeMrkdwn(data.departmentName)} · Escalation level ${ticket.escalationLevel} · The thread below is this ticket's internal history: the requester sees only what is sent with *Reply to requester*.`,
    ),
  );
  // The page leads the top-level text too: the notification people get reads who it is for.
  const text = `${data.page ? `${data.page} ` : ''}${number} ${relayText(ticket.summary)} (${PRIORITY_LABELS[ticket.priority]}, ${STATUS_LABELS[ticket.status]})`;
  return { text, blocks };
};
