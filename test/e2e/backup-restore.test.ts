import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDatabaseUrl } from '../../src/config/env';
import { createDataSource } from '../../src/persistence/data-source';
import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { SlackRequests } from '../../src/sandbox/local-slack/slack-requests';
import { demoAppFolder } from '../support/app-folder';
import { BOT_TOKEN, SIGNING_SECRET, startLocalSlack } from '../support/helpdesk-harness';
import { requireBuiltApp, SpawnedApp, spawnApp } from '../support/spawned-app';
import { onPostgres } from '../support/test-database';
import { karenTicketSubmission } from '../support/ticket-submission';

const root = resolve(__dirname, '..', '..');
const BACKUP = join(root, 'dist', 'src', 'backup.js');

/** Runs the backup command as `npm run backup -- <file>` does once built, and resolves with how it ended. */
const runBackup = (cwd: string, databaseUrl: string, file: string) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, [BACKUP, file], { cwd, env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('close', (code) => done({ code, stdout, stderr }));
  });

/** The tickets in a SQLite file, by number, read as another process would while the app runs. */
const ticketsIn = async (databaseUrl: string) => {
  const dataSource = await createDataSource(parseDatabaseUrl(databaseUrl)).initialize();
  try {
    return (await dataSource.manager.find(TicketEntity, { order: { number: 'ASC' } })).map((ticket) => `#${ticket.number} ${ticket.summary}`);
  } finally {
    await dataSource.destroy();
  }
};

/**
 * docs/operations.md's SQLite backup and restore, as an admin runs them: `npm run backup` while the
 * app takes tickets, then the app started on a copy of the backup. PostgreSQL is backed up with
 * pg_dump, so this runs on SQLite only.
 */
(onPostgres() ? describe.skip : describe)('backing up the SQLite database while the app runs, and restoring it', () => {
  let dir: string;
  let slack: LocalSlack;
  let apps: SpawnedApp[];
  beforeAll(requireBuiltApp);
  beforeEach(async () => {
    dir = demoAppFolder('helpdesk-backup-');
    slack = await startLocalSlack();
    apps = [];
  });
  afterEach(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await slack.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const startApp = async (databaseUrl: string) => {
    const app = await spawnApp(dir, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' });
    apps.push(app);
    return { app, requests: new SlackRequests(slack, `http://127.0.0.1:${app.port}`, SIGNING_SECRET) };
  };

  it('keeps every ticket filed before the backup; the restored database starts and numbers on from them', async () => {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.backup).toBe('node scripts/build.js --if-stale && node dist/src/backup.js');
    const live = `sqlite:${join(dir, 'data', 'helpdesk.sqlite')}`;
    const { app: running, requests } = await startApp(live);
    for (let index = 0; index < 5; index++) expect((await requests.interaction(karenTicketSubmission(slack, `VBEFORE${index}`, `Printer ${index} is jammed`))).status).toBe(200);

    // The backup runs while Karen files ten more tickets.
    const [backup, ...during] = await Promise.all([
      runBackup(dir, live, 'backups/helpdesk-monday.sqlite'),
      ...Array.from({ length: 10 }, (_, index) => requests.interaction(karenTicketSubmission(slack, `VDURING${index}`, `Scanner ${index} is offline`))),
    ]);
    expect(backup).toMatchObject({ code: 0, stderr: '' });
    expect(backup.stdout).toMatch(/^Backed up .*helpdesk\.sqlite to backups\/helpdesk-monday\.sqlite \(\d+ pages, \d+ KiB\)\.\n$/);
    expect(during.map((answer) => answer.status)).toEqual(Array.from({ length: 10 }, () => 200));
    await running.stop();

    // Restoring is copying the backup to where the app's database goes, with the app stopped.
    mkdirSync(join(dir, 'restored'));
    copyFileSync(join(dir, 'backups', 'helpdesk-monday.sqlite'), join(dir, 'restored', 'helpdesk.sqlite'));
    const restoredUrl = `sqlite:${join(dir, 'restored', 'helpdesk.sqlite')}`;
    const restored = await ticketsIn(restoredUrl);
    expect(restored.slice(0, 5)).toEqual([0, 1, 2, 3, 4].map((index) => `#${1001 + index} Printer ${index} is jammed`));
    // A consistent state: the tickets filed before the backup's moment, numbered without a gap.
    expect(restored.map((ticket) => ticket.split(' ')[0])).toEqual(restored.map((_, index) => `#${1001 + index}`));
    expect(restored.length).toBeLessThanOrEqual(15);

    const { app: afterRestore, requests: restoredRequests } = await startApp(restoredUrl);
    expect(afterRestore.lines.filter((line) => line.includes('"msg":"migrations applied"'))).toEqual([]);
    expect((await restoredRequests.interaction(karenTicketSubmission(slack, 'VAFTER', 'Badge reader at the door is dead'))).status).toBe(200);
    expect((await ticketsIn(restoredUrl)).slice(-1)).toEqual([`#${1001 + restored.length} Badge reader at the door is dead`]);
  }, 60_000);

  it('refuses to overwrite a file, and points PostgreSQL users to pg_dump', async () => {
    writeFileSync(join(dir, 'taken.sqlite'), 'an earlier backup');
    const live = `sqlite:${join(dir, 'data', 'helpdesk.sqlite')}`;
    await (await startApp(live)).app.stop();
    expect(await runBackup(dir, live, 'taken.sqlite')).toEqual({ code: 1, stdout: '', stderr: 'Backup failed: taken.sqlite already exists: name a new file.\n' });
    expect(readFileSync(join(dir, 'taken.sqlite'), 'utf8')).toBe('an earlier backup');
    mkdirSync(join(dir, 'backups'), { recursive: true });
    expect(await runBackup(dir, live, 'backups')).toEqual({
      code: 1,
      stdout: '',
      stderr: `Backup failed: backups is a folder: name a new file in it, such as ${join('backups', 'helpdesk.sqlite')}.\n`,
    });
    expect(await runBackup(dir, 'postgres://helpdesk@db:5432/helpdesk', 'b.sqlite')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Backup failed: DATABASE_URL names a PostgreSQL database: back it up with pg_dump (see "Backups" in docs/operations.md).\n',
    });
  });
});
