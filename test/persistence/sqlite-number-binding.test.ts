import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { bindNumbers } from '../../src/persistence/sqlite-number-binding';

type Escape = (sql: string, parameters: Record<string, unknown>, native: Record<string, unknown>) => [string, unknown[]];
const escapeOf = (dataSource: DataSource): Escape => {
  const driver = dataSource.driver as unknown as { escapeQueryWithParameters: Escape };
  return driver.escapeQueryWithParameters.bind(driver);
};

describe("the app's one TypeORM workaround: numbers bound, not written into SQLite statements", () => {
  let plain: DataSource;
  let bound: DataSource;
  const sql = 'SELECT :number AS number, :text AS text';
  const parameters = { number: 1042, text: 'Entire mobile online banking is down' };

  beforeAll(async () => {
    plain = await new DataSource({ type: 'better-sqlite3', database: ':memory:' }).initialize();
    bound = await bindNumbers(new DataSource({ type: 'better-sqlite3', database: ':memory:' })).initialize();
  });
  afterAll(async () => {
    await plain.destroy();
    await bound.destroy();
  });

  it('is still needed: TypeORM writes numbers into the statement text (when this fails, TypeORM binds them itself: remove the workaround)', () => {
    const [text, values] = escapeOf(plain)(sql, parameters, {});
    expect(text).toContain('1042');
    expect(values).not.toContain(1042);
  });

  it('binds numbers as parameters, so one query keeps one text whatever the numbers', () => {
    const [text, values] = escapeOf(bound)(sql, parameters, {});
    expect(text).not.toContain('1042');
    expect(values).toEqual([1042, 'Entire mobile online banking is down']);
    expect(escapeOf(bound)(sql, { ...parameters, number: 1043 }, {})[0]).toBe(text);
  });

  it('gives the same answers as TypeORM alone', async () => {
    const query = async (dataSource: DataSource): Promise<unknown> => {
      await dataSource.query('CREATE TABLE IF NOT EXISTS one (x INTEGER)');
      await dataSource.query('INSERT INTO one (x) VALUES (1)');
      return (await dataSource
        .createQueryBuilder()
        .select('x + :number', 'number')
        .addSelect(':text', 'text')
        .from('one', 'one')
        .where('x < :number')
        .setParameters(parameters)
        .getRawOne()) as unknown;
    };
    expect(await query(bound)).toEqual(await query(plain));
  });
});
