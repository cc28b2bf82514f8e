import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import { SlaState } from '../../domain/sla-state';
import { formatTicketNumber, Priority, TicketStatus } from '../../domain/ticket';
import { HomeList } from '../../services/home-state';
import { ids } from '../ids';
import { actions, button, context, section } from './blocks';
import { escapeMrkdwn, mentionUser, slackDate } from './mrkdwn';
import { relayText } from './relay-text';
import { truncateText } from './text-cuts';
import { PRIORITY_LABELS, STATUS_LABELS } from './ticket-labels';

/** One ticket as a Home row shows it. */
export interface HomeTicket {
  readonly id: number;
  readonly number: number;
  /** The ticket's version, carried by its buttons so a click on an old Home is refused as stale. */
  readonly version: number;
  readonly summary: string;
  readonly status: TicketStatus;
  readonly priority: Priority;
  readonly departmentName: string;
  readonly assigneeId: string | null;
  readonly updatedAt: Date;
  readonly sla: SlaState;
  /** A link to the ticket's card in its department channel, once it is posted. */
  readonly cardUrl: string | null;
}

/** A page of a longer list: the rows shown, where they start (0-based) and how many there are in all. */
export interface TicketPage {
  readonly rows: readonly HomeTicket[];
  readonly offset: number;
  readonly total: number;
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** A duration as people read it on a queue: `2d 4h`, `3h 20m`, `12m` (never seconds). */
export const spokenDuration = (ms: number): string => {
  const minutes = Math.max(1, Math.floor(ms / MINUTE_MS));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return rest > 0 ? `${hours}h ${rest}m` : `${hours}h`;
  return `${rest}m`;
};

/** The SLA state as a row says it: time left, overdue since, paused, or no SLA. */
export const slaText = (sla: SlaState): string => {
  switch (sla.kind) {
    case 'none':
      return 'No SLA';
    case 'paused':
      return ':double_vertical_bar: SLA paused (waiting on requester)';
    case 'due':
      return `${sla.leftMs < 4 * HOUR_MS ? ':hourglass_flowing_sand: ' : ''}${spokenDuration(sla.leftMs)} left (due ${slaDate(sla.dueAt)})`;
    case 'overdue':
      return `:warning: *Overdue* by ${spokenDuration(sla.overdueMs)} (since ${slaDate(sla.dueAt)})`;
  }
};

const slaDate = (at: Date): string => slackDate(at);

/** The row's title line: number and summary, the summary as the requester typed it, cut to stay readable. */
const titleOf = (ticket: HomeTicket): string => `*${formatTicketNumber(ticket.number)}* ${relayText(truncateText(ticket.summary, 200))}`;

/** The requester's view of a ticket: status, department, assignee, last update. */
export const requesterRowText = (ticket: HomeTicket): string =>
  [
    titleOf(ticket),
    `${STATUS_LABELS[ticket.status]} · ${escapeMrkdwn(ticket.departmentName)} · ${ticket.assigneeId ? mentionUser(ticket.assigneeId) : 'not assigned yet'} · updated ${slackDate(ticket.updatedAt)}`,
  ].join('\n');

/** An agent's view of a ticket: priority, status, department, assignee and its SLA state. */
export const agentRowText = (ticket: HomeTicket): string =>
  [
    titleOf(ticket),
    `${PRIORITY_LABELS[ticket.priority]} · ${STATUS_LABELS[ticket.status]} · ${escapeMrkdwn(ticket.departmentName)} · ${ticket.assigneeId ? mentionUser(ticket.assigneeId) : 'Unassigned'}`,
    slaText(ticket.sla),
  ].join('\n');

/** A button's value naming a ticket, the version the Home showed (a ticket reference, see ticket-ref.ts) and its number. */
export const rowValue = (ticket: HomeTicket): string => JSON.stringify({ ticketId: ticket.id, version: ticket.version, number: ticket.number });

/**
 * A Home element's action id: its kind (`ids.home.*`) then `:list:key`. Each row's buttons share
 * their kind but Slack wants action ids unique in a view; listeners match the kind as a prefix.
 */
export const homeActionId = (kind: string, list: HomeList, key: string | number): string => `${kind}:${list}:${key}`;

/** Each row's buttons live in a block of their own: block ids name the list and the ticket, so they stay unique in the view. */
export const rowActions = (list: HomeList, ticket: HomeTicket, elements: Button[]): ActionsBlock => actions(`home_${list}_${ticket.id}`, elements);

/**
 * The pager under a list: which rows are shown of how many, and the buttons to the next and the
 * previous page. A list longer than a page is never cut silently: the count says what is left.
 */
export const pagerBlocks = (list: HomeList, page: TicketPage): KnownBlock[] => {
  if (page.total === 0) return [];
  const last = page.offset + page.rows.length;
  if (page.offset === 0 && last >= page.total) return [];
  const buttons: Button[] = [];
  if (page.offset > 0) buttons.push(button('Previous', homeActionId(ids.home.page, list, 'prev'), JSON.stringify({ list, offset: Math.max(0, page.offset - Math.max(page.rows.length, 1)) })));
  if (last < page.total) buttons.push(button(`Show more (${page.total - last} more)`, homeActionId(ids.home.page, list, 'next'), JSON.stringify({ list, offset: last })));
  return [context(`Showing ${page.offset + 1}–${last} of ${page.total}`), actions(`home_${list}_pager`, buttons)];
};

/** The line a list shows when it has nothing in it. */
export const emptyList = (text: string): KnownBlock => context(`_${text}_`);

/** A sub-heading inside a Home section. */
export const listHeading = (text: string): KnownBlock => section(`*${text}*`);
