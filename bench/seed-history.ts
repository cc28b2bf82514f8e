import { Database } from '../src/persistence/database';

/** Seeded ticket numbers, clear of the app's (from 1001) and of the other benchmarks' seeds. */
export const HISTORY_NUMBER_BASE = 30_000_000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface HistoryOptions {
  /** Tickets in all, the oldest filed `spanDays` before `now`, evenly apart. */
  readonly count: number;
  /**
   * About this many tickets are still open (open, in progress, waiting in turn): three in ten of
   * the newest `open / 0.3`, and the newest of the others, whose resolution would be in the
   * future. The rest were resolved, most also closed.
   */
  readonly open: number;
  readonly now: number;
  readonly spanDays: number;
  /** Department ids the tickets are spread over, in turn. */
  readonly departmentIds: readonly number[];
  readonly helpTopicId: number;
  readonly slaPlanId: number;
  /** Open tickets of the first two departments assigned to this agent: one in five. */
  readonly agentId: string;
}

/**
 * Fills the tickets table with a year of history in one INSERT … SELECT over a generated series
 * (generate_series on PostgreSQL, a recursive CTE on SQLite): every value is a function of the
 * row's index, so two runs seed the same tickets. Departments take the tickets in turn. Resolved tickets took 8 to 80 hours (within the
 * 24-hour plan when under 24), their first response 30 seconds to 8 hours; one open ticket in
 * thirteen is escalated; every priority in turn. No history events are written: the figures
 * read the tickets only.
 */
export const seedTicketHistory = async (db: Database, options: HistoryOptions): Promise<void> => {
  const step = Math.floor((options.spanDays * DAY) / options.count);
  const firstRecent = Math.max(0, options.count - Math.ceil(options.open / 0.3));
  const departments = options.departmentIds.length;
  const departmentOf = `CASE ${options.departmentIds.map((id, index) => `WHEN i % ${departments} = ${index} THEN ${id}`).join(' ')} END`;
  const agentDepartments = options.departmentIds.slice(0, 2).join(', ');
  const created = `(${options.now - options.spanDays * DAY} + i * ${step})`;
  const resolution = `(${8 * HOUR} + ((i * 7919) % ${72 * 60}) * ${MINUTE})`;
  const firstResponse = `(${30_000} + ((i * 104729) % ${8 * 60}) * ${MINUTE})`;
  const isOpen = `(i >= ${firstRecent} AND ((i / 10) % 10 < 3 OR ${created} + ${resolution} > ${options.now}))`;
  const status = `CASE WHEN ${isOpen} THEN (CASE i % 3 WHEN 0 THEN 'open' WHEN 1 THEN 'in_progress' ELSE 'waiting' END)
    WHEN ${created} + ${resolution} >= ${options.now - 3 * DAY} THEN 'resolved' ELSE 'closed' END`;
  const resolvedAt = `CASE WHEN ${isOpen} THEN NULL ELSE ${created} + ${resolution} END`;
  const columns = {
    number: `${HISTORY_NUMBER_BASE} + i`,
    status,
    priority: `CASE (i / 7) % 4 WHEN 0 THEN 'low' WHEN 1 THEN 'normal' WHEN 2 THEN 'high' ELSE 'emergency' END`,
    requester_id: `'U0REQ' || CAST(i % 5000 AS VARCHAR(8))`,
    assignee_id: `CASE WHEN NOT (${isOpen}) THEN 'U0AGENT' || CAST(i % 7 AS VARCHAR(2)) WHEN i % 3 = 0 THEN NULL
      WHEN ${departmentOf} IN (${agentDepartments}) AND (i / 100) % 10 < 3 THEN '${options.agentId}' ELSE 'U0AGENT' || CAST(i % 7 AS VARCHAR(2)) END`,
    department_id: departmentOf,
    help_topic_id: `${options.helpTopicId}`,
    sla_plan_id: `${options.slaPlanId}`,
    sla_from_topic: 'FALSE',
    summary: `'Seeded ticket ' || CAST(i AS VARCHAR(12))`,
    details: `''`,
    sla_started_at: created,
    due_at: `${created} + ${DAY}`,
    sla_next_check_at: `CASE WHEN ${isOpen} AND i % 3 <> 2 THEN ${created} + ${DAY} ELSE NULL END`,
    escalation_level: `CASE WHEN ${isOpen} AND i % 13 = 0 THEN 1 ELSE 0 END`,
    created_at: created,
    updated_at: `COALESCE(${resolvedAt}, ${created})`,
    resolved_at: resolvedAt,
    closed_at: `CASE WHEN ${isOpen} THEN NULL ELSE ${created} + ${resolution} + ${HOUR} END`,
    first_response_at: `CASE WHEN NOT (${isOpen}) THEN ${created} + ${firstResponse}
      WHEN i % 2 = 0 AND ${created} + ${firstResponse} <= ${options.now} THEN ${created} + ${firstResponse} ELSE NULL END`,
    resolved_within_sla: `CASE WHEN ${isOpen} THEN NULL WHEN ${resolution} <= ${DAY} THEN TRUE ELSE FALSE END`,
    version: '1',
  };
  const series = db.isSqlite
    ? `WITH RECURSIVE series(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM series WHERE i < ${options.count - 1}) SELECT ${Object.values(columns).join(', ')} FROM series`
    : `SELECT ${Object.values(columns).join(', ')} FROM generate_series(0::bigint, ${options.count - 1}) AS series(i)`;
  await db.transaction((manager) => manager.query(`INSERT INTO tickets (${Object.keys(columns).join(', ')}) ${series}`));
};
