import { EntityManager, EntitySchema } from 'typeorm';
import { isPostgres } from './bulk-sql';
import { placeholderList, queryPlan, queryRows, rowCodec } from './row-codec';

/**
 * The most bind parameters one PostgreSQL statement may carry: the protocol's Bind message counts
 * them in 16 bits (more wrap around: "bind message has 6557 parameter formats but 0 parameters").
 */
export const MAX_STATEMENT_PARAMETERS = 65_535;

/** A statement with `?` placeholders and its parameters: it never leaves the batch it was queued in. */
interface Statement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/**
 * The writes of one change, queued by the repositories that own them and run together: a unit of
 * work bound to one EntityManager (give the repositories the same one). A repository method that
 * takes a batch queues its write there instead of running it; `run()` runs them all, on PostgreSQL
 * as one statement of data-modifying CTEs (one round trip, atomic by itself), on SQLite one after
 * another (in process; the caller's transaction makes them atomic). The writes of one batch must
 * change different rows, and PostgreSQL does not promise the order of its parts. Writes whose
 * parameters would pass MAX_STATEMENT_PARAMETERS (a filing's Home publishes in a department of
 * thousands) run as several such statements, in the order queued, in one transaction.
 */
export class WriteBatch {
  private statements: Statement[] = [];

  constructor(private readonly manager: EntityManager) {}

  /** How many writes are queued. */
  get size(): number {
    return this.statements.length;
  }

  /** Queues a hand-written statement, `?` placeholders and their values: for repositories, whose SQL it stays. */
  add(sql: string, parameters: readonly unknown[]): this {
    this.statements.push({ sql, parameters });
    return this;
  }

  /** Queues `INSERT INTO table (columns) VALUES (?, …), …` of `rows`, each with the columns of `properties`, values stored as the driver stores them. */
  insert<Row>(entity: EntitySchema<Row>, rows: readonly Partial<Row>[], properties: readonly (keyof Row & string)[]): this {
    if (rows.length === 0) return this;
    const codec = rowCodec(this.manager, entity);
    const persisted = rows.map((row) => codec.persist(row, properties));
    const names = persisted[0]?.names ?? [];
    const group = placeholderList(names);
    return this.add(
      `INSERT INTO ${codec.table} (${names.join(', ')}) VALUES ${persisted.map(() => group).join(', ')}`,
      persisted.flatMap((row) => row.values),
    );
  }

  /** Queues `UPDATE table SET <changes> WHERE <condition>` (`?` placeholders), values stored as the driver stores them. */
  update<Row>(entity: EntitySchema<Row>, changes: Partial<Row>, condition: string, parameters: readonly unknown[]): this {
    const codec = rowCodec(this.manager, entity);
    const { names, values } = codec.persist(changes, Object.keys(changes) as (keyof Row & string)[]);
    return this.add(`UPDATE ${codec.table} SET ${names.map((name) => `${name} = ?`).join(', ')} WHERE ${condition}`, [...values, ...parameters]);
  }

  /** Runs every queued write together (see the class) and empties the batch. */
  async run(): Promise<void> {
    const statements = this.take();
    if (!isPostgres(this.manager) || statements.length <= 1) {
      for (const statement of statements) await queryRows(this.manager, statement.sql, statement.parameters);
      return;
    }
    const groups = withinParameterLimit(statements);
    const runGroups = async (manager: EntityManager) => {
      for (const group of groups) {
        const together = joined(group);
        await queryRows(manager, together.sql, together.parameters);
      }
    };
    if (groups.length === 1 || this.manager.queryRunner?.isTransactionActive) await runGroups(this.manager);
    else await this.manager.transaction(runGroups);
  }

  /**
   * Runs the queued writes one after another, in the order queued (one round trip each), and
   * empties the batch; with `returning` (a RETURNING list such as `id`), answers the rows each returned, in order.
   */
  async runEach(returning?: string): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = [];
    for (const statement of this.take()) rows.push(...(await queryRows(this.manager, returning ? `${statement.sql} RETURNING ${returning}` : statement.sql, statement.parameters)));
    return rows;
  }

  /** What the database plans for the queued writes, as `run()` would send them, as text; runs nothing (for tests that check an index is used). */
  async plan(): Promise<string> {
    const statements = isPostgres(this.manager) && this.statements.length > 1 ? withinParameterLimit(this.statements).map(joined) : this.statements;
    const plans: string[] = [];
    for (const statement of statements) plans.push(await queryPlan(this.manager, statement.sql, statement.parameters));
    return plans.join('\n');
  }

  private take(): Statement[] {
    const statements = this.statements;
    this.statements = [];
    return statements;
  }
}

/** One statement of data-modifying CTEs that runs them all (PostgreSQL). */
const joined = (statements: readonly Statement[]): Statement => ({
  sql: `WITH ${statements.map((statement, index) => `part_${index} AS (${statement.sql})`).join(', ')} SELECT 1`,
  parameters: statements.flatMap((statement) => statement.parameters),
});

/** `statements` cut, in order, into runs whose parameters together stay within MAX_STATEMENT_PARAMETERS (a statement over it alone is a run of its own). */
const withinParameterLimit = (statements: readonly Statement[]): Statement[][] => {
  const groups: Statement[][] = [];
  let current: Statement[] = [];
  let parameters = 0;
  for (const statement of statements) {
    if (current.length > 0 && parameters + statement.parameters.length > MAX_STATEMENT_PARAMETERS) {
      groups.push(current);
      current = [];
      parameters = 0;
    }
    current.push(statement);
    parameters += statement.parameters.length;
  }
  if (current.length > 0) groups.push(current);
  return groups;
};
