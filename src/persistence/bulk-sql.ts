import { EntityManager } from 'typeorm';

/**
 * Helpers for the few statements written by hand to do many rows in one round trip: placeholders
 * in each database's style, and the rows a RETURNING clause gave back.
 */
export const isPostgres = (manager: EntityManager): boolean => manager.connection.options.type === 'postgres';

/** `rows` groups of `columns` placeholders; the first group casts, so PostgreSQL knows each column's type. */
export const valuesList = (manager: EntityManager, rows: number, casts: readonly (string | null)[]): string => {
  const postgres = isPostgres(manager);
  let index = 0;
  const groups: string[] = [];
  for (let row = 0; row < rows; row += 1) {
    const cells = casts.map((cast) => {
      const placeholder = postgres ? `$${++index}` : '?';
      return row === 0 && cast ? `CAST(${placeholder} AS ${cast})` : placeholder;
    });
    groups.push(`(${cells.join(', ')})`);
  }
  return groups.join(', ');
};

/** TypeORM answers an UPDATE … RETURNING on PostgreSQL with [rows, count], and with the rows elsewhere. */
export const returnedRows = <T>(raw: unknown): T[] => {
  if (Array.isArray(raw) && raw.length === 2 && Array.isArray(raw[0]) && typeof raw[1] === 'number') return raw[0] as T[];
  return Array.isArray(raw) ? (raw as T[]) : [];
};
