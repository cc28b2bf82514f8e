import { EntityManager } from 'typeorm';
import { PRIORITIES, Priority } from '../../domain/ticket';
import type { DepartmentFigures, DepartmentFiguresQuery, OpenStatus, OpenTicketSummary } from '../../services/ports/manager-statistics';
import { isPostgres } from '../bulk-sql';
import { placeholderList, queryRows } from '../row-codec';

const OPEN = `status IN ('open', 'in_progress', 'waiting')`;
/** How many departments' oldest open tickets one statement reads (SQLite's SQLITE_MAX_COMPOUND_SELECT is 500). */
const OLDEST_BATCH = 200;
/** The durations whose medians are kept, each from filing to the time in column `at`. */
const MEASURES = [
  { name: 'resolution', at: 'resolved_at', index: 'idx_tickets_resolutions' },
  { name: 'first_response', at: 'first_response_at', index: 'idx_tickets_first_responses' },
] as const;

type Raw = Record<string, unknown>;
const count = (value: unknown): number => Number(value ?? 0);
const epoch = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(Number(value)));

/**
 * The How did we do? answers of each department given from `since` to `until` (both included):
 * how many and their mean, one range of idx_ticket_satisfaction_answers (migration 1765800000000).
 */
export const satisfactionTallies = async (manager: EntityManager, ids: readonly number[], since: Date, until: Date): Promise<Map<number, { count: number; average: number | null }>> => {
  const rows = await queryRows(
    manager,
    `SELECT department_id, COUNT(*) AS answers, AVG(rating) AS average FROM ticket_satisfaction
     WHERE department_id IN ${placeholderList(ids)} AND rating IS NOT NULL AND answered_at >= ? AND answered_at <= ? GROUP BY department_id`,
    [...ids, since.getTime(), until.getTime()],
  );
  return new Map(rows.map((row) => [count(row.department_id), { count: count(row.answers), average: row.average === null ? null : Number(row.average) }]));
};

type Tally = { -readonly [K in keyof Omit<DepartmentFigures, 'departmentId' | 'oldestOpen' | 'openByStatus' | 'openByPriority'>]: DepartmentFigures[K] } & {
  openByStatus: Record<OpenStatus, number>;
  openByPriority: Record<Priority, number>;
};

const zeros = (): Tally => ({
  openByStatus: { open: 0, in_progress: 0, waiting: 0 },
  openByPriority: Object.fromEntries(PRIORITIES.map((priority) => [priority, 0])) as Record<Priority, number>,
  overdue: 0,
  escalated: 0,
  resolvedRecently: 0,
  medianFirstResponseMs: null,
  medianResolutionMs: null,
  resolvedWithinSla: 0,
  resolvedWithSla: 0,
  satisfactionCount: 0,
  satisfactionAverage: null,
});

/**
 * The managers' figures in a few statements, each a range of one partial index of migration
 * 1764800000000 (none walks closed tickets or the history): the open tickets' counts, the recent
 * resolutions' counts, the medians of the last 30 days' durations (see `medians`), and the oldest
 * open tickets of each department.
 */
export class ManagerStatisticsRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * `INDEXED BY` on SQLite: its planner, without statistics for every index, took a wider
   * non-covering index over these partial covering ones and read every open ticket's row.
   * PostgreSQL plans from its own statistics.
   */
  private using(index: string): string {
    return isPostgres(this.manager) ? '' : ` INDEXED BY ${index}`;
  }

  async departmentFigures(query: DepartmentFiguresQuery): Promise<DepartmentFigures[]> {
    const ids = [...new Set(query.departmentIds)];
    if (ids.length === 0) return [];
    const tallies = new Map(ids.map((id) => [id, zeros()]));
    const of = (row: Raw): Tally => tallies.get(count(row.department_id)) ?? zeros();
    const [open, resolutions, medians, oldest] = [await this.openCounts(ids, query), await this.resolutionCounts(ids, query), await this.medians(ids, query), await this.oldestOpen(ids, query)];
    for (const row of open) {
      const tally = of(row);
      const tickets = count(row.tickets);
      tally.openByStatus[row.status as OpenStatus] += tickets;
      tally.openByPriority[row.priority as Priority] += tickets;
      tally.overdue += count(row.overdue);
      tally.escalated += count(row.escalated);
    }
    for (const row of resolutions) {
      const tally = of(row);
      tally.resolvedRecently = count(row.recent);
      tally.resolvedWithSla = count(row.with_sla);
      tally.resolvedWithinSla = count(row.within_sla);
    }
    for (const [departmentId, answers] of await satisfactionTallies(this.manager, ids, query.measuredSince, query.now)) {
      const tally = tallies.get(departmentId);
      if (tally) [tally.satisfactionCount, tally.satisfactionAverage] = [answers.count, answers.average];
    }
    for (const row of medians) {
      const median = Math.round(Number(row.median_ms));
      if (row.measure === 'resolution') of(row).medianResolutionMs = median;
      else of(row).medianFirstResponseMs = median;
    }
    const oldestBy = new Map<number, OpenTicketSummary[]>();
    for (const row of oldest) oldestBy.set(count(row.department_id), [...(oldestBy.get(count(row.department_id)) ?? []), openTicketSummary(row)]);
    return ids.map((departmentId) => ({ departmentId, ...(tallies.get(departmentId) ?? zeros()), oldestOpen: oldestBy.get(departmentId) ?? [] }));
  }

  private openCounts(ids: readonly number[], query: DepartmentFiguresQuery): Promise<Raw[]> {
    return queryRows(
      this.manager,
      `SELECT department_id, status, priority, COUNT(*) AS tickets,
         SUM(CASE WHEN status <> 'waiting' AND due_at <= ? THEN 1 ELSE 0 END) AS overdue,
         SUM(CASE WHEN escalation_level > 0 THEN 1 ELSE 0 END) AS escalated
       FROM tickets${this.using('idx_tickets_open_counts')} WHERE department_id IN ${placeholderList(ids)} AND ${OPEN}
       GROUP BY department_id, status, priority`,
      [query.now.getTime(), ...ids],
    );
  }

  private resolutionCounts(ids: readonly number[], query: DepartmentFiguresQuery): Promise<Raw[]> {
    const since = Math.min(query.recentSince.getTime(), query.measuredSince.getTime());
    return queryRows(
      this.manager,
      `SELECT department_id,
         SUM(CASE WHEN resolved_at >= ? THEN 1 ELSE 0 END) AS recent,
         SUM(CASE WHEN resolved_at >= ? AND resolved_within_sla IS NOT NULL THEN 1 ELSE 0 END) AS with_sla,
         SUM(CASE WHEN resolved_at >= ? AND resolved_within_sla THEN 1 ELSE 0 END) AS within_sla
       FROM tickets${this.using('idx_tickets_resolutions')} WHERE department_id IN ${placeholderList(ids)} AND resolved_at >= ? AND resolved_at <= ?
       GROUP BY department_id`,
      [query.recentSince.getTime(), query.measuredSince.getTime(), query.measuredSince.getTime(), ...ids, since, query.now.getTime()],
    );
  }

  /**
   * The median durations: PostgreSQL's percentile_cont(0.5) in one statement; on SQLite, which
   * has none, the middle one or two of each department's durations in order (LIMIT … OFFSET over
   * the index range), whose mean is what percentile_cont answers. A window function over all of
   * them (ROW_NUMBER with COUNT) took SQLite several times as long.
   */
  async medians(ids: readonly number[], query: Pick<DepartmentFiguresQuery, 'measuredSince' | 'now'>): Promise<Raw[]> {
    const range = [query.measuredSince.getTime(), query.now.getTime()];
    if (isPostgres(this.manager)) {
      // Measures by their index: grouping by an integer sorts faster than by a text.
      const durations = MEASURES.map(
        ({ at }, index) => `SELECT department_id, ${index} AS measure, ${at} - created_at AS ms FROM tickets WHERE department_id IN ${placeholderList(ids)} AND ${at} >= ? AND ${at} <= ?`,
      );
      const rows = await queryRows(
        this.manager,
        `SELECT department_id, measure, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS median_ms FROM (${durations.join(' UNION ALL ')}) AS durations GROUP BY department_id, measure`,
        MEASURES.flatMap(() => [...ids, ...range]),
      );
      return rows.map((row) => ({ ...row, measure: MEASURES[count(row.measure)]?.name }));
    }
    const medians: Raw[] = [];
    for (const { name, at, index } of MEASURES) {
      const counts = await queryRows(
        this.manager,
        `SELECT department_id, COUNT(*) AS total FROM tickets${this.using(index)} WHERE department_id IN ${placeholderList(ids)} AND ${at} >= ? AND ${at} <= ? GROUP BY department_id`,
        [...ids, ...range],
      );
      for (const row of counts) {
        const total = count(row.total);
        const [middle] = await queryRows(
          this.manager,
          `SELECT AVG(ms) AS median_ms FROM (SELECT ${at} - created_at AS ms FROM tickets${this.using(index)} WHERE department_id = ? AND ${at} >= ? AND ${at} <= ? ORDER BY ms LIMIT ? OFFSET ?) AS middle`,
          [row.department_id, ...range, 2 - (total % 2), Math.floor((total - 1) / 2)],
        );
        medians.push({ department_id: row.department_id, measure: name, median_ms: middle?.median_ms });
      }
    }
    return medians;
  }

  /** Each department's oldest open tickets, OLDEST_BATCH departments a statement: SQLite refuses a compound SELECT of more than 500 terms ("too many terms in compound SELECT"). */
  private async oldestOpen(ids: readonly number[], query: DepartmentFiguresQuery): Promise<Raw[]> {
    if (query.oldestLimit <= 0) return [];
    const one = `SELECT * FROM (SELECT id, number, summary, status, priority, assignee_id, department_id, created_at, due_at, card_channel_id, card_ts
       FROM tickets${this.using('idx_tickets_open_oldest')} WHERE department_id = ? AND ${OPEN} ORDER BY created_at, id LIMIT ?) AS oldest`;
    const rows: Raw[] = [];
    for (let start = 0; start < ids.length; start += OLDEST_BATCH) {
      const batch = ids.slice(start, start + OLDEST_BATCH);
      rows.push(
        ...(await queryRows(
          this.manager,
          batch.map(() => one).join(' UNION ALL '),
          batch.flatMap((id) => [id, query.oldestLimit]),
        )),
      );
    }
    return rows;
  }
}

const openTicketSummary = (row: Raw): OpenTicketSummary => ({
  id: count(row.id),
  number: count(row.number),
  summary: String(row.summary),
  status: row.status as OpenStatus,
  priority: row.priority as Priority,
  assigneeId: (row.assignee_id as string | null) ?? null,
  createdAt: epoch(row.created_at) ?? new Date(0),
  dueAt: epoch(row.due_at),
  cardChannelId: (row.card_channel_id as string | null) ?? null,
  cardTs: (row.card_ts as string | null) ?? null,
});
