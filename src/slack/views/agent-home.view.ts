import type { Button, KnownBlock, StaticSelect } from '@slack/types';
import { Priority, PRIORITIES, TICKET_STATUSES, TicketStatus } from '../../domain/ticket';
import { HomeFilters } from '../../services/home-state';
import { ids } from '../ids';
import { actions, button, context, header, linkButton, plain, section } from './blocks';
import { agentRowText, emptyList, homeActionId, HomeTicket, listHeading, pagerBlocks, rowActions, rowValue, TicketPage } from './home-rows';
import { offerChoices, SelectChoice } from './select-choices';
import { PRIORITY_LABELS, STATUS_LABELS } from './ticket-labels';

/** What the agent's part of the Home shows, for the departments they work in. */
export interface AgentHomeData {
  readonly agentId: string;
  /** The departments the person is an agent of, for the department filter. */
  readonly departments: readonly { readonly id: number; readonly name: string }[];
  readonly filters: HomeFilters;
  /** Open tickets per status in those departments (within the filters), statuses with none left out. */
  readonly counts: Partial<Record<TicketStatus, number>>;
  /** Tickets assigned to the agent, most urgent first. */
  readonly mine: TicketPage;
  /** Tickets nobody has, most urgent first. */
  readonly unassigned: TicketPage;
}

const ALL = 'all';

/**
 * A select of the Home's filter bar, "all" first; its current choice is shown as the initial
 * option. Every choice is offered (in option groups past 100, select-choices.ts).
 */
const filterSelect = (actionId: string, allLabel: string, choices: readonly SelectChoice[], current: string | null): StaticSelect => {
  const offered = offerChoices([{ name: allLabel, value: ALL }, ...choices]);
  return {
    type: 'static_select',
    action_id: actionId,
    placeholder: plain(allLabel),
    ...offered.choices,
    initial_option: offered.listed.find((candidate) => candidate.value === (current ?? ALL)) ?? offered.listed[0],
  };
};

/** Reads a filter select's chosen value back: `all` clears it. */
export const filterValue = (value: string): string | null => (value === ALL ? null : value);

const filterBar = (data: AgentHomeData): KnownBlock =>
  actions('home_agent_filters', [
    filterSelect(
      ids.home.filterDepartment,
      'All my departments',
      data.departments.map((department) => ({ name: department.name, value: String(department.id) })),
      data.filters.departmentId === null ? null : String(data.filters.departmentId),
    ),
    filterSelect(
      ids.home.filterStatus,
      'All open statuses',
      TICKET_STATUSES.filter((status) => status !== 'closed' && status !== 'resolved').map((status) => ({ name: STATUS_LABELS[status], value: status })),
      data.filters.status,
    ),
    filterSelect(
      ids.home.filterPriority,
      'All priorities',
      [...PRIORITIES].reverse().map((priority: Priority) => ({ name: PRIORITY_LABELS[priority].replace(/^:[a-z_]+: /, ''), value: priority })),
      data.filters.priority,
    ),
    button('Search', ids.search.openFromHome, 'search'),
  ]);

const countsLine = (data: AgentHomeData): string => {
  const { counts } = data;
  const parts = TICKET_STATUSES.filter((status) => (counts[status] ?? 0) > 0).map((status) => `${STATUS_LABELS[status]}: *${counts[status] ?? 0}*`);
  // A select lists only so many choices: say so rather than leave the other departments out silently.
  const offered = offerChoices([{ name: 'All', value: ALL }, ...data.departments.map((department) => ({ name: department.name, value: String(department.id) }))]).listed.length - 1;
  const unlisted = data.departments.length > offered ? `  ·  _The department filter lists ${offered} of your ${data.departments.length} departments; \`/ticket search\` finds tickets in any._` : '';
  return (parts.length > 0 ? parts.join('  ·  ') : 'No open tickets in your departments.') + unlisted;
};

const agentRow = (list: 'mine' | 'unassigned', ticket: HomeTicket, agentId: string): KnownBlock[] => {
  const buttons: Button[] = [];
  // The card's thread is the whole history, internal notes included.
  if (ticket.cardUrl) buttons.push(linkButton('Open card', homeActionId(ids.home.openCard, list, ticket.id), ticket.cardUrl));
  if (ticket.assigneeId !== agentId) buttons.push(button('Assign to me', homeActionId(ids.home.assignSelf, list, ticket.id), rowValue(ticket), 'primary'));
  return [section(agentRowText(ticket)), rowActions(list, ticket, buttons)];
};

/**
 * The agent's section of the Home: counts per status, the filter bar (department, status,
 * priority, and Search), **My queue** and **Unassigned** in their departments, most urgent first
 * (overdue, then due soonest, then priority), each row with its SLA state, **Open card** and
 * **Assign to me**. Lists longer than a page end with a pager.
 */
export const buildAgentHome = (data: AgentHomeData): KnownBlock[] => [
  header('Your queue'),
  context(countsLine(data)),
  filterBar(data),
  listHeading(`My queue (${data.mine.total})`),
  ...(data.mine.rows.length === 0 ? [emptyList('Nothing assigned to you here.')] : data.mine.rows.flatMap((ticket) => agentRow('mine', ticket, data.agentId))),
  ...pagerBlocks('mine', data.mine),
  listHeading(`Unassigned (${data.unassigned.total})`),
  ...(data.unassigned.rows.length === 0 ? [emptyList('Every ticket here has an agent.')] : data.unassigned.rows.flatMap((ticket) => agentRow('unassigned', ticket, data.agentId))),
  ...pagerBlocks('unassigned', data.unassigned),
];
