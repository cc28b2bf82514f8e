/**
 * `npm run bench`: the Home's reads on a database of 1,000,000 tickets (a year of history,
 * about 53,500 still open, over 10 departments), on SQLite and, when BENCH_DATABASE_URL names a
 * PostgreSQL server, on a database of its own created there and dropped afterwards:
 *   - the manager's statistics for the 3 departments they manage (300,000 tickets, about 16,000 open),
 *     target under 200 ms;
 *   - an agent's Home data (their queue, the unassigned tickets of their departments, counts per
 *     status) with about 10,700 open tickets in their 2 departments, target under 50 ms of database time.
 * Each read runs WARM_UP times unmeasured, then RUNS times; p50 and p99 are of those runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Database } from '../src/persistence/database';
import { SqlManagerStatistics } from '../src/persistence/manager-statistics';
import { loadWithSearchIndexInBulk } from '../src/persistence/search-index-bulk';
import { Catalog } from '../src/services/catalog';
import { ManagerOverviewService } from '../src/services/manager-overview.service';
import { QueueQuery, TicketLookupService } from '../src/services/ticket-lookup.service';
import { SqlTicketQueries } from '../src/persistence/ticket-queries';
import { seedTicketHistory } from './seed-history';
import { withOwnPostgresDatabase } from './bench-database';
import { openConfiguredStore } from '../test/support/configured-store';

const TICKETS = 1_000_000;
const OPEN = 50_000;
const DEPARTMENTS = 10;
const WARM_UP = 5;
const RUNS = 100;
const MANAGER = 'U0MGR';
const AGENT = 'U0JOHN';
const TARGETS = { manager: 200, agent: 50 };
/** Tickets per page of each of the agent's lists, as on the Home. */
const HOME_PAGE = 10;

const CONFIG = `
sla_plans:
  - name: Default
    grace_period: 24h
departments:
${Array.from(
  { length: DEPARTMENTS },
  (_, index) =>
    `  - { name: Dept ${index}, channel: C0DEPT${index}, agents: [${index < 2 ? `${AGENT}, ` : ''}U0AGENT${index}], managers: [${index < 3 ? `${MANAGER}, ` : ''}U0MGR${index}], sla: Default }`,
).join('\n')}
help_topics:
  - { name: Problem, department: Dept 0, priority: normal }
`;

interface Timing {
  readonly p50: number;
  readonly p99: number;
}

/** Nearest-rank percentiles of RUNS timed calls of `read`, after WARM_UP untimed ones. */
const time = async (read: () => Promise<unknown>): Promise<Timing> => {
  for (let run = 0; run < WARM_UP; run += 1) await read();
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now();
    await read();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const rank = (share: number) => times[Math.min(times.length - 1, Math.ceil(share * times.length) - 1)] ?? NaN;
  return { p50: rank(0.5), p99: rank(0.99) };
};

const report = (label: string, what: string, timing: Timing, target: number): boolean => {
  const ok = timing.p99 < target;
  process.stdout.write(`${label}: ${what}: p50 ${timing.p50.toFixed(1)} ms, p99 ${timing.p99.toFixed(1)} ms over ${RUNS} runs (target ${target} ms: ${ok ? 'met' : 'MISSED'})\n`);
  return ok;
};

const run = async (label: string, url: string): Promise<boolean> => {
  const { db, store } = await openConfiguredStore(url, CONFIG);
  try {
    const catalog = new Catalog(store.direct.catalog, () => new Date());
    await catalog.refresh();
    const departments = await catalog.listActiveDepartments();
    const [topic] = await catalog.listActiveTopics();
    const departmentIds = [...departments].sort((a, b) => a.id - b.id).map((department) => department.id);
    const now = Date.now();
    const seeding = performance.now();
    // The search index is built once after the load, as a restore would, not row by row.
    await loadWithSearchIndexInBulk(db, () =>
      seedTicketHistory(db, { count: TICKETS, open: OPEN, now, spanDays: 365, departmentIds, helpTopicId: topic?.id ?? 1, slaPlanId: departments[0]?.slaPlanId ?? 1, agentId: AGENT }),
    );
    // A database that has held its tickets a while has been analysed (autovacuum on PostgreSQL).
    await db.dataSource.query(db.isSqlite ? 'ANALYZE' : 'VACUUM ANALYZE');
    process.stdout.write(`${label}: seeded ${TICKETS.toLocaleString('en-US')} tickets in ${((performance.now() - seeding) / 1000).toFixed(1)} s\n`);

    const overview = new ManagerOverviewService(new SqlManagerStatistics(db), catalog, () => new Date(now));
    const figures = await overview.overviewFor(MANAGER);
    const open = figures.departments.reduce((sum, department) => sum + department.openByStatus.open + department.openByStatus.in_progress + department.openByStatus.waiting, 0);
    if (figures.departments.length !== 3 || open < 15_000) throw new Error(`unexpected figures: ${figures.departments.length} departments, ${open} open`);
    let met = report(label, `manager statistics (3 departments, ${open.toLocaleString('en-US')} open)`, await time(() => overview.overviewFor(MANAGER)), TARGETS.manager);
    met = (await agentHome(label, db, catalog, now)) && met;
    return met;
  } finally {
    await db.close();
  }
};

/**
 * An agent's Home data as the Home reads it (branch home's HomeService): a page of their queue
 * and of the unassigned tickets of their departments (HOME_PAGE tickets each, with totals) and the
 * open tickets per status, the three at once; then the same with the Home's filters set (one
 * department, high priority). Through TicketLookupService, so the time includes the in-memory
 * catalog and the SLA states, not only the database's.
 */
const agentHome = async (label: string, db: Database, catalog: Catalog, now: number): Promise<boolean> => {
  const lookup = new TicketLookupService(new SqlTicketQueries(db), catalog, () => new Date(now));
  const { agentOf } = await lookup.rolesOf(AGENT);
  const page = { limit: HOME_PAGE, offset: 0 };
  const home = (filters: Pick<QueueQuery, 'departmentId' | 'priorities'>) => () =>
    Promise.all([lookup.queue(AGENT, { scope: 'mine', ...filters }, page), lookup.queue(AGENT, { scope: 'unassigned', ...filters }, page), lookup.statusCounts(AGENT, filters.departmentId)]);
  const [, , counts] = await home({})();
  const open = counts ? counts.open + counts.in_progress + counts.waiting : 0;
  if (open < 10_000) throw new Error(`the agent's departments hold ${open} open tickets, fewer than 10,000`);
  const what = `agent Home (${agentOf.length} departments, ${open.toLocaleString('en-US')} open)`;
  let met = report(label, what, await time(home({})), TARGETS.agent);
  met = report(label, `${what}, filtered to one department and high priority`, await time(home({ departmentId: agentOf[0]?.id, priorities: ['high'] })), TARGETS.agent) && met;
  return met;
};

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-bench-'));
  let met = true;
  try {
    met = (await run('SQLite', `sqlite:${join(dir, 'bench.sqlite')}`)) && met;
    const server = process.env.BENCH_DATABASE_URL;
    if (server) met = (await withOwnPostgresDatabase(server, 'helpdesk_home_bench_', (url) => run('PostgreSQL', url))) && met;
    else process.stdout.write('PostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://… to include it)\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!met) process.exitCode = 1;
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
