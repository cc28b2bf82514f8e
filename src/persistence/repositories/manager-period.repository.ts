import { EntityManager } from 'typeorm';
import { Priority, TicketStatus } from '../../domain/ticket';
import type { PeriodCounts, PeriodQuery, ReportTicket } from '../../services/ports/manager-statistics';
import { placeholderList, queryRows } from '../row-codec';
import { ManagerStatisticsRepository, satisfactionTallies } from './manager-statistics.repository';

const count = (value: unknown): number => Number(value ?? 0);
const instant = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(Number(value)));
const flag = (value: unknown): boolean | null => (value === null || value === undefined ? null : value === true || value === 1 || value === '1' || value === 't');

/**
 * The managers' figures over a period (the digest's last day and last 7 days, a report's days)
 * and the period's tickets for the report's CSV. Resolutions, first responses and satisfaction
 * answers are ranges of their partial indexes (migrations 1764800000000, 1765800000000); the
 * tickets filed in the period are counted from the tickets of those departments.
 */
export class ManagerPeriodRepository {
  constructor(private readonly manager: EntityManager) {}

  async periodCounts(query: PeriodQuery): Promise<PeriodCounts[]> {
    const ids = [...new Set(query.departmentIds)];
    if (ids.length === 0) return [];
    const range = [query.since.getTime(), query.until.getTime()];
    const opened = await this.byDepartment(
      `SELECT department_id, COUNT(*) AS n FROM tickets WHERE department_id IN ${placeholderList(ids)} AND created_at >= ? AND created_at < ? GROUP BY department_id`,
      [...ids, ...range],
    );
    const resolutions = await queryRows(
      this.manager,
      `SELECT department_id, COUNT(*) AS resolved,
         SUM(CASE WHEN resolved_within_sla IS NOT NULL THEN 1 ELSE 0 END) AS with_sla,
         SUM(CASE WHEN resolved_within_sla THEN 1 ELSE 0 END) AS within_sla
       FROM tickets WHERE department_id IN ${placeholderList(ids)} AND resolved_at >= ? AND resolved_at < ? GROUP BY department_id`,
      [...ids, ...range],
    );
    const firstResponses = await queryRows(
      this.manager,
      `SELECT department_id, COUNT(*) AS n,
         SUM(CASE WHEN first_response_due_at IS NOT NULL THEN 1 ELSE 0 END) AS with_sla,
         SUM(CASE WHEN first_response_at <= first_response_due_at THEN 1 ELSE 0 END) AS within_sla
       FROM tickets WHERE department_id IN ${placeholderList(ids)} AND first_response_at >= ? AND first_response_at < ? GROUP BY department_id`,
      [...ids, ...range],
    );
    const medians = await new ManagerStatisticsRepository(this.manager).medians(ids, { measuredSince: query.since, now: new Date(query.until.getTime() - 1) });
    const answers = await satisfactionTallies(this.manager, ids, query.since, new Date(query.until.getTime() - 1));
    return ids.map((departmentId) => {
      const resolved = resolutions.find((row) => count(row.department_id) === departmentId);
      const answered = firstResponses.find((row) => count(row.department_id) === departmentId);
      const median = (measure: string) => {
        const row = medians.find((candidate) => count(candidate.department_id) === departmentId && candidate.measure === measure);
        return row?.median_ms === null || row?.median_ms === undefined ? null : Math.round(Number(row.median_ms));
      };
      return {
        departmentId,
        opened: opened.get(departmentId) ?? 0,
        resolved: count(resolved?.resolved),
        resolvedWithSla: count(resolved?.with_sla),
        resolvedWithinSla: count(resolved?.within_sla),
        firstResponses: count(answered?.n),
        firstResponsesWithSla: count(answered?.with_sla),
        firstResponsesWithinSla: count(answered?.within_sla),
        medianFirstResponseMs: median('first_response'),
        medianResolutionMs: median('resolution'),
        satisfactionCount: answers.get(departmentId)?.count ?? 0,
        satisfactionAverage: answers.get(departmentId)?.average ?? null,
      };
    });
  }

  async periodTickets(query: PeriodQuery, limit: number): Promise<{ tickets: ReportTicket[]; more: boolean }> {
    const ids = [...new Set(query.departmentIds)];
    if (ids.length === 0) return { tickets: [], more: false };
    const within = (column: string) => `(t.${column} >= ? AND t.${column} < ?)`;
    const range = [query.since.getTime(), query.until.getTime()];
    const rows = await queryRows(
      this.manager,
      `SELECT t.number, t.department_id, t.help_topic_id, t.priority, t.status, t.created_at, t.first_response_at, t.resolved_at, t.closed_at, t.resolved_within_sla,
         CASE WHEN t.first_response_due_at IS NULL THEN NULL
           WHEN t.first_response_at IS NOT NULL THEN (CASE WHEN t.first_response_at <= t.first_response_due_at THEN 1 ELSE 0 END)
           WHEN t.first_response_due_at < ? THEN 0 END AS first_response_within_sla,
         s.rating
       FROM tickets t LEFT JOIN ticket_satisfaction s ON s.ticket_id = t.id
       WHERE t.department_id IN ${placeholderList(ids)} AND (${within('created_at')} OR ${within('resolved_at')} OR ${within('closed_at')})
       ORDER BY t.number LIMIT ?`,
      [query.until.getTime(), ...ids, ...range, ...range, ...range, limit + 1],
    );
    const tickets = rows.slice(0, limit).map((row): ReportTicket => ({
      number: count(row.number),
      departmentId: count(row.department_id),
      helpTopicId: count(row.help_topic_id),
      priority: row.priority as Priority,
      status: row.status as TicketStatus,
      createdAt: instant(row.created_at) ?? new Date(0),
      firstResponseAt: instant(row.first_response_at),
      resolvedAt: instant(row.resolved_at),
      closedAt: instant(row.closed_at),
      resolvedWithinSla: flag(row.resolved_within_sla),
      firstResponseWithinSla: flag(row.first_response_within_sla),
      satisfaction: row.rating === null || row.rating === undefined ? null : count(row.rating),
    }));
    return { tickets, more: rows.length > limit };
  }

  private async byDepartment(sql: string, parameters: readonly unknown[]): Promise<Map<number, number>> {
    return new Map((await queryRows(this.manager, sql, parameters)).map((row) => [count(row.department_id), count(row.n)]));
  }
}
