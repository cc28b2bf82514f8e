import { DEFAULT_FOLLOW_UPS, FollowUpPolicy } from '../domain/follow-ups';
import { SlaPolicy } from '../domain/sla-clock';
import { Clock } from './clock';
import { DepartmentRow, HelpTopicRow, SlaPlanRow } from './ports/records';
import { CatalogRecords } from './ports/ticket-store';

interface Snapshot {
  readonly departments: ReadonlyMap<number, DepartmentRow>;
  readonly topics: ReadonlyMap<number, HelpTopicRow>;
  readonly plans: ReadonlyMap<number, SlaPlanRow>;
  readonly policies: ReadonlyMap<number, SlaPolicy>;
  /** When it was read, in ms since the epoch (wall clock). */
  readonly loadedAt: number;
}

/** A plan as the SLA clock uses it. */
export const policyOf = (plan: SlaPlanRow): SlaPolicy => ({
  graceSeconds: plan.graceSeconds,
  schedule: plan.schedule,
  warnBeforeSeconds: plan.warnBeforeSeconds,
  escalateAfterBreachSeconds: plan.escalateAfterSeconds ?? [],
  firstResponseSeconds: plan.firstResponseSeconds ?? null,
});

/** A department's follow-ups, with issue 18's defaults for what it does not set (a row stored before them has none). */
export const followUpsOf = (department: Pick<DepartmentRow, 'followUps'>): FollowUpPolicy => ({ ...DEFAULT_FOLLOW_UPS, ...(department.followUps ?? {}) });

/** How old a snapshot may get before it is read again: how soon another instance's helpdesk.yml reaches this one. */
export const CATALOG_MAX_AGE_MS = 30_000;

/** In the order SQLite's ORDER BY name gives: by code unit. */
const byName = <Row extends { name: string }>(rows: Iterable<Row>): Row[] => [...rows].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
};

const byId = <Row extends { id: number }>(rows: readonly Row[]): Map<number, Row> => new Map(rows.map((row) => [row.id, deepFreeze(row)]));

/**
 * Departments, help topics and SLA plans, held in memory. They change only when helpdesk.yml is
 * synced, yet nearly every request and delivery reads them, and a query each time was the largest
 * part of a slash command's own work. This instance reloads them after its own sync (`refresh`),
 * and every CATALOG_MAX_AGE_MS in the background, so that a sync by another instance arrives too.
 * Rows are frozen: callers share them.
 */
export class Catalog {
  private snapshot: Snapshot | null = null;
  private reloading: Promise<Snapshot> | null = null;

  constructor(
    private readonly records: CatalogRecords,
    /** The wall clock a snapshot's age is measured on. */
    private readonly clock: Clock,
    private readonly maxAgeMs: number = CATALOG_MAX_AGE_MS,
  ) {}

  /** Reads everything again now; the next reads see it. */
  async refresh(): Promise<void> {
    // Not the reload that may be under way: it could have read before the change being refreshed for.
    this.keep(await this.read());
  }

  async listActiveTopics(): Promise<HelpTopicRow[]> {
    return byName([...(await this.current()).topics.values()].filter((topic) => topic.active));
  }

  async listActiveDepartments(): Promise<DepartmentRow[]> {
    return byName([...(await this.current()).departments.values()].filter((department) => department.active));
  }

  async listDepartments(): Promise<ReadonlyMap<number, DepartmentRow>> {
    return (await this.current()).departments;
  }

  /** Every help topic by id, deactivated ones too (old tickets and events still name them). */
  async listTopics(): Promise<ReadonlyMap<number, HelpTopicRow>> {
    return (await this.current()).topics;
  }

  /** Every SLA plan by id, deactivated ones too. */
  async listPlans(): Promise<ReadonlyMap<number, SlaPlanRow>> {
    return (await this.current()).plans;
  }

  async findTopic(id: number): Promise<HelpTopicRow | null> {
    return (await this.current()).topics.get(id) ?? null;
  }

  async findDepartment(id: number): Promise<DepartmentRow | null> {
    return (await this.current()).departments.get(id) ?? null;
  }

  async findPlan(id: number | null): Promise<SlaPlanRow | null> {
    return id === null ? null : ((await this.current()).plans.get(id) ?? null);
  }

  /** The plan as the SLA clock uses it; null for no plan (no due time). */
  async findPolicy(planId: number | null): Promise<SlaPolicy | null> {
    return planId === null ? null : ((await this.current()).policies.get(planId) ?? null);
  }

  async listPolicies(): Promise<ReadonlyMap<number, SlaPolicy>> {
    return (await this.current()).policies;
  }

  /** The snapshot; an old one is still answered while a fresh one loads, so no request waits on it. */
  private async current(): Promise<Snapshot> {
    const snapshot = this.snapshot;
    if (!snapshot) return this.keep(await this.load());
    if (this.clock().getTime() - snapshot.loadedAt > this.maxAgeMs && !this.reloading) {
      // On failure the old snapshot stays, and the next read past its age tries again.
      this.load().then(
        (fresh) => this.keep(fresh),
        () => undefined,
      );
    }
    return snapshot;
  }

  /** Keeps `fresh` unless a snapshot read after it is already kept. */
  private keep(fresh: Snapshot): Snapshot {
    if (!this.snapshot || this.snapshot.loadedAt <= fresh.loadedAt) this.snapshot = fresh;
    return this.snapshot;
  }

  private load(): Promise<Snapshot> {
    this.reloading ??= this.read().finally(() => {
      this.reloading = null;
    });
    return this.reloading;
  }

  private async read(): Promise<Snapshot> {
    const loadedAt = this.clock().getTime();
    const records = this.records;
    const [departments, topics, plans] = await Promise.all([records.listDepartments(), records.listTopics(), records.listPlans()]);
    return {
      departments: byId(departments),
      topics: byId(topics),
      plans: byId(plans),
      policies: new Map(plans.map((row) => [row.id, deepFreeze(policyOf(row))])),
      loadedAt,
    };
  }
}
