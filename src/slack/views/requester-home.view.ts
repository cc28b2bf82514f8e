import type { Button, KnownBlock } from '@slack/types';
import { ids } from '../ids';
import { actions, button, header } from './blocks';
import { emptyList, homeActionId, HomeTicket, listHeading, pagerBlocks, requesterRowText, rowActions, rowValue, TicketPage } from './home-rows';
import { section } from './blocks';

/** What the requester's part of the Home shows: their open tickets and the recently resolved or closed ones, each a page. */
export interface RequesterHomeData {
  readonly open: TicketPage;
  readonly recent: TicketPage;
}

const requesterRow = (list: 'open' | 'recent', ticket: HomeTicket): KnownBlock[] => {
  const buttons: Button[] = [button('View', homeActionId(ids.home.view, list, ticket.id), rowValue(ticket))];
  // Reopen where the reopen rules allow it: a resolved or closed ticket, by its requester.
  if (ticket.status === 'resolved' || ticket.status === 'closed') buttons.push(button('Reopen', homeActionId(ids.home.reopen, list, ticket.id), rowValue(ticket)));
  return [section(requesterRowText(ticket)), rowActions(list, ticket, buttons)];
};

/**
 * The requester's section of the Home: a **New ticket** button, their open tickets (number,
 * summary, status, department, assignee, last update) and the recently resolved or closed ones,
 * each with **View** (the public history) and, on a resolved or closed one, **Reopen**. Lists
 * longer than a page end with a pager.
 */
export const buildRequesterHome = (data: RequesterHomeData): KnownBlock[] => [
  header('Your tickets'),
  actions('home_requester_top', [button('New ticket', ids.home.newTicket, 'new', 'primary')]),
  listHeading(`Open (${data.open.total})`),
  ...(data.open.rows.length === 0
    ? [emptyList('You have no open tickets. Press New ticket, or type /ticket, when something is wrong.')]
    : data.open.rows.flatMap((ticket) => requesterRow('open', ticket))),
  ...pagerBlocks('open', data.open),
  listHeading(`Recently resolved or closed (${data.recent.total})`),
  ...(data.recent.rows.length === 0 ? [emptyList('Nothing resolved or closed lately.')] : data.recent.rows.flatMap((ticket) => requesterRow('recent', ticket))),
  ...pagerBlocks('recent', data.recent),
];
