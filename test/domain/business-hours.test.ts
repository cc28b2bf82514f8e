import { addWorkingTime, instantOf, parseShifts, Schedule, workingSecondsBetween } from '../../src/domain/business-hours';

const NINE_TO_FIVE: [number, number][] = [[540, 1020]];
const OFFICE: Schedule = {
  timezone: 'America/New_York',
  hours: {
    mon: NINE_TO_FIVE,
    tue: NINE_TO_FIVE,
    wed: NINE_TO_FIVE,
    thu: NINE_TO_FIVE,
    fri: [
      [540, 780],
      [840, 1020],
    ],
  },
  holidays: ['2026-12-25', '2027-01-01'],
};
const H = 3600;
const at = (iso: string) => new Date(iso);
const due = (start: string, seconds: number, schedule: Schedule | null = OFFICE) => addWorkingTime(at(start), seconds, schedule).toISOString();

describe('addWorkingTime in office hours (America/New_York)', () => {
  it('counts within one day', () => {
    expect(due('2026-11-23T15:00:00Z', 4 * H)).toBe('2026-11-23T19:00:00.000Z'); // Mon 10:00 EST → 14:00
  });
  it('carries over night to the next morning', () => {
    expect(due('2026-11-23T15:00:00Z', 8 * H)).toBe('2026-11-24T15:00:00.000Z'); // Mon 10:00 → Tue 10:00
  });
  it('starts exactly at opening', () => {
    expect(due('2026-11-23T14:00:00Z', 8 * H)).toBe('2026-11-23T22:00:00.000Z'); // Mon 09:00 → 17:00
  });
  it('starts at the next opening when created exactly at closing', () => {
    expect(due('2026-11-23T22:00:00Z', 1 * H)).toBe('2026-11-24T15:00:00.000Z'); // Mon 17:00 → Tue 10:00
  });
  it('starts at the next opening when created in the evening', () => {
    expect(due('2026-11-26T01:00:00Z', 1 * H)).toBe('2026-11-26T15:00:00.000Z'); // Wed 20:00 → Thu 10:00
  });
  it('skips the weekend', () => {
    expect(due('2026-11-28T17:00:00Z', 8 * H)).toBe('2026-11-30T22:00:00.000Z'); // Sat noon → Mon 17:00
  });
  it('skips a holiday', () => {
    expect(due('2026-12-25T15:00:00Z', 2 * H)).toBe('2026-12-28T16:00:00.000Z'); // Christmas (Fri) → Mon 11:00
  });
  it('skips the lunch break of a split shift', () => {
    expect(due('2026-11-27T17:00:00Z', 2 * H)).toBe('2026-11-27T20:00:00.000Z'); // Fri 12:00 → 13:00, 14:00 → 15:00
  });
  it('crosses the spring-forward weekend with the new offset', () => {
    // Fri 2027-03-12 16:00 EST; one hour Friday, one hour on Monday 09:00 EDT.
    expect(due('2027-03-12T21:00:00Z', 2 * H)).toBe('2027-03-15T14:00:00.000Z');
  });
  it('crosses the fall-back weekend with the new offset', () => {
    // Fri 2026-10-30 16:00 EDT; one hour Friday, one hour on Monday 09:00 EST.
    expect(due('2026-10-30T20:00:00Z', 2 * H)).toBe('2026-11-02T15:00:00.000Z');
  });
  it('counts real elapsed time across a DST change on a round-the-clock schedule', () => {
    const allDay: [number, number][] = [[0, 1440]];
    const always: Schedule = { timezone: 'America/New_York', holidays: [], hours: { sun: allDay, mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay } };
    expect(due('2027-03-13T17:00:00Z', 24 * H, always)).toBe('2027-03-14T17:00:00.000Z');
    expect(due('2026-10-31T16:00:00Z', 24 * H, always)).toBe('2026-11-01T16:00:00.000Z');
  });
  it('runs around the clock without a schedule', () => {
    expect(due('2026-11-28T17:00:00Z', 8 * H, null)).toBe('2026-11-29T01:00:00.000Z');
  });
});

describe('local times around daylight-saving changes', () => {
  it('resolves a time skipped by spring-forward to just after the gap', () => {
    expect(new Date(instantOf({ year: 2027, month: 3, day: 14 }, 150, 'America/New_York')).toISOString()).toBe('2027-03-14T07:30:00.000Z');
  });
  it('resolves a time that happens twice at fall-back to the first one', () => {
    expect(new Date(instantOf({ year: 2026, month: 11, day: 1 }, 90, 'America/New_York')).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });
  it('handles zones east of UTC', () => {
    expect(new Date(instantOf({ year: 2026, month: 7, day: 1 }, 540, 'Europe/Berlin')).toISOString()).toBe('2026-07-01T07:00:00.000Z');
  });
});

describe('workingSecondsBetween', () => {
  it('counts only open time', () => {
    // Fri 12:00 → Mon 10:00: 1h before lunch, 3h after, 1h on Monday.
    expect(workingSecondsBetween(at('2026-11-27T17:00:00Z'), at('2026-11-30T15:00:00Z'), OFFICE)).toBe(5 * H);
  });
  it('is zero backwards and on a holiday', () => {
    expect(workingSecondsBetween(at('2026-11-30T15:00:00Z'), at('2026-11-27T17:00:00Z'), OFFICE)).toBe(0);
    expect(workingSecondsBetween(at('2026-12-25T14:00:00Z'), at('2026-12-25T22:00:00Z'), OFFICE)).toBe(0);
  });
});

describe('parseShifts', () => {
  it('reads single and split shifts', () => {
    expect(parseShifts('09:00-17:00')).toEqual([[540, 1020]]);
    expect(parseShifts('09:00-13:00, 14:00-17:00')).toEqual([
      [540, 780],
      [840, 1020],
    ]);
    expect(parseShifts('00:00-24:00')).toEqual([[0, 1440]]);
  });
  it.each(['17:00-09:00', '9-5', '09:00-13:00,12:00-17:00', '09:60-10:00', '09:00-24:30'])('rejects %p', (text) => {
    expect(parseShifts(text)).toBeNull();
  });
});
