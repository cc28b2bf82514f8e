import { DataSource } from 'typeorm';

/*
 * The one place the app works around TypeORM. test/persistence/sqlite-number-binding.test.ts
 * fails when TypeORM stops writing numbers into SQLite statements (then this module can go) or
 * when the driver method it wraps changes.
 */

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
 * one text (the app runs fewer than 100 distinct ones) and is prepared once. Wraps the driver's
 * `escapeQueryWithParameters` of this one DataSource; throws if the driver has no such method.
 */
export const bindNumbers = (dataSource: DataSource): DataSource => {
  const driver = dataSource.driver as unknown as SqliteDriver;
  if (typeof driver.escapeQueryWithParameters !== 'function') throw new Error('TypeORM changed: its SQLite driver has no escapeQueryWithParameters to bind numbers through');
  const escape = driver.escapeQueryWithParameters.bind(driver);
  driver.escapeQueryWithParameters = (sql, parameters, native) => {
    if (!parameters) return escape(sql, parameters, native);
    const wrapped = Object.fromEntries(Object.entries(parameters).map(([key, value]) => [key, typeof value === 'number' ? new BoundNumber(value) : value]));
    const [text, bound] = escape(sql, wrapped, native);
    return [text, bound.map((value) => (value instanceof BoundNumber ? value.value : value))];
  };
  return dataSource;
};
