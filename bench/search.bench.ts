/**
 * `npm run bench`: ticket search over 1,000,000 tickets (the demo stories' summaries and details,
 * each with made-up words drawn with a long tail; every tenth with a reply or an internal note),
 * across 10 departments, on SQLite (FTS5) and on PostgreSQL (tsvector + GIN) when
 * BENCH_DATABASE_URL names a server: the benchmark then creates a database of its own there, and
 * drops it after. Reports the seed time, the index's size, and the time of a whole search as the
 * app runs it (rank, snippets, the tickets' rows), p50 and p99 per kind of query and overall.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Database } from '../src/persistence/database';
import { TicketSearchRepository } from '../src/persistence/repositories/ticket-search.repository';
import { Catalog } from '../src/services/catalog';
import { TicketSearchService } from '../src/services/ticket-search.service';
import { seedStoryTickets, STORY_SEED_NUMBER_BASE, variedWord } from './seed-story-tickets';
import { withOwnPostgresDatabase } from './bench-database';
import { openConfiguredStore } from '../test/support/configured-store';

/** BENCH_SEARCH_TICKETS seeds fewer (or more) tickets than the million the bar is set at. */
const TICKETS = Number(process.env.BENCH_SEARCH_TICKETS ?? 1_000_000);
const DEPARTMENTS = 10;
const ROUNDS = 20;

const CONFIG = `
departments:
${Array.from({ length: DEPARTMENTS }, (_, index) => `  - { name: Dept ${index}, channel: C0DEPT${index}, agents: [U0AGENT${index}], managers: [${index < 3 ? 'U0MGRALL' : `U0MGR${index}`}] }`).join('\n')}
help_topics:
  - { name: Outage, department: Dept 0, priority: high }
`;

/** What people search for, by kind; each is asked by an agent of one department and by a manager of three. */
const QUERIES: Record<string, readonly string[]> = {
  'story words (thousands of matches)': ['mobile banking', 'printer jams', 'vpn access vendor', 'password reset email', 'outlook password', 'badge reader offline'],
  'common words (tens of thousands)': ['error', 'please urgent', 'team affected', 'gateway timeouts', 'screenshot'],
  'rare words': [variedWord(3_500), variedWord(7_001), `${variedWord(6_000)} ${variedWord(2_222)}`, 'zzzunknownword'],
  'story word + rare word': [`banking ${variedWord(4_321)}`, `printer ${variedWord(5_555)}`],
  'reply and note words': ['certificate expired', 'firewall rule', 'restarted gateway'],
  'number and requester': [`#${STORY_SEED_NUMBER_BASE + 424_242}`, String(STORY_SEED_NUMBER_BASE + 7), 'U0REQ17', '<@U0REQ123> banking'],
};
const ASKERS = ['U0AGENT7', 'U0AGENT3', 'U0MGRALL'];

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const ms = (value: number): string => `${value.toFixed(1)} ms`;

const indexSize = async (db: Database): Promise<number> => {
  if (db.isSqlite) {
    const [row] = await db.manager.query<{ bytes: number }[]>(`SELECT sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'ticket_search%'`);
    return Number(row?.bytes ?? 0);
  }
  const [row] = await db.manager.query<{ bytes: string }[]>(`SELECT pg_total_relation_size('ticket_search') AS bytes`);
  return Number(row?.bytes ?? 0);
};

const run = async (label: string, url: string): Promise<void> => {
  const { db, store } = await openConfiguredStore(url, CONFIG);
  try {
    const seeding = performance.now();
    await seedStoryTickets(db, { count: TICKETS, departments: DEPARTMENTS, requesters: 1000, now: Date.now() });
    const seededIn = performance.now() - seeding;
    if (!db.isSqlite) await db.manager.query('VACUUM ANALYZE');
    const bytes = await indexSize(db);
    const catalog = new Catalog(store.direct.catalog, () => new Date());
    await catalog.refresh();
    const search = new TicketSearchService(new TicketSearchRepository(db.manager), catalog);
    const all: number[] = [];
    const lines: string[] = [];
    for (const [kind, texts] of Object.entries(QUERIES)) {
      const times: number[] = [];
      const totals: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const text of texts) {
          for (const asker of ASKERS) {
            const started = performance.now();
            const answer = await search.searchAs(asker, text);
            const took = performance.now() - started;
            if (!answer.ok) throw new Error(`${asker} could not search for ${text}: ${answer.error}`);
            // The first round warms the caches, as an app that has been running would have them.
            if (round > 0) times.push(took);
            if (round === 1) totals.push(answer.value.page.total);
          }
        }
      }
      times.sort((a, b) => a - b);
      all.push(...times);
      lines.push(
        `  ${kind}: p50 ${ms(percentile(times, 50))}, p99 ${ms(percentile(times, 99))}, max ${ms(times.at(-1) ?? NaN)} (matches per search ${Math.min(...totals).toLocaleString('en-US')} – ${Math.max(...totals).toLocaleString('en-US')})`,
      );
    }
    all.sort((a, b) => a - b);
    process.stdout.write(
      `${label}: search over ${TICKETS.toLocaleString('en-US')} tickets: p50 ${ms(percentile(all, 50))}, p99 ${ms(percentile(all, 99))} over ${all.length} searches; seeded in ${(seededIn / 1000).toFixed(1)} s (index filled in bulk after the load), index ${(bytes / 1024 / 1024).toFixed(0)} MB\n${lines.join('\n')}\n`,
    );
  } finally {
    await db.close();
  }
};

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-bench-'));
  try {
    // BENCH_SEARCH_ONLY=postgres skips SQLite, to measure PostgreSQL alone.
    if (process.env.BENCH_SEARCH_ONLY !== 'postgres') await run('SQLite', `sqlite:${join(dir, 'bench.sqlite')}`);
    const server = process.env.BENCH_DATABASE_URL;
    if (server) await withOwnPostgresDatabase(server, 'helpdesk_search_bench_', (url) => run('PostgreSQL', url));
    else process.stdout.write('PostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://… to include it)\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
