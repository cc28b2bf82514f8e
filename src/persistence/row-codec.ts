import { DataSource, EntityManager, EntitySchema } from 'typeorm';
import { isPostgres, returnedRows } from './bulk-sql';

/**
 * Hand-written SQL for the statements every ticket runs (read by id, insert), with rows converted
 * by the driver exactly as TypeORM converts them (column transformers, SQLite's 0/1 booleans,
 * PostgreSQL's bigint strings). TypeORM's query builder spent more time building and mapping
 * these statements than the database spent running them.
 */
export interface RowCodec<Row> {
  readonly table: string;
  /** Every column, quoted, in one order: for SELECT and RETURNING lists. */
  readonly columns: string;
  fromRaw(raw: Record<string, unknown>): Row;
  /** The quoted column names of `properties`, and the value each takes from `row`, as the driver stores it. */
  persist(row: Partial<Row>, properties: readonly (keyof Row & string)[]): { names: string[]; values: unknown[] };
}

type Entity<Row> = EntitySchema<Row>;

const codecs = new WeakMap<DataSource, Map<Entity<never>, RowCodec<never>>>();

const build = <Row>(dataSource: DataSource, entity: Entity<Row>): RowCodec<Row> => {
  const metadata = dataSource.getMetadata(entity);
  const driver = dataSource.driver;
  const quote = (name: string) => driver.escape(name);
  const byProperty = new Map(metadata.columns.map((column) => [column.propertyName, column]));
  return {
    table: quote(metadata.tableName),
    columns: metadata.columns.map((column) => quote(column.databaseName)).join(', '),
    fromRaw: (raw) => {
      const row: Record<string, unknown> = {};
      for (const column of metadata.columns) row[column.propertyName] = driver.prepareHydratedValue(raw[column.databaseName], column);
      return row as Row;
    },
    persist: (row, properties) => {
      const names: string[] = [];
      const values: unknown[] = [];
      for (const property of properties) {
        const column = byProperty.get(property);
        if (!column) throw new Error(`${metadata.tableName} has no column for ${property}`);
        names.push(quote(column.databaseName));
        // An absent value is stored as NULL: the statements here never rely on column defaults.
        values.push(driver.preparePersistentValue(row[property] ?? null, column));
      }
      return { names, values };
    },
  };
};

export const rowCodec = <Row>(manager: EntityManager, entity: Entity<Row>): RowCodec<Row> => {
  const dataSource = manager.connection;
  let forSource = codecs.get(dataSource);
  if (!forSource) codecs.set(dataSource, (forSource = new Map<Entity<never>, RowCodec<never>>()));
  let codec = forSource.get(entity as Entity<never>) as RowCodec<Row> | undefined;
  if (!codec) forSource.set(entity as Entity<never>, (codec = build(dataSource, entity) as RowCodec<never>));
  return codec;
};

/** Turns `?` placeholders into PostgreSQL's `$1, $2, …`; SQLite takes them as they are. Statements here never contain a literal `?`. */
export const placeholders = (manager: EntityManager, sql: string): string => {
  if (!isPostgres(manager)) return sql;
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
};

/** Runs a hand-written statement whose placeholders are `?`, and answers the rows it returned. */
export const queryRows = async (manager: EntityManager, sql: string, parameters: readonly unknown[]): Promise<Record<string, unknown>[]> =>
  returnedRows<Record<string, unknown>>(await manager.query(placeholders(manager, sql), [...parameters]));

/** `(?, ?, …)`: one placeholder for each of `values`, for an IN list or a VALUES row. */
export const placeholderList = (values: readonly unknown[]): string => `(${values.map(() => '?').join(', ')})`;

/** The rows matching a hand-written condition over the entity's columns (`?` placeholders; an ORDER BY or LIMIT may follow it). */
export const findRows = async <Row>(manager: EntityManager, entity: Entity<Row>, condition: string, parameters: readonly unknown[]): Promise<Row[]> => {
  const codec = rowCodec(manager, entity);
  return (await queryRows(manager, `SELECT ${codec.columns} FROM ${codec.table} WHERE ${condition}`, parameters)).map((row) => codec.fromRaw(row));
};

/** The first row matching a hand-written condition over the entity's columns (`?` placeholders), or null. */
export const findOneRow = async <Row>(manager: EntityManager, entity: Entity<Row>, condition: string, parameters: readonly unknown[]): Promise<Row | null> =>
  (await findRows(manager, entity, `${condition} LIMIT 1`, parameters))[0] ?? null;

/** What the database plans for a hand-written statement (`?` placeholders), as text; runs nothing. For tests that check an index is used. */
export const queryPlan = async (manager: EntityManager, sql: string, parameters: readonly unknown[]): Promise<string> => {
  if (isPostgres(manager)) {
    const rows: { 'QUERY PLAN': string }[] = await manager.query(`EXPLAIN ${placeholders(manager, sql)}`, [...parameters]);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  }
  const rows: { detail: string }[] = await manager.query(`EXPLAIN QUERY PLAN ${sql}`, [...parameters]);
  return rows.map((row) => row.detail).join('\n');
};
