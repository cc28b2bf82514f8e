import type { HomeView, KnownBlock } from '@slack/types';
import { buildAgentHome, AgentHomeData } from './agent-home.view';
import { context } from './blocks';
import { TicketPage } from './home-rows';
import { buildRequesterHome, RequesterHomeData } from './requester-home.view';

/** Slack's limit on blocks in a view (https://docs.slack.dev/reference/views/home-tab-views). */
export const VIEW_BLOCKS_MAX = 100;

/** Everything one person's Home shows: the sections of the roles they have (null: not theirs). */
export interface HomeData {
  readonly requester: RequesterHomeData;
  readonly agent: AgentHomeData | null;
  /** The manager's section, built by its own builder (manager-home.view.ts). */
  readonly manager: readonly KnownBlock[] | null;
}

const DIVIDER: KnownBlock = { type: 'divider' };

/** The first `rows` rows of a page: the pager then counts from there, so what is left is offered, not dropped. */
const firstRows = (page: TicketPage, rows: number): TicketPage => ({ ...page, rows: page.rows.slice(0, rows) });

const stack = (data: HomeData, rows: number): KnownBlock[] => {
  const sections: KnownBlock[][] = [];
  if (data.agent) sections.push(buildAgentHome({ ...data.agent, mine: firstRows(data.agent.mine, rows), unassigned: firstRows(data.agent.unassigned, rows) }));
  if (data.manager) sections.push([...data.manager]);
  sections.push(buildRequesterHome({ open: firstRows(data.requester.open, rows), recent: firstRows(data.requester.recent, rows) }));
  return sections.flatMap((blocks, index) => (index === 0 ? blocks : [DIVIDER, ...blocks]));
};

/**
 * A person's Home tab: the sections of each of their roles stacked (agent, manager, then their own
 * tickets as a requester), within Slack's 100 blocks. When the pages given do not fit, every list
 * shows fewer rows and its pager offers the rest; a manager section too large for any page size
 * is cut with a line that says so.
 */
export const buildHome = (data: HomeData): HomeView => {
  const longest = Math.max(data.requester.open.rows.length, data.requester.recent.rows.length, data.agent?.mine.rows.length ?? 0, data.agent?.unassigned.rows.length ?? 0, 1);
  for (let rows = longest; rows >= 1; rows -= 1) {
    const blocks = stack(data, rows);
    if (blocks.length <= VIEW_BLOCKS_MAX) return { type: 'home', callback_id: 'helpdesk_home', blocks };
  }
  const blocks = stack(data, 1);
  return { type: 'home', callback_id: 'helpdesk_home', blocks: [...blocks.slice(0, VIEW_BLOCKS_MAX - 1), context('_The Home is too long to show in full: use the filters, or /ticket queue._')] };
};
