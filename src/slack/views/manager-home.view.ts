import type { KnownBlock } from '@slack/types';
import { formatTicketNumber, PRIORITIES } from '../../domain/ticket';
import type { DepartmentOverview, ManagerOverview } from '../../services/manager-overview.service';
import type { OpenStatus, OpenTicketSummary } from '../../services/ports/manager-statistics';
import { context, header, mrkdwn } from './blocks';
import { escapeMrkdwn, mentionUser, slackDate } from './mrkdwn';
import { relayText } from './relay-text';
import { truncateText } from './text-cuts';
import { STATUS_LABELS } from './ticket-labels';

/** What the manager's section needs besides the figures. */
export interface ManagerHomeOptions {
  /**
   * The most blocks the section may take: the Home holds 100 blocks in all (Slack's limit for a
   * view), shared with the other sections. Departments that do not fit are named in a last
   * "and N more" line, never left out silently.
   */
  readonly blockBudget: number;
  /** A link to the ticket's card in Slack (a permalink), or null when it has none: the number is then shown without a link. */
  readonly cardUrl: (ticket: OpenTicketSummary) => string | null;
}

/** Summaries in the list are cut to this many characters; the card has the rest. */
const SUMMARY_MAX = 80;
/** Slack's limit for a section's text. */
const SECTION_TEXT_MAX = 3000;
/** Room kept for the "and N more open" line. */
const MORE_LINE_ROOM = 40;
const OPEN_STATUSES: readonly OpenStatus[] = ['open', 'in_progress', 'waiting'];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration as a person reads it: `45 min`, `3 h 20 min`, `2 d 4 h`. */
export const formatSpan = (ms: number): string => {
  if (ms < MINUTE) return 'under 1 min';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < 2 * DAY) {
    const minutes = Math.floor((ms % HOUR) / MINUTE);
    return `${Math.floor(ms / HOUR)} h${minutes ? ` ${minutes} min` : ''}`;
  }
  const hours = Math.floor((ms % DAY) / HOUR);
  return `${Math.floor(ms / DAY)} d${hours ? ` ${hours} h` : ''}`;
};

/** `3 (1 open, 2 in progress)`: the nonzero parts of a count. */
const breakdown = (total: number, parts: readonly [string, number][]): string => {
  const nonzero = parts.filter(([, count]) => count > 0).map(([label, count]) => `${count} ${label}`);
  return nonzero.length > 0 ? `${total} (${nonzero.join(', ')})` : `${total}`;
};

const openTotal = (department: DepartmentOverview): number => OPEN_STATUSES.reduce((sum, status) => sum + department.openByStatus[status], 0);

const figureFields = (department: DepartmentOverview): string[] => {
  const total = openTotal(department);
  const share =
    department.withinSlaShare === null ? '_none resolved with an SLA_' : `${Math.round(department.withinSlaShare * 100)}% (${department.resolvedWithinSla} of ${department.resolvedWithSla})`;
  const median = (ms: number | null) => (ms === null ? '_none yet_' : formatSpan(ms));
  return [
    `*Open*\n${breakdown(
      total,
      OPEN_STATUSES.map((status) => [STATUS_LABELS[status].toLowerCase(), department.openByStatus[status]]),
    )}`,
    `*Open by priority*\n${breakdown(
      total,
      [...PRIORITIES].reverse().map((priority) => [priority, department.openByPriority[priority]]),
    )}`,
    `*Overdue now*\n${department.overdue > 0 ? `:warning: ${department.overdue}` : '0'}`,
    `*Escalated, open*\n${department.escalated}`,
    `*Resolved, last 7 days*\n${department.resolvedRecently}`,
    `*Within SLA, last 30 days*\n${share}`,
    `*Median first response, 30 days*\n${median(department.medianFirstResponseMs)}`,
    `*Median resolution, 30 days*\n${median(department.medianResolutionMs)}`,
    `*Satisfaction, 30 days*\n${department.satisfactionAverage === null ? '_no answers yet_' : `${department.satisfactionAverage.toFixed(1)}/5 from ${department.satisfactionCount}`}`,
  ];
};

const ticketLine = (ticket: OpenTicketSummary, at: Date, cardUrl: ManagerHomeOptions['cardUrl']): string => {
  const url = cardUrl(ticket);
  const number = formatTicketNumber(ticket.number);
  const link = url ? `<${url}|${number}>` : number;
  const who = ticket.assigneeId ? mentionUser(ticket.assigneeId) : '_unassigned_';
  const overdue = ticket.status !== 'waiting' && ticket.dueAt && ticket.dueAt.getTime() <= at.getTime() ? ` · :warning: overdue since ${slackDate(ticket.dueAt)}` : '';
  return `• ${link} ${relayText(truncateText(ticket.summary, SUMMARY_MAX))} · ${STATUS_LABELS[ticket.status]} · ${ticket.priority} · ${who} · opened ${slackDate(ticket.createdAt)}${overdue}`;
};

const departmentBlocks = (department: DepartmentOverview, at: Date, options: ManagerHomeOptions): KnownBlock[] => {
  const blocks: KnownBlock[] = [{ type: 'section', text: mrkdwn(`*${escapeMrkdwn(department.name)}*`), fields: figureFields(department).map(mrkdwn) }];
  const total = openTotal(department);
  if (total === 0) return [...blocks, context('No open tickets.')];
  // Whole lines only, as many as Slack's 3,000 characters of a section hold; the rest are counted.
  let text = '*Oldest open*';
  let listed = 0;
  for (const ticket of department.oldestOpen) {
    const line = `\n${ticketLine(ticket, at, options.cardUrl)}`;
    if (text.length + line.length > SECTION_TEXT_MAX - MORE_LINE_ROOM) break;
    text += line;
    listed += 1;
  }
  const more = total - listed;
  if (more > 0) text += `\n_and ${more} more open_`;
  return [...blocks, { type: 'section', text: mrkdwn(text) }];
};

const moreDepartments = (left: readonly DepartmentOverview[]): KnownBlock =>
  context(
    truncateText(`…and ${left.length} more department${left.length === 1 ? '' : 's'} with no room left on this Home: ${left.map((department) => escapeMrkdwn(department.name)).join(', ')}`, 2000),
  );

/**
 * The manager's section of the App Home (issue 16): a header, then for each department they
 * manage its figures (open by status and priority, overdue now, escalated, resolved in the last
 * 7 days, share within SLA, medians and the requesters' satisfaction over 30 days) and its oldest open tickets, each linked to
 * its card, with "and N more open" for the rest. At most `options.blockBudget` blocks: whole
 * departments, in the order given, as long as they fit, then one line naming the departments
 * left out. No blocks for someone who manages no department. Pure: the time is `overview.at`.
 */
export const buildManagerHome = (overview: ManagerOverview, options: ManagerHomeOptions): KnownBlock[] => {
  const budget = Math.floor(options.blockBudget);
  if (overview.departments.length === 0 || budget <= 0) return [];
  if (budget === 1) return [moreDepartments(overview.departments)];
  const blocks: KnownBlock[] = [header('Departments you manage')];
  for (const [index, department] of overview.departments.entries()) {
    const next = [...(index > 0 ? [{ type: 'divider' } as KnownBlock] : []), ...departmentBlocks(department, overview.at, options)];
    const isLast = index === overview.departments.length - 1;
    if (blocks.length + next.length + (isLast ? 0 : 1) > budget) {
      blocks.push(moreDepartments(overview.departments.slice(index)));
      break;
    }
    blocks.push(...next);
  }
  return blocks;
};
