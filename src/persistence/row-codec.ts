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

/**
 * `UPDATE table SET <changes> WHERE <condition>` (`?` placeholders), values stored as the driver
 * stores them; answers how many rows it changed.
 */
export const updateRows = async <Row>(manager: EntityManager, entity: Entity<Row>, changes: Partial<Row>, condition: string, parameters: readonly unknown[]): Promise<number> => {
  const update = updateStatement(manager, entity, changes, condition, parameters);
  return (await queryRows(manager, `${update.sql} RETURNING id`, update.parameters)).length;
};

/** A statement with `?` placeholders and its parameters, to run alone or inside a larger one. */
export interface Statement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** `UPDATE table SET <changes> WHERE <condition>` (`?` placeholders), values stored as the driver stores them. */
export const updateStatement = <Row>(manager: EntityManager, entity: Entity<Row>, changes: Partial<Row>, condition: string, parameters: readonly unknown[]): Statement => {
  const codec = rowCodec(manager, entity);
  const { names, values } = codec.persist(changes, Object.keys(changes) as (keyof Row & string)[]);
  return { sql: `UPDATE ${codec.table} SET ${names.map((name) => `${name} = ?`).join(', ')} WHERE ${condition}`, parameters: [...values, ...parameters] };
};

/**
 * Runs statements that change different rows, all of them: on PostgreSQL as one statement of
 * data-modifying CTEs (one round trip, atomic by itself), on SQLite one after another (in
 * process; the caller's transaction makes them atomic).
 */
export const runTogether = async (manager: EntityManager, statements: readonly Statement[]): Promise<void> => {
  if (!isPostgres(manager) || statements.length <= 1) {
    for (const statement of statements) await queryRows(manager, statement.sql, statement.parameters);
    return;
  }
  await queryRows(
    manager,
    `WITH ${statements.map((statement, index) => `part_${index} AS (${statement.sql})`).join(', ')} SELECT 1`,
    statements.flatMap((statement) => statement.parameters),
  );
};

/** `INSERT INTO table (columns) VALUES (?, …), …` for rows persisted with the same columns. */
export const insertStatement = (codec: Pick<RowCodec<unknown>, 'table'>, rows: readonly { names: string[]; values: unknown[] }[]): Statement => {
  const names = rows[0]?.names ?? [];
  const group = placeholderList(names);
  return { sql: `INSERT INTO ${codec.table} (${names.join(', ')}) VALUES ${rows.map(() => group).join(', ')}`, parameters: rows.flatMap((row) => row.values) };
};
