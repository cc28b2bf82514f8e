import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { DatabaseTarget } from '../config/env';
import { entities } from './entities';

const SQLITE_BUSY_TIMEOUT_MS = 5000;

type Parameters = Record<string, unknown>;
type SqliteDriver = { escapeQueryWithParameters(sql: string, parameters: Parameters, native: Parameters): [string, unknown[]] };

/** A number on its way to a placeholder: TypeORM binds any object it does not recognise. */
class BoundNumber {
  constructor(readonly value: number) {}
}

/**
 * TypeORM's SQLite driver writes number parameters into the SQL text instead of binding them, so
 * nearly every query is new text: prepared again each time, and pushing the app's fixed queries out
 * of the statement cache. Here numbers are bound like the other parameters, so each query keeps
 * one text (the app runs fewer than 100 distinct ones) and is prepared once.
 */
const bindNumbers = (dataSource: DataSource): DataSource => {
  const driver = dataSource.driver as unknown as SqliteDriver;
  const escape = driver.escapeQueryWithParameters.bind(driver);
  driver.escapeQueryWithParameters = (sql, parameters, native) => {
    if (!parameters) return escape(sql, parameters, native);
    const wrapped = Object.fromEntries(Object.entries(parameters).map(([key, value]) => [key, typeof value === 'number' ? new BoundNumber(value) : value]));
    const [text, bound] = escape(sql, wrapped, native);
    return [text, bound.map((value) => (value instanceof BoundNumber ? value.value : value))];
  };
  return dataSource;
};

/** A DataSource for SQLite (better-sqlite3, WAL) or PostgreSQL. The schema comes only from migrations. */
export const createDataSource = (target: DatabaseTarget): DataSource => {
  const common = { entities, migrations, synchronize: false, migrationsRun: false, logging: false } as const;
  if (target.kind === 'postgres') {
    return new DataSource({ ...common, type: 'postgres', url: target.url, extra: { max: 10 } });
  }
  if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
  return bindNumbers(new DataSource({
    ...common,
    type: 'better-sqlite3',
    database: target.path,
    enableWAL: true,
    timeout: SQLITE_BUSY_TIMEOUT_MS,
    prepareDatabase: (db: { pragma: (statement: string) => unknown }) => {
      db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      db.pragma('synchronous = NORMAL');
    },
  }));
};
