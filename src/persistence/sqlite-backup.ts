import { DataSource } from 'typeorm';

/** What better-sqlite3 reports of a backup: the database's pages and those still to copy. */
interface BackupProgress {
  readonly totalPages: number;
  readonly remainingPages: number;
}

/** The part of better-sqlite3's `Database` a backup uses (its online backup API, `db.backup(file, { progress })`). */
interface OnlineBackupConnection {
  backup(destination: string, options: { progress: (progress: BackupProgress) => number }): Promise<BackupProgress>;
}

/** As many pages as better-sqlite3 lets one step copy: the whole database in one step. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the SQLite database behind `dataSource` (better-sqlite3) to a new file `destination`
 * with SQLite's online backup API, while other processes keep reading and writing it. The copy is
 * taken in one step, a read of one consistent state of the database (with WAL, writers go on
 * meanwhile; a step taken in pieces would restart whenever another process wrote between them).
 * Resolves with the number of pages copied.
 */
export const backUpSqliteDatabase = async (dataSource: DataSource, destination: string): Promise<number> => {
  if (dataSource.options.type !== 'better-sqlite3') throw new Error('backUpSqliteDatabase needs a SQLite database');
  // TypeORM's better-sqlite3 driver keeps the library's Database as `databaseConnection`.
  const connection = (dataSource.driver as unknown as { databaseConnection: OnlineBackupConnection }).databaseConnection;
  const done = await connection.backup(destination, { progress: () => ALL_PAGES });
  return done.totalPages;
};
