import fc from 'fast-check';
import type { KnownBlock } from '@slack/types';
import { viewProblems } from '../../src/sandbox/local-slack/block-kit-rules';
import { DepartmentOverview, ManagerOverview } from '../../src/services/manager-overview.service';
import { OpenTicketSummary } from '../../src/services/ports/manager-statistics';
import { buildManagerHome, formatSpan, ManagerHomeOptions } from '../../src/slack/views/manager-home.view';
import { visibleText } from '../support/visible-text';

const AT = new Date('2026-11-30T15:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const aTicket = (number: number, overrides: Partial<OpenTicketSummary> = {}): OpenTicketSummary => ({
  id: number - 1000,
  number,
  summary: `Ticket ${number}`,
  status: 'open',
  priority: 'normal',
  assigneeId: null,
  createdAt: new Date(AT.getTime() - 5 * HOUR),
  dueAt: null,
  cardChannelId: 'C0SUPPORT',
  cardTs: `1764500000.00${number}`,
  ...overrides,
});

const support: DepartmentOverview = {
  departmentId: 1,
  name: 'Support',
  openByStatus: { open: 1, in_progress: 1, waiting: 0 },
  openByPriority: { low: 0, normal: 0, high: 1, emergency: 1 },
  overdue: 1,
  escalated: 1,
  resolvedRecently: 1,
  medianFirstResponseMs: 62.5 * MINUTE,
  medianResolutionMs: 15 * HOUR + 20 * MINUTE,
  resolvedWithinSla: 1,
  resolvedWithSla: 2,
  withinSlaShare: 0.5,
  satisfactionCount: 3,
  satisfactionAverage: 4 + 1 / 3,
  oldestOpen: [
    aTicket(1004, { summary: 'Printer on floor 3 prints blank pages', status: 'in_progress', priority: 'high', assigneeId: 'U0JOHN' }),
    aTicket(1005, { summary: 'Card payments fail at checkout', priority: 'emergency', createdAt: new Date(AT.getTime() - 3 * HOUR), dueAt: new Date(AT.getTime() - 2 * HOUR), cardTs: null }),
  ],
};

const quiet = (departmentId: number, name: string): DepartmentOverview => ({
  ...support,
  departmentId,
  name,
  openByStatus: { open: 0, in_progress: 0, waiting: 0 },
  openByPriority: { low: 0, normal: 0, high: 0, emergency: 0 },
  overdue: 0,
  escalated: 0,
  resolvedRecently: 0,
  medianFirstResponseMs: null,
  medianResolutionMs: null,
  resolvedWithinSla: 0,
  resolvedWithSla: 0,
  withinSlaShare: null,
  satisfactionCount: 0,
  satisfactionAverage: null,
  oldestOpen: [],
});

const cardUrl: ManagerHomeOptions['cardUrl'] = (ticket) =>
  ticket.cardChannelId && ticket.cardTs ? `https://helpdesk-demo.slack.com/archives/${ticket.cardChannelId}/p${ticket.cardTs.replace('.', '')}` : null;
const build = (departments: DepartmentOverview[], blockBudget = 100) => buildManagerHome({ at: AT, departments }, { blockBudget, cardUrl });
const textOf = (blocks: KnownBlock[]) => visibleText({ blocks });
const home = (blocks: KnownBlock[]) => ({ type: 'home', blocks });

describe("the manager's Home section", () => {
  it('shows each figure of a department compactly', () => {
    const text = textOf(build([support]));
    for (const expected of [
      'Departments you manage',
      '*Support*',
      '*Open*\n2 (1 open, 1 in progress)',
      '*Open by priority*\n2 (1 emergency, 1 high)',
      '*Overdue now*\n:warning: 1',
      '*Escalated, open*\n1',
      '*Resolved, last 7 days*\n1',
      '*Within SLA, last 30 days*\n50% (1 of 2)',
      '*Median first response, 30 days*\n1 h 2 min',
      '*Median resolution, 30 days*\n15 h 20 min',
      '*Satisfaction, 30 days*\n4.3/5 from 3',
    ]) {
      expect(text).toContain(expected);
    }
    expect(viewProblems(home(build([support])))).toEqual([]);
  });

  it('lists the oldest open tickets linked to their cards, with who has them and whether they are overdue', () => {
    const text = textOf(build([support]));
    expect(text).toContain('• <https://helpdesk-demo.slack.com/archives/C0SUPPORT/p1764500000001004|#1004> Printer on floor 3 prints blank pages · In progress · high · <@U0JOHN> · opened');
    // No card yet: the number without a link.
    expect(text).toMatch(/• #1005 Card payments fail at checkout · Open · emergency · _unassigned_ · opened .* · :warning: overdue since <!date\^1796043600\^/);
  });

  it('says how many open tickets are not listed, never leaving them out silently', () => {
    const busy = { ...support, openByStatus: { open: 40, in_progress: 2, waiting: 0 } };
    expect(textOf(build([busy]))).toContain('_and 40 more open_');
  });

  it('says when nothing is measured yet and nothing is open', () => {
    const text = textOf(build([quiet(2, 'Sys Admins')]));
    expect(text).toContain('*Within SLA, last 30 days*\n_none resolved with an SLA_');
    expect(text).toContain('*Median resolution, 30 days*\n_none yet_');
    expect(text).toContain('No open tickets.');
  });

  it('shows what a person typed as typed: no channel ping, no forged link, long summaries cut', () => {
    const hostile = { ...support, oldestOpen: [aTicket(1010, { summary: `<!channel> <https://evil.example|click> ${'x'.repeat(150)}` })] };
    const text = textOf(build([hostile]));
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('x…');
  });

  it('has no section for someone who manages no department', () => {
    expect(build([])).toEqual([]);
  });

  it('keeps to its block budget, naming the departments it had no room for', () => {
    const departments = Array.from({ length: 30 }, (_, index) => ({ ...support, departmentId: index + 1, name: `Dept ${String(index + 1).padStart(2, '0')}` }));
    const blocks = build(departments, 20);
    // A header, then 6 departments of 2 blocks with a divider between them (18), then the line:
    // a seventh department (3 more blocks) would leave no room for it.
    expect(blocks).toHaveLength(19);
    expect(textOf(blocks)).toContain('…and 24 more departments with no room left on this Home: Dept 07, Dept 08');
    expect(build(departments, 1)).toHaveLength(1);
    expect(textOf(build(departments, 1))).toContain('…and 30 more departments');
    expect(build(departments, 0)).toEqual([]);
  });

  it('whatever the departments and the budget: within the budget and Slack’s rules, every department shown or named', () => {
    const department = fc.record({
      name: fc.string({ minLength: 1, maxLength: 100 }),
      open: fc.nat(5000),
      summaries: fc.array(fc.string({ maxLength: 150 }), { maxLength: 10 }),
    });
    fc.assert(
      fc.property(fc.array(department, { maxLength: 40 }), fc.integer({ min: 0, max: 100 }), (drawn, blockBudget) => {
        const departments = drawn.map(({ name, open, summaries }, index): DepartmentOverview => ({
          ...support,
          departmentId: index + 1,
          name: `D${index} ${name}`,
          openByStatus: { open: open + summaries.length, in_progress: 0, waiting: 0 },
          oldestOpen: summaries.map((summary, at) => aTicket(2000 + at, { summary: summary.trim() === '' ? 'x' : summary })),
        }));
        const blocks = buildManagerHome({ at: AT, departments } satisfies ManagerOverview, { blockBudget, cardUrl });
        expect(blocks.length).toBeLessThanOrEqual(blockBudget);
        if (departments.length > 0 && blockBudget > 0) {
          expect(viewProblems(home(blocks))).toEqual([]);
          const text = textOf(blocks);
          const shown = departments.filter((_, index) => text.includes(`*D${index} `)).length;
          const named = Number(/…and (\d+) more department/.exec(text)?.[1] ?? 0);
          expect(shown + named).toBe(departments.length);
        }
      }),
    );
  });
});

describe('durations as people read them', () => {
  it.each([
    [30_000, 'under 1 min'],
    [45 * MINUTE, '45 min'],
    [3 * HOUR, '3 h'],
    [3 * HOUR + 20 * MINUTE, '3 h 20 min'],
    [47 * HOUR + 59 * MINUTE, '47 h 59 min'],
    [50 * HOUR, '2 d 2 h'],
    [72 * HOUR, '3 d'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatSpan(ms)).toBe(text);
  });
});
