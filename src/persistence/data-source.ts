import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { DatabaseTarget } from '../config/env';
import { entities } from './entities';
import { bindNumbers } from './sqlite-number-binding';

const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** A DataSource for SQLite (better-sqlite3, WAL) or PostgreSQL. The schema comes only from migrations. */
export const createDataSource = (target: DatabaseTarget): DataSource => {
  const common = { entities, migrations, synchronize: false, migrationsRun: false, logging: false } as const;
  if (target.kind === 'postgres') {
    return new DataSource({ ...common, type: 'postgres', url: target.url, extra: { max: 10 } });
  }
  if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
  return bindNumbers(
    new DataSource({
      ...common,
      type: 'better-sqlite3',
      database: target.path,
      enableWAL: true,
      timeout: SQLITE_BUSY_TIMEOUT_MS,
      prepareDatabase: (db: { pragma: (statement: string) => unknown }) => {
        db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
        db.pragma('synchronous = NORMAL');
      },
    }),
  );
};
