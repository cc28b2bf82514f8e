/**
 * `npm run bench`: the SLA sweep over 100,000 open tickets of which 1,000 are due, on SQLite
 * (and PostgreSQL when BENCH_DATABASE_URL points at one). Reports the sweep's wall time; the
 * alerts it queues are not delivered here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog } from '../src/services/catalog';
import { SlaSweepService } from '../src/services/sla-sweep.service';
import { SEED_NUMBER_BASE, seedOpenTickets } from './seed-tickets';
import { openConfiguredStore } from '../test/support/configured-store';

const OPEN_TICKETS = 100_000;
const DUE_TICKETS = 1_000;
const ROUNDS = 5;

const CONFIG = `
sla_plans:
  - name: SEV-A
    grace_period: 1h
    warn_before: 15m
    escalate_after_breach: [30m, 2h]
departments:
${Array.from({ length: 20 }, (_, index) => `  - { name: Dept ${index}, channel: C0DEPT${index}, agents: [U0AGENT${index}], managers: [U0MGR${index}], sla: SEV-A }`).join('\n')}
help_topics:
  - { name: Outage, department: Dept 0, priority: high, sla: SEV-A }
`;

const run = async (label: string, url: string): Promise<void> => {
  const { db, store } = await openConfiguredStore(url, CONFIG);
  try {
    const now = Date.now();
    const seeding = Date.now();
    await seedOpenTickets(db, { count: OPEN_TICKETS, due: DUE_TICKETS, departments: 20, now });
    const seededIn = Date.now() - seeding;
    // As in the app: departments and plans are read once, into memory.
    const catalog = new Catalog(store.direct.catalog, () => new Date());
    await catalog.refresh();
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      // Every round finds the same 1,000 tickets just past their due time: put them back before sweeping again.
      await db.transaction((manager) =>
        manager.query(`UPDATE tickets SET sla_stage = 1, sla_next_check_at = due_at WHERE number >= ${SEED_NUMBER_BASE} AND number < ${SEED_NUMBER_BASE + DUE_TICKETS}`),
      );
      const sweep = new SlaSweepService(
        store,
        catalog,
        () => new Date(now),
        () => new Date(now),
        () => undefined,
      );
      const report = await sweep.tick();
      if (report.escalated + report.breached + report.warned !== DUE_TICKETS) throw new Error(`expected ${DUE_TICKETS} alerts, got ${JSON.stringify(report)}`);
      times.push(report.durationMs);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    process.stdout.write(
      `${label}: SLA sweep over ${OPEN_TICKETS.toLocaleString('en-US')} open tickets, ${DUE_TICKETS.toLocaleString('en-US')} due: median ${median} ms, best ${times[0]} ms, worst ${times.at(-1)} ms over ${ROUNDS} runs (seeded in ${seededIn} ms)\n`,
    );
  } finally {
    await db.close();
  }
};

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-bench-'));
  try {
    await run('SQLite', `sqlite:${join(dir, 'bench.sqlite')}`);
    if (process.env.BENCH_DATABASE_URL) await run('PostgreSQL', process.env.BENCH_DATABASE_URL);
    else process.stdout.write('PostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://… to include it)\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
