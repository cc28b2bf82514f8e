import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseEnv, readProcessEnv } from './config/env';
import { createDataSource } from './persistence/data-source';
import { backUpSqliteDatabase } from './persistence/sqlite-backup';

const USAGE = 'Usage: npm run backup -- <file>   (copies the SQLite database at DATABASE_URL to a new file)';

/**
 * `npm run backup -- <file>`: an online copy of the SQLite database, safe while the app runs.
 * Needs only DATABASE_URL; refuses to overwrite a file, and points PostgreSQL users to pg_dump.
 */
const backup = async (destination: string | undefined): Promise<string> => {
  if (!destination || destination.startsWith('-')) throw new Error(USAGE);
  // Backing up needs no Slack credentials, so placeholders satisfy the rest of the environment check.
  const env = parseEnv({ SLACK_BOT_TOKEN: 'xoxb-backup', SLACK_SIGNING_SECRET: 'backup-only', ...readProcessEnv() });
  if (!env.ok) throw new Error(env.error.join('\n'));
  const database = env.value.database;
  if (database.kind === 'postgres') throw new Error('DATABASE_URL names a PostgreSQL database: back it up with pg_dump (see "Backups" in docs/operations.md).');
  if (database.path === ':memory:' || !existsSync(database.path)) throw new Error(`there is no SQLite database at ${database.path} (DATABASE_URL).`);
  if (existsSync(destination) && statSync(destination).isDirectory()) {
    throw new Error(`${destination} is a folder: name a new file in it, such as ${join(destination, 'helpdesk.sqlite')}.`);
  }
  if (existsSync(destination)) throw new Error(`${destination} already exists: name a new file.`);
  if (resolve(destination) === resolve(database.path)) throw new Error('the backup must go to another file than the database.');
  mkdirSync(dirname(destination), { recursive: true });
  const dataSource = createDataSource(database);
  await dataSource.initialize();
  try {
    const pages = await backUpSqliteDatabase(dataSource, destination);
    return `Backed up ${database.path} to ${destination} (${pages} pages, ${Math.ceil(statSync(destination).size / 1024)} KiB).\n`;
  } finally {
    await dataSource.destroy();
  }
};

backup(process.argv[2]).then(
  (report) => process.stdout.write(report),
  (error: unknown) => {
    process.stderr.write(`Backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
