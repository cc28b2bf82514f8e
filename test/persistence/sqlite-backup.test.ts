import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { backUpSqliteDatabase } from '../../src/persistence/sqlite-backup';

describe("the SQLite backup reaches better-sqlite3's Database through TypeORM's driver", () => {
  let dir: string;
  let dataSource: DataSource;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'helpdesk-backup-'));
    dataSource = await new DataSource({ type: 'better-sqlite3', database: join(dir, 'helpdesk.sqlite') }).initialize();
  });
  afterEach(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("still finds it where the backup looks (when this fails, TypeORM moved or renamed the driver's `databaseConnection`: change sqlite-backup.ts)", () => {
    const connection = (dataSource.driver as unknown as { databaseConnection?: { name?: unknown; backup?: unknown } }).databaseConnection;
    // better-sqlite3's Database names its file and has the online backup API.
    expect(connection?.name).toBe(join(dir, 'helpdesk.sqlite'));
    expect(typeof connection?.backup).toBe('function');
  });

  it('copies every page to a new file that opens with the same rows', async () => {
    await dataSource.query('CREATE TABLE tickets (number INTEGER, summary TEXT)');
    await dataSource.query('INSERT INTO tickets VALUES (1042, ?), (1043, ?)', ['Entire mobile online banking is down', "Michael's mail on an iPhone"]);
    const [{ page_count: pages }]: [{ page_count: number }] = await dataSource.query('PRAGMA page_count');
    const destination = join(dir, 'copy.sqlite');

    expect(await backUpSqliteDatabase(dataSource, destination)).toBe(pages);
    const copy = await new DataSource({ type: 'better-sqlite3', database: destination, readonly: true }).initialize();
    try {
      expect(await copy.query('SELECT number, summary FROM tickets ORDER BY number')).toEqual([
        { number: 1042, summary: 'Entire mobile online banking is down' },
        { number: 1043, summary: "Michael's mail on an iPhone" },
      ]);
    } finally {
      await copy.destroy();
    }
  });

  it('refuses a database that is not SQLite, with the reason', async () => {
    const postgres = new DataSource({ type: 'postgres', url: 'postgres://nobody@127.0.0.1:1/none' });
    await expect(backUpSqliteDatabase(postgres, join(dir, 'copy.sqlite'))).rejects.toThrow('backUpSqliteDatabase needs a SQLite database');
  });
});
