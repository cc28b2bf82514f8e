import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** Where a test's app keeps its data: a fresh SQLite file, or a fresh PostgreSQL database. */
export interface TestDatabase {
  readonly kind: 'sqlite' | 'postgres';
  readonly url: string;
  drop(): Promise<void>;
}

/** The PostgreSQL server the suite runs against when it runs on PostgreSQL (see scripts/test-postgres.js). */
const postgresServer = (): string | null => (process.env.HELPDESK_TEST_DATABASE === 'postgres' ? (process.env.TEST_DATABASE_URL ?? null) : null);

export const onPostgres = (): boolean => postgresServer() !== null;

const withServer = async (serverUrl: string, statement: string): Promise<void> => {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
};

export const createTestDatabase = async (): Promise<TestDatabase> => {
  const server = postgresServer();
  if (!server) {
    const dir = mkdtempSync(join(tmpdir(), 'helpdesk-test-'));
    return { kind: 'sqlite', url: `sqlite:${join(dir, 'helpdesk.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  return { kind: 'postgres', ...(await createPostgresDatabase(server, 'helpdesk_test_')) };
};

/**
 * Creates a database of its own, named `prefix` and random hex, on the PostgreSQL server `serverUrl`
 * names: its URL, and `drop` to remove it (WITH (FORCE), so connections left open cannot keep it).
 */
export const createPostgresDatabase = async (serverUrl: string, prefix: string): Promise<{ readonly url: string; drop(): Promise<void> }> => {
  const name = `${prefix}${randomBytes(6).toString('hex')}`;
  await withServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => withServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
};
