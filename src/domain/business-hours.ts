/**
 * Working time in a time zone: weekly opening hours (split shifts allowed) and holidays.
 * Pure: time zones come from the runtime's Intl data; nothing reads the clock.
 */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Minutes after local midnight: [opens, closes). */
export type Shift = readonly [number, number];

export interface Schedule {
  readonly timezone: string;
  readonly hours: Readonly<Partial<Record<Weekday, readonly Shift[]>>>;
  /** Local dates, `YYYY-MM-DD`, when nothing is open. */
  readonly holidays: readonly string[];
}

/** A calendar day in some time zone. */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timezone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
};

export const isValidTimezone = (timezone: string): boolean => {
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
};

/** The wall-clock reading in `timezone` at `instant`, as if it were UTC. */
const wallClock = (instant: number, timezone: string): number => {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timezone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
};

const offsetAt = (instant: number, timezone: string): number => wallClock(instant, timezone) - Math.floor(instant / 1000) * 1000;

/**
 * The instant a local wall-clock time happens. A time skipped by a spring-forward change
 * resolves to the moment after the gap; a time that happens twice at fall-back, to the first.
 */
export const instantOf = (date: LocalDate, minutes: number, timezone: string): number => {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * 60_000;
  // The offsets in force half a day either side; at most one change happens in between.
  const offsetBefore = offsetAt(wall - 12 * 3600_000, timezone);
  const offsetAfter = offsetAt(wall + 12 * 3600_000, timezone);
  const exact = [wall - offsetBefore, wall - offsetAfter].filter((instant) => wallClock(instant, timezone) === wall).sort((a, b) => a - b);
  return exact[0] ?? wall - offsetBefore;
};

/** The calendar day `instant` falls on in `timezone`. */
export const localDateOf = (instant: number, timezone: string): LocalDate => {
  const wall = new Date(wallClock(instant, timezone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
};

/** The calendar day `days` after `date` (before it when negative). */
export const addDays = (date: LocalDate, days: number): LocalDate => {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
};

const isoDate = (date: LocalDate): string => `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;

const weekdayOf = (date: LocalDate): Weekday => WEEKDAYS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()] as Weekday;

/** The opening intervals of one local day, as instants. */
const openIntervals = (schedule: Schedule, date: LocalDate): [number, number][] => {
  if (schedule.holidays.includes(isoDate(date))) return [];
  return (schedule.hours[weekdayOf(date)] ?? []).map(([opens, closes]) => [instantOf(date, opens, schedule.timezone), instantOf(date, closes, schedule.timezone)]);
};

const hasAnyOpening = (schedule: Schedule): boolean => Object.values(schedule.hours).some((shifts) => (shifts ?? []).length > 0);

/** Walks the open intervals from `start` on, day by day, for at most ten years. */
function* openIntervalsFrom(schedule: Schedule, start: number): Generator<[number, number]> {
  if (!hasAnyOpening(schedule)) return;
  let date = localDateOf(start, schedule.timezone);
  for (let days = 0; days < 3660; days += 1) {
    for (const [opens, closes] of openIntervals(schedule, date)) {
      if (closes > start) yield [Math.max(opens, start), closes];
    }
    date = addDays(date, 1);
  }
}

/** Instants in milliseconds, [from, to): a stretch of time. `to` may be Infinity. */
export type Span = readonly [number, number];

/** Open intervals from `start` on; without a schedule, one that never ends. */
function* workingSpansFrom(schedule: Schedule | null, start: number): Generator<Span> {
  if (!schedule) {
    yield [start, Infinity];
    return;
  }
  yield* openIntervalsFrom(schedule, start);
}

/** `spans` with every part that falls in `excluded` (sorted by start) taken out. */
function* without(spans: Iterable<Span>, excluded: readonly Span[]): Generator<Span> {
  let first = 0;
  for (const [from, to] of spans) {
    while (first < excluded.length && (excluded[first] as Span)[1] <= from) first += 1;
    let cursor = from;
    for (let index = first; index < excluded.length && cursor < to; index += 1) {
      const [skipFrom, skipTo] = excluded[index] as Span;
      if (skipFrom >= to) break;
      if (skipFrom > cursor) yield [cursor, skipFrom];
      cursor = Math.max(cursor, skipTo);
    }
    if (cursor < to) yield [cursor, to];
  }
}

/**
 * The moment `seconds` of working time have passed since `start`. Without a schedule the
 * clock runs around the clock. Time outside opening hours, on holidays and weekends, does not
 * count, nor does time inside `excluded` (spans sorted by start, such as the SLA's pauses).
 */
export const addWorkingTime = (start: Date, seconds: number, schedule: Schedule | null, excluded: readonly Span[] = []): Date => {
  let remaining = seconds * 1000;
  let last = start.getTime();
  for (const [from, to] of without(workingSpansFrom(schedule, start.getTime()), excluded)) {
    if (remaining <= to - from) return new Date(from + remaining);
    remaining -= to - from;
    last = to;
  }
  // A schedule with no opening hours never reaches the end; treat that as never due.
  return new Date(Math.max(last, start.getTime()) + remaining + 3660 * 86_400_000);
};

/** Working time between two moments, in seconds (zero when `to` is not after `from`). */
export const workingSecondsBetween = (from: Date, to: Date, schedule: Schedule | null): number => {
  if (to.getTime() <= from.getTime()) return 0;
  if (!schedule) return (to.getTime() - from.getTime()) / 1000;
  let total = 0;
  for (const [opens, closes] of openIntervalsFrom(schedule, from.getTime())) {
    if (opens >= to.getTime()) break;
    total += Math.min(closes, to.getTime()) - opens;
  }
  return total / 1000;
};

/** Parses `09:00-13:00,14:00-17:00` into shifts; null when it is not of that form. */
export const parseShifts = (text: string): Shift[] | null => {
  const shifts: Shift[] = [];
  for (const part of text
    .split(',')
    .map((piece) => piece.trim())
    .filter(Boolean)) {
    const match = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(part);
    if (!match) return null;
    const [opensH, opensM, closesH, closesM] = match.slice(1).map(Number) as [number, number, number, number];
    const opens = opensH * 60 + opensM;
    const closes = closesH * 60 + closesM;
    if (opensM > 59 || closesM > 59 || opens >= closes || closes > 24 * 60) return null;
    const previous = shifts.at(-1);
    if (previous && opens < previous[1]) return null;
    shifts.push([opens, closes]);
  }
  return shifts;
};
