import { ValueTransformer } from 'typeorm';

/** Times are stored as epoch milliseconds: portable across SQLite and PostgreSQL, exact and index-friendly. */
export const epochMs = {
  to: (value: Date | null | undefined) => (value instanceof Date ? value.getTime() : value),
  from: (value: string | number | null) => (value === null || value === undefined ? null : new Date(Number(value))),
} satisfies ValueTransformer;

export const json: ValueTransformer = {
  to: (value: unknown) => (value === undefined ? undefined : JSON.stringify(value)),
  from: (value: string | null): unknown => (value === null || value === undefined ? null : JSON.parse(value)),
};

/** A list kept as JSON text; a missing value reads as an empty list. */
export const jsonList: ValueTransformer = {
  to: (value: unknown) => (value === undefined ? undefined : JSON.stringify(value)),
  from: (value: string | null): unknown => (value === null || value === undefined || value === '' ? [] : JSON.parse(value)),
};

export const timeColumn = (name: string, nullable = false) => ({ name, type: 'bigint' as const, nullable, transformer: epochMs });

/** SLA pauses as `[[fromMs, toMs], …]` in a text column. */
export const slaPauses: ValueTransformer = {
  to: (value: readonly { from: Date; to: Date }[] | undefined) => (value === undefined ? undefined : JSON.stringify(value.map((pause) => [pause.from.getTime(), pause.to.getTime()]))),
  from: (value: string | null) => (value === null || value === undefined ? [] : (JSON.parse(value) as [number, number][]).map(([from, to]) => ({ from: new Date(from), to: new Date(to) }))),
};
