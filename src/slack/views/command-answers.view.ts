import type { KnownBlock } from '@slack/types';
import { slaStateText } from '../../domain/sla-state';
import { formatTicketNumber } from '../../domain/ticket';
import type { TicketListing } from '../../services/ticket-lookup.service';
import { context, section } from './blocks';
import { escapeMrkdwn, mentionUser, slackDate } from './mrkdwn';
import { relayText } from './relay-text';
import { splitText, truncateText } from './text-cuts';
import { SlackMessage } from './ticket-card.view';
import { PRIORITY_LABELS, STATUS_LABELS } from './ticket-labels';

/**
 * Pieces the `/ticket` answers share. Every answer is one ephemeral message within Slack's limits
 * for messages: at most 50 blocks (MESSAGE_BLOCKS_MAX), a section's text at most 3,000 characters
 * (sections here hold at most SECTION_PIECE). Lists that do not fit say how many are left out and
 * where to see them.
 */

export const MESSAGE_BLOCKS_MAX = 50;
/** Section text, under Slack's 3,000 characters. */
export const SECTION_PIECE = 2900;
/** How much of what a person typed is echoed back. */
export const ECHO_MAX = 200;

/** Where every ticket of a person or a queue can be seen when an answer lists only some. */
export const SEE_ALL = "the Help Desk app's *Home* tab";

/** What a person typed, safe to show back to them in mrkdwn: shortened, and escaped by the relay rules. */
export const echo = (typed: string): string => relayText(truncateText(typed, ECHO_MAX));

/** Lines packed into as few sections as Slack allows (each at most SECTION_PIECE); a long line is split, never cut. */
export const lineSections = (lines: readonly string[]): KnownBlock[] => splitText(lines.join('\n'), SECTION_PIECE).map((piece) => section(piece));

export const departmentLabel = (listing: TicketListing): string => escapeMrkdwn(listing.department?.name ?? 'a department no longer in helpdesk.yml');

export const assigneeLabel = (assigneeId: string | null): string => (assigneeId ? mentionUser(assigneeId) : 'Unassigned');

/** `#1042 Summary`, the summary as typed (escaped). */
export const ticketTitle = (listing: Pick<TicketListing, 'ticket'>): string => `*${formatTicketNumber(listing.ticket.number)}* ${relayText(listing.ticket.summary)}`;

/** The SLA state with the due time: `2h 15m left (due …)`, `overdue by 3h (was due …)`. */
export const slaLabel = (listing: Pick<TicketListing, 'sla'>): string => {
  const { sla } = listing;
  if (sla.kind === 'none') return 'no SLA';
  if (sla.kind === 'overdue') return `:warning: ${slaStateText(sla)} (was due ${slackDate(sla.dueAt)})`;
  return `${slaStateText(sla)} (due ${slackDate(sla.dueAt)})`;
};

/** A requester's line: number, summary, status, department, assignee, last update. */
export const requesterLine = (listing: TicketListing): string =>
  `• ${ticketTitle(listing)} · ${STATUS_LABELS[listing.ticket.status]} · ${departmentLabel(listing)} · ${assigneeLabel(listing.ticket.assigneeId)} · updated ${slackDate(listing.ticket.updatedAt)}`;

/** A queue's line: number, summary, priority, status, department, assignee, SLA state. */
export const queueLine = (listing: TicketListing): string =>
  `• ${ticketTitle(listing)} · ${PRIORITY_LABELS[listing.ticket.priority]} · ${STATUS_LABELS[listing.ticket.status]} · ${departmentLabel(listing)} · ${assigneeLabel(listing.ticket.assigneeId)} · ${slaLabel(listing)}`;

/** "and 14 more: see …", or nothing when all are shown. */
export const moreLine = (shown: number, total: number, where: string = SEE_ALL): KnownBlock[] =>
  total > shown ? [context(`…and ${(total - shown).toLocaleString('en-US')} more not shown here: see ${where}.`)] : [];

export const plainAnswer = (text: string): SlackMessage => ({ text, blocks: [section(text)] });
