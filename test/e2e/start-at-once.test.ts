import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { migrations } from '../../migrations';
import { parseDatabaseUrl } from '../../src/config/env';
import { createDataSource } from '../../src/persistence/data-source';
import { openDatabase } from '../../src/persistence/database';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { demoAppFolder } from '../support/app-folder';
import { BOT_TOKEN, SIGNING_SECRET, startLocalSlack } from '../support/helpdesk-harness';
import { requireBuiltApp, spawnApp, SpawnedApp } from '../support/spawned-app';
import { createTestDatabase, onPostgres, TestDatabase } from '../support/test-database';

/** What the database holds: each applied migration's name with how often it was recorded, and the departments. */
const contents = async (url: string) => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const applied = await client.query<{ name: string; times: string }>('SELECT name, count(*) AS times FROM migrations GROUP BY name ORDER BY name');
    const departments = await client.query<{ name: string }>('SELECT name FROM departments ORDER BY name');
    return { applied: applied.rows.map((row) => `${row.name} ×${row.times}`), departments: departments.rows.map((row) => row.name) };
  } finally {
    await client.end();
  }
};

const everyMigrationOnce = () => migrations.map((migration) => `${migration.name} ×1`).sort();

/**
 * Replicas of a deployment start together (a rollout, a scale-up, a host reboot). On PostgreSQL
 * the start-up work (migrations, then the helpdesk.yml sync) runs under an advisory lock, so two
 * processes starting at the same moment on a fresh database both start, and each migration runs
 * once. SQLite is one process's database (docs/operations.md), so this runs on PostgreSQL only.
 */
(onPostgres() ? describe : describe.skip)('replicas starting at the same moment on one PostgreSQL database', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => database.drop());

  it('applies each migration once when two processes migrate a fresh database at once', async () => {
    const target = parseDatabaseUrl(database.url);
    const [first, second] = await Promise.all([openDatabase(createDataSource(target)), openDatabase(createDataSource(target))]);
    if (!first || !second) throw new Error('unreachable');
    try {
      const applied = await Promise.all([first.migrate(), second.migrate()]);
      expect(applied.flat().sort()).toEqual(migrations.map((migration) => migration.name).sort());
      expect((await contents(database.url)).applied).toEqual(everyMigrationOnce());
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  describe('two app processes', () => {
    let dir: string;
    let slack: LocalSlack;
    let apps: SpawnedApp[];
    beforeAll(requireBuiltApp);
    beforeEach(async () => {
      dir = demoAppFolder('helpdesk-replicas-');
      slack = await startLocalSlack();
      apps = [];
    });
    afterEach(async () => {
      await Promise.all(apps.map((app) => app.stop()));
      await slack.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('both start, the migrations ran once and helpdesk.yml was stored once', async () => {
      const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, DATABASE_URL: database.url, LOG_LEVEL: 'info' };
      const started = await Promise.allSettled([spawnApp(dir, env), spawnApp(dir, env)]);
      apps = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
      expect(started.map((result) => (result.status === 'fulfilled' ? 'started' : String(result.reason)))).toEqual(['started', 'started']);

      for (const app of apps) expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
      const migrating = apps.map((app) => app.lines.filter((line) => line.includes('"msg":"migrations applied"')).length);
      expect(migrating.sort()).toEqual([0, 1]);
      expect(await contents(database.url)).toEqual({ applied: everyMigrationOnce(), departments: ['Support', 'Sys Admins'] });
    }, 40_000);
  });
});
