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

/**
 * How old the figures on a manager's App Home may be. A burst of ticket changes republishes the
 * Home every HOME_PUBLISH_DELAY_MS, and the figures count every open ticket of the departments
 * (on SQLite, in the app's own thread, while requests wait), so such a refresh reuses figures
 * counted this recently for the same departments, and says when they were counted. A Home the
 * manager opens, or acts on, counts afresh.
 */
export const HOME_FIGURES_MAX_AGE_MS = 15_000;
/** More departments sets than any organisation's managers have: past it, the remembered figures are forgotten. */
const REMEMBERED_SETS = 200;

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
  private readonly remembered = new Map<string, { at: Date; figures: readonly DepartmentFigures[] }>();

  /** `figuresMaxAgeMs`: how old the figures `recentOverviewFor` answers may be (business clock), HOME_FIGURES_MAX_AGE_MS by default; 0 counts every time. */
  constructor(
    private readonly statistics: ManagerStatistics,
    private readonly catalog: Catalog,
    private readonly clock: Clock,
    private readonly figuresMaxAgeMs: number = HOME_FIGURES_MAX_AGE_MS,
  ) {}

  /** The overview with its figures counted now. */
  overviewFor(userId: string, oldestLimit: number = OLDEST_OPEN_LIMIT): Promise<ManagerOverview> {
    return this.overview(userId, oldestLimit, false);
  }

  /** The overview for a Home republished after a change: figures counted for the same departments at most `figuresMaxAgeMs` ago are reused, and `at` says when they were counted. */
  recentOverviewFor(userId: string): Promise<ManagerOverview> {
    return this.overview(userId, OLDEST_OPEN_LIMIT, true);
  }

  private async overview(userId: string, oldestLimit: number, reuse: boolean): Promise<ManagerOverview> {
    const now = this.clock();
    const managed = (await this.catalog.listActiveDepartments()).filter((department) => department.managerIds.includes(userId));
    if (managed.length === 0) return { at: now, departments: [] };
    const key = `${oldestLimit}:${managed.map((department) => department.id).join(',')}`;
    const earlier = this.remembered.get(key);
    const fresh = reuse && earlier && now.getTime() - earlier.at.getTime() >= 0 && now.getTime() - earlier.at.getTime() < this.figuresMaxAgeMs;
    const { at, figures } = fresh ? earlier : { at: now, figures: await this.count(managed, now, oldestLimit) };
    if (!fresh) {
      if (this.remembered.size >= REMEMBERED_SETS) this.remembered.clear();
      this.remembered.set(key, { at, figures });
    }
    return this.assemble(managed, at, figures);
  }

  private count(managed: readonly { id: number }[], now: Date, oldestLimit: number): Promise<DepartmentFigures[]> {
    return this.statistics.departmentFigures({
      departmentIds: managed.map((department) => department.id),
      now,
      recentSince: new Date(now.getTime() - RECENT_DAYS * DAY_MS),
      measuredSince: new Date(now.getTime() - MEASURED_DAYS * DAY_MS),
      oldestLimit,
    });
  }

  private assemble(managed: readonly { id: number; name: string }[], at: Date, figures: readonly DepartmentFigures[]): ManagerOverview {
    const byId = new Map(figures.map((figure) => [figure.departmentId, figure]));
    const departments = managed.flatMap((department) => {
      const figure = byId.get(department.id);
      if (!figure) return [];
      const withinSlaShare = figure.resolvedWithSla === 0 ? null : figure.resolvedWithinSla / figure.resolvedWithSla;
      return [{ ...figure, name: department.name, withinSlaShare }];
    });
    return { at, departments };
  }
}
