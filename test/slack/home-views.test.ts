import type { KnownBlock } from '@slack/types';
import { viewProblems } from '../../src/sandbox/local-slack/block-kit-rules';
import { NO_FILTERS } from '../../src/services/home-state';
import { buildAgentHome } from '../../src/slack/views/agent-home.view';
import { HomeTicket, slaText, TicketPage } from '../../src/slack/views/home-rows';
import { buildHome, VIEW_BLOCKS_MAX } from '../../src/slack/views/home.view';
import { buildRequesterHome } from '../../src/slack/views/requester-home.view';
import { buildTicketHistoryModal } from '../../src/slack/views/ticket-history.view';
import { TicketEventRow } from '../../src/services/ports/records';
import { visibleText } from '../support/visible-text';

const NOW = new Date('2026-03-02T10:00:00Z');
const HOUR = 3_600_000;

const aTicket = (number: number, overrides: Partial<HomeTicket> = {}): HomeTicket => ({
  id: number,
  number,
  version: 1,
  summary: `Ticket ${number}`,
  status: 'open',
  priority: 'normal',
  departmentName: 'Support',
  assigneeId: null,
  updatedAt: NOW,
  sla: { kind: 'due', dueAt: new Date(NOW.getTime() + 5 * HOUR), leftMs: 5 * HOUR },
  cardUrl: `https://helpdesk-demo.slack.com/archives/C0SUPPORT/p${number}`,
  ...overrides,
});

const pageOf = (count: number, size: number, offset = 0, make: (n: number) => HomeTicket = (n) => aTicket(n)): TicketPage => ({
  rows: Array.from({ length: Math.max(0, Math.min(size, count - offset)) }, (_, index) => make(1001 + offset + index)),
  offset,
  total: count,
});

const labels = (blocks: readonly KnownBlock[]): string[] =>
  blocks.flatMap((block) => (block.type === 'actions' ? block.elements.flatMap((element) => ('text' in element && element.text ? [element.text.text] : [])) : []));

describe('the Home views', () => {
  it("shows the requester's open tickets with their state, View on each, Reopen only on resolved or closed ones, and New ticket", () => {
    const blocks = buildRequesterHome({
      open: { rows: [aTicket(1042, { summary: 'Entire mobile online banking is down', assigneeId: 'U0JOHN', status: 'in_progress' })], offset: 0, total: 1 },
      recent: { rows: [aTicket(1040, { status: 'resolved' }), aTicket(1039, { status: 'closed' })], offset: 0, total: 2 },
    });
    const text = visibleText({ blocks });
    expect(text).toContain('#1042');
    expect(text).toContain('Entire mobile online banking is down');
    expect(text).toContain('In progress · Support · <@U0JOHN>');
    expect(labels(blocks)).toEqual(['New ticket', 'View', 'View', 'Reopen', 'View', 'Reopen']);
  });

  it('pages a long list: says which rows are shown of how many and offers the rest, never cutting silently', () => {
    const first = buildRequesterHome({ open: pageOf(12, 5), recent: pageOf(0, 5) });
    expect(visibleText({ blocks: first })).toContain('Showing 1–5 of 12');
    expect(labels(first)).toContain('Show more (7 more)');
    expect(labels(first)).not.toContain('Previous');
    const last = buildRequesterHome({ open: pageOf(12, 5, 10), recent: pageOf(0, 5) });
    expect(visibleText({ blocks: last })).toContain('Showing 11–12 of 12');
    expect(labels(last)).toContain('Previous');
    expect(labels(last).some((label) => label.startsWith('Show more'))).toBe(false);
  });

  it("gives an agent's rows their SLA state, Open card and Assign to me (not on their own tickets), with counts and the filter bar", () => {
    const overdue = aTicket(1042, { priority: 'emergency', sla: { kind: 'overdue', dueAt: new Date(NOW.getTime() - 2 * HOUR), overdueMs: 2 * HOUR } });
    const blocks = buildAgentHome({
      agentId: 'U0JOHN',
      departments: [{ id: 1, name: 'Support' }],
      filters: NO_FILTERS,
      counts: { open: 3, in_progress: 1 },
      mine: { rows: [aTicket(1041, { assigneeId: 'U0JOHN' })], offset: 0, total: 1 },
      unassigned: { rows: [overdue], offset: 0, total: 1 },
    });
    const text = visibleText({ blocks });
    expect(text).toContain('Open: *3*');
    expect(text).toContain('*Overdue* by 2h');
    expect(text).toContain('5h left');
    expect(labels(blocks)).toEqual(['Search', 'Open card', 'Open card', 'Assign to me']);
    const filters = blocks.find((block) => block.block_id === 'home_agent_filters');
    expect(filters?.type === 'actions' && filters.elements.map((element) => element.action_id)).toEqual(['home_filter_department', 'home_filter_status', 'home_filter_priority', 'home_open_search']);
  });

  it('says time left, overdue since, paused and no SLA', () => {
    expect(slaText({ kind: 'due', dueAt: NOW, leftMs: 90 * 60_000 })).toContain('1h 30m left');
    expect(slaText({ kind: 'overdue', dueAt: NOW, overdueMs: 26 * HOUR })).toContain('Overdue* by 1d 2h');
    expect(slaText({ kind: 'paused', dueAt: NOW })).toContain('paused');
    expect(slaText({ kind: 'none' })).toBe('No SLA');
  });

  it('stacks every role within 100 blocks with 500 tickets, offering the rest of each list, and Slack accepts the view', () => {
    const many = (offset: number) => pageOf(500, 25, offset);
    const manager: KnownBlock[] = Array.from({ length: 20 }, (_, index) => ({ type: 'section', text: { type: 'mrkdwn', text: `figure ${index}` } }));
    const view = buildHome({
      requester: { open: many(0), recent: many(0) },
      agent: { agentId: 'U0JOHN', departments: [{ id: 1, name: 'Support' }], filters: NO_FILTERS, counts: { open: 500 }, mine: many(0), unassigned: many(0) },
      manager,
    });
    expect(view.blocks.length).toBeLessThanOrEqual(VIEW_BLOCKS_MAX);
    expect(viewProblems(view)).toEqual([]);
    const text = visibleText({ blocks: view.blocks });
    expect(text.match(/of 500/g)).toHaveLength(4);
    expect(text).toContain('figure 19');
  });

  it('shows the requester only the public history in View: never an internal note', () => {
    const event = (id: number, type: TicketEventRow['type'], text: string | null, actorId = 'U0KAREN'): TicketEventRow => ({ id, ticketId: 1, type, actorId, at: NOW, before: {}, after: {}, text });
    const modal = buildTicketHistoryModal(
      aTicket(1042),
      'Nothing loads',
      [event(1, 'created', null), event(2, 'noted', 'Root password is hunter2', 'U0JOHN'), event(3, 'replied', 'We are on it', 'U0JOHN'), event(4, 'requester_messaged', 'Thanks')],
      () => 'Support',
    );
    const text = visibleText({ blocks: modal.blocks });
    expect(text).toContain('Nothing loads');
    expect(text).toContain('We are on it');
    expect(text).toContain('Thanks');
    expect(text).not.toContain('hunter2');
    expect(viewProblems(modal)).toEqual([]);
  });
});
