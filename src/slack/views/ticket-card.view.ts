import type { KnownBlock } from '@slack/types';
import { formatTicketNumber } from '../../domain/ticket';
import { isOverdue } from '../../domain/sla-clock';
import { TicketRow } from '../../persistence/entities/ticket.entity';
import { ids } from '../ids';
import { actions, button, context, fields, header, section } from './blocks';
import { chunk, escapeMrkdwn, mentionUser, slackDate, truncate } from './mrkdwn';
import { PRIORITY_LABELS, STATUS_LABELS } from './ticket-labels';
import { encodeTicketRef } from './ticket-ref';

export interface TicketCardData {
  readonly ticket: TicketRow;
  readonly departmentName: string;
  readonly topicName: string;
  readonly slaPlanName: string | null;
  readonly now: Date;
}

export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

const HEADER_MAX = 150;
const SECTION_MAX = 3000;
/** Leaves room for the card's other blocks under Slack's 50-block limit. */
const MAX_DETAIL_SECTIONS = 40;

const dueLine = (data: TicketCardData): string => {
  const { dueAt } = data.ticket;
  const plan = data.slaPlanName ? ` (${escapeMrkdwn(data.slaPlanName)})` : '';
  if (!dueAt) return `*Due*\nNo SLA${plan}`;
  const overdue = isOverdue(dueAt, data.now) && !['resolved', 'closed'].includes(data.ticket.status);
  return `*Due*\n${overdue ? ':warning: *Overdue* since ' : ''}${slackDate(dueAt)}${plan}`;
};

const detailBlocks = (details: string): KnownBlock[] => {
  if (details.trim() === '') return [context('_No details given._')];
  const pieces = chunk(escapeMrkdwn(details), SECTION_MAX);
  return pieces.slice(0, MAX_DETAIL_SECTIONS).map((piece) => section(piece));
};

/** The ticket card in the department channel. Its thread is the ticket's history. */
export const buildTicketCard = (data: TicketCardData): SlackMessage => {
  const { ticket } = data;
  const number = formatTicketNumber(ticket.number);
  const title = `${number} ${ticket.summary}`;
  const blocks: KnownBlock[] = [header(truncate(title, HEADER_MAX))];
  if (title.length > HEADER_MAX) blocks.push(section(`*${escapeMrkdwn(ticket.summary)}*`));
  blocks.push(
    fields([
      `*Requester*\n${mentionUser(ticket.requesterId)}`,
      `*Help topic*\n${escapeMrkdwn(data.topicName)}`,
      `*Priority*\n${PRIORITY_LABELS[ticket.priority]}`,
      `*Status*\n${STATUS_LABELS[ticket.status]}`,
      `*Assignee*\n${ticket.assigneeId ? mentionUser(ticket.assigneeId) : '_Unassigned_'}`,
      dueLine(data),
    ]),
    ...detailBlocks(ticket.details),
  );
  if (ticket.sourcePermalink) blocks.push(context(`Filed from <${ticket.sourcePermalink}|a message>`));
  const ref = encodeTicketRef({ t: ticket.id, v: ticket.version });
  blocks.push(
    actions(`ticket_actions`, [
      button('Assign to me', ids.card.assignSelf, ref, 'primary'),
      button('Transfer', ids.card.transfer, ref),
      button('Escalate', ids.card.escalate, ref),
      button('Resolve', ids.card.resolve, ref),
    ]),
    context(
      `${escapeMrkdwn(data.departmentName)} · The thread below is this ticket's internal history: the requester never sees it.`,
    ),
  );
  const text = `${number} ${escapeMrkdwn(ticket.summary)} (${PRIORITY_LABELS[ticket.priority]}, ${STATUS_LABELS[ticket.status]})`;
  return { text, blocks };
};
