import type { KnownBlock } from '@slack/types';
import { UrgencyGroup, urgencyGroupOf } from '../../domain/sla-state';
import type { PageOf } from '../../services/ports/ticket-queries';
import type { TicketListing } from '../../services/ticket-lookup.service';
import { context, header, section } from './blocks';
import { escapeMrkdwn } from './mrkdwn';
import { lineSections, moreLine, plainAnswer, queueLine, requesterLine } from './command-answers.view';
import { SlackMessage } from './ticket-card.view';
import { STATUS_LABELS } from './ticket-labels';

/** How many tickets one list of an answer shows before saying how many more there are. */
export const LIST_ROWS_MAX = 15;

const titled = (title: string, page: PageOf<TicketListing>, line: (listing: TicketListing) => string, empty: string): KnownBlock[] => {
  const rows = page.rows.slice(0, LIST_ROWS_MAX);
  if (page.total === 0) return [section(`*${title}*\n${empty}`)];
  return [section(`*${title}* (${page.total.toLocaleString('en-US')})`), ...lineSections(rows.map(line)), ...moreLine(rows.length, page.total)];
};

/** `/ticket list` for a requester: their open tickets, then those resolved or closed lately. */
export const requesterListAnswer = (lists: { open: PageOf<TicketListing>; recent: PageOf<TicketListing> }, recentDays: number): SlackMessage => ({
  text: `Your tickets: ${lists.open.total} open, ${lists.recent.total} resolved or closed in the last ${recentDays} days`,
  blocks: [
    header('Your tickets'),
    ...titled('Open', lists.open, requesterLine, 'You have no open tickets. Type `/ticket` to file one.'),
    ...titled(`Resolved or closed in the last ${recentDays} days`, lists.recent, requesterLine, 'None.'),
    context('See one with its history: `/ticket status 1042`.'),
  ],
});

/** `/ticket list` for an agent or manager: assigned to them, and unassigned in their departments, most urgent first. */
export const staffListAnswer = (lists: { mine: PageOf<TicketListing>; unassigned: PageOf<TicketListing> }, departmentNames: readonly string[]): SlackMessage => ({
  text: `Your queue: ${lists.mine.total} assigned to you, ${lists.unassigned.total} unassigned`,
  blocks: [
    header('Your queue'),
    ...titled('Assigned to you', lists.mine, queueLine, 'Nothing is assigned to you.'),
    ...titled(`Unassigned in ${departmentNames.map(escapeMrkdwn).join(', ')}`, lists.unassigned, queueLine, 'Nothing is waiting for someone to take it.'),
    context('Most urgent first. Grouped by due time: `/ticket queue`. One ticket: `/ticket status 1042`.'),
  ],
});

const GROUP_TITLES: Record<UrgencyGroup, string> = { overdue: ':warning: Overdue', due_soon: ':hourglass_flowing_sand: Due within 4 hours', later: 'Later' };

/**
 * `/ticket queue`: every open ticket of the caller's departments, most urgent first, grouped as
 * Overdue, Due within 4 hours, Later (paused and no-SLA tickets are Later). `page` is the most
 * urgent tickets read; when the queue holds more, the answer says so.
 */
export const queueSnapshotAnswer = (page: PageOf<TicketListing>, counts: Record<'open' | 'in_progress' | 'waiting', number>, departmentNames: readonly string[]): SlackMessage => {
  const groups = new Map<UrgencyGroup, TicketListing[]>([
    ['overdue', []],
    ['due_soon', []],
    ['later', []],
  ]);
  for (const listing of page.rows) groups.get(urgencyGroupOf(listing.sla))?.push(listing);
  const where = departmentNames.map(escapeMrkdwn).join(', ');
  const countLine = (['open', 'in_progress', 'waiting'] as const).map((status) => `${STATUS_LABELS[status]}: ${counts[status].toLocaleString('en-US')}`).join(' · ');
  const blocks: KnownBlock[] = [header('Queue snapshot'), context(`${where} · ${countLine}`)];
  if (page.total === 0) blocks.push(section('No open tickets. :tada:'));
  const complete = page.rows.length >= page.total;
  // Most urgent first puts the groups one after another: only the last one read can be cut by the page.
  const lastRead = [...groups.entries()].filter(([, listings]) => listings.length > 0).at(-1)?.[0];
  for (const [group, listings] of groups) {
    if (listings.length === 0) continue;
    const shown = listings.slice(0, LIST_ROWS_MAX);
    const size = `${listings.length.toLocaleString('en-US')}${complete || group !== lastRead ? '' : '+'}`;
    blocks.push(section(`*${GROUP_TITLES[group]}* (${size})`), ...lineSections(shown.map(queueLine)));
    if (listings.length > shown.length) blocks.push(...moreLine(shown.length, listings.length));
  }
  if (!complete)
    blocks.push(
      context(
        `Only the ${page.rows.length.toLocaleString('en-US')} most urgent of ${page.total.toLocaleString('en-US')} open tickets are grouped here; see all of them in the Help Desk app's *Home* tab.`,
      ),
    );
  return { text: `Queue snapshot: ${page.total} open tickets in ${where}`, blocks };
};

/** `/ticket queue` from someone who is neither agent nor manager of any department. */
export const notStaffAnswer = (): SlackMessage =>
  plainAnswer("The queue is for a department's agents and managers, and helpdesk.yml names you in none. Your own tickets: `/ticket list`. To file one: `/ticket`.");
