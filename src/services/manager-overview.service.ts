import { Catalog } from './catalog';
import { Clock } from './clock';
import { DepartmentFigures, ManagerStatistics } from './ports/manager-statistics';

const DAY_MS = 86_400_000;
/** "Resolved recently" means in the last 7 days. */
export const RECENT_DAYS = 7;
/** The medians and the SLA share cover the last 30 days. */
export const MEASURED_DAYS = 30;
/** How many of each department's oldest open tickets the overview lists by default. */
export const OLDEST_OPEN_LIMIT = 5;

/** One department in a manager's overview: its figures, its name, and the share resolved within SLA. */
export interface DepartmentOverview extends DepartmentFigures {
  readonly name: string;
  /** resolvedWithinSla / resolvedWithSla, from 0 to 1; null when nothing with a due time was resolved in the period. */
  readonly withinSlaShare: number | null;
}

/** What a manager sees of the departments they manage, at `at` (business clock); none when they manage none. */
export interface ManagerOverview {
  readonly at: Date;
  readonly departments: readonly DepartmentOverview[];
}

/**
 * The manager's overview (issue 16): for each active department whose `managers` in
 * helpdesk.yml list the person, the open tickets by status and priority, overdue now, escalated,
 * resolved in the last RECENT_DAYS days, the medians to first response and to resolution and the
 * share resolved within SLA over the last MEASURED_DAYS days, and the oldest open tickets.
 * Departments come in name order. Time is the business clock's.
 */
export class ManagerOverviewService {
  constructor(
    private readonly statistics: ManagerStatistics,
    private readonly catalog: Catalog,
    private readonly clock: Clock,
  ) {}

  async overviewFor(userId: string, oldestLimit: number = OLDEST_OPEN_LIMIT): Promise<ManagerOverview> {
    const now = this.clock();
    const managed = (await this.catalog.listActiveDepartments()).filter((department) => department.managerIds.includes(userId));
    if (managed.length === 0) return { at: now, departments: [] };
    const figures = await this.statistics.departmentFigures({
      departmentIds: managed.map((department) => department.id),
      now,
      recentSince: new Date(now.getTime() - RECENT_DAYS * DAY_MS),
      measuredSince: new Date(now.getTime() - MEASURED_DAYS * DAY_MS),
      oldestLimit,
    });
    const byId = new Map(figures.map((figure) => [figure.departmentId, figure]));
    const departments = managed.flatMap((department) => {
      const figure = byId.get(department.id);
      if (!figure) return [];
      const withinSlaShare = figure.resolvedWithSla === 0 ? null : figure.resolvedWithinSla / figure.resolvedWithSla;
      return [{ ...figure, name: department.name, withinSlaShare }];
    });
    return { at: now, departments };
  }
}
