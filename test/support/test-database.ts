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
  const name = `helpdesk_test_${randomBytes(6).toString('hex')}`;
  await withServer(server, `CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { kind: 'postgres', url: url.toString(), drop: () => withServer(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
};
