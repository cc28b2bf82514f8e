import { Catalog } from '../../src/services/catalog';
import { ManagerOverviewService, MEASURED_DAYS, RECENT_DAYS } from '../../src/services/manager-overview.service';
import { DepartmentFigures, DepartmentFiguresQuery, ManagerStatistics, PeriodCounts, ReportTicket } from '../../src/services/ports/manager-statistics';
import { DepartmentRow } from '../../src/services/ports/records';
import { CatalogRecords } from '../../src/services/ports/ticket-store';

const NOW = new Date('2026-11-30T15:00:00Z');
const DAY = 86_400_000;

const department = (id: number, name: string, managerIds: string[], active = true): DepartmentRow => ({
  id,
  name,
  channelId: `C0D${id}`,
  agentIds: [],
  managerIds,
  slaPlanId: null,
  escalationChannelId: null,
  notify: {},
  satisfaction: true,
  digestCron: null,
  active,
});

const records = (departments: DepartmentRow[]): CatalogRecords => ({
  listDepartments: async () => departments,
  listTopics: async () => [],
  listPlans: async () => [],
  upsertByName: async () => ({ ids: new Map(), deactivated: [] }),
});

const figures = (departmentId: number, sla: { within: number; with: number }): DepartmentFigures => ({
  departmentId,
  openByStatus: { open: 1, in_progress: 0, waiting: 0 },
  openByPriority: { low: 0, normal: 1, high: 0, emergency: 0 },
  overdue: 0,
  escalated: 0,
  resolvedRecently: 0,
  medianFirstResponseMs: null,
  medianResolutionMs: null,
  resolvedWithinSla: sla.within,
  resolvedWithSla: sla.with,
  oldestOpen: [],
  satisfactionCount: 0,
  satisfactionAverage: null,
});

/** The statistics port as a table of answers, remembering what it was asked. */
class AnsweringStatistics implements ManagerStatistics {
  readonly asked: DepartmentFiguresQuery[] = [];
  constructor(private readonly answers: Map<number, DepartmentFigures>) {}
  async departmentFigures(query: DepartmentFiguresQuery): Promise<DepartmentFigures[]> {
    this.asked.push(query);
    return query.departmentIds.flatMap((id) => this.answers.get(id) ?? []);
  }
  periodCounts(): Promise<PeriodCounts[]> {
    throw new Error('the overview reads no period');
  }
  periodTickets(): Promise<{ tickets: ReportTicket[]; more: boolean }> {
    throw new Error('the overview lists no tickets');
  }
}

const serviceWith = (departments: DepartmentRow[], answers: DepartmentFigures[]) => {
  let now = NOW;
  const statistics = new AnsweringStatistics(new Map(answers.map((answer) => [answer.departmentId, answer])));
  const catalog = new Catalog(records(departments), () => now);
  const service = new ManagerOverviewService(statistics, catalog, () => now);
  return { service, statistics, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
};

describe('the manager overview service', () => {
  const departments = [department(1, 'Support', ['U0MIKE']), department(2, 'Sys Admins', ['U0MIKE', 'U0JERRY']), department(3, 'Archive', ['U0MIKE'], false), department(4, 'Billing', ['U0JERRY'])];
  const answers = [figures(1, { within: 3, with: 4 }), figures(2, { within: 0, with: 0 }), figures(4, { within: 1, with: 1 })];

  it('asks for the active departments the person manages, with windows of 7 and 30 days back from the business clock', async () => {
    const { service, statistics, advance } = serviceWith(departments, answers);
    advance(90 * 60_000);
    const overview = await service.overviewFor('U0MIKE', 3);
    const later = new Date(NOW.getTime() + 90 * 60_000);
    expect(statistics.asked).toEqual([
      { departmentIds: [1, 2], now: later, recentSince: new Date(later.getTime() - RECENT_DAYS * DAY), measuredSince: new Date(later.getTime() - MEASURED_DAYS * DAY), oldestLimit: 3 },
    ]);
    expect(overview.at).toEqual(later);
    expect(overview.departments.map((row) => row.name)).toEqual(['Support', 'Sys Admins']);
  });

  it('gives the share resolved within SLA, and none where nothing with a due time was resolved', async () => {
    const { service } = serviceWith(departments, answers);
    const overview = await service.overviewFor('U0MIKE');
    expect(overview.departments.map((row) => [row.name, row.withinSlaShare])).toEqual([
      ['Support', 0.75],
      ['Sys Admins', null],
    ]);
  });

  it('answers no departments, without asking the database, for someone who manages none', async () => {
    const { service, statistics } = serviceWith(departments, answers);
    expect((await service.overviewFor('U0KAREN')).departments).toEqual([]);
    expect(statistics.asked).toEqual([]);
  });
});
