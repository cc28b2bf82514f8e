import { latestSlotBetween } from '../../src/scheduler/digest-catch-up';

// Local times of the server's zone, as node-cron reads the digests' expressions.
const WEEKDAYS_AT_8 = '0 8 * * 1-5';

describe('the digest slot missed while the app was down', () => {
  it('is the latest slot before now, however many were missed', () => {
    const lastSent = new Date(2026, 10, 27, 8, 0); // Friday
    expect(latestSlotBetween(WEEKDAYS_AT_8, lastSent, new Date(2026, 11, 2, 9, 30))).toEqual(new Date(2026, 11, 2, 8, 0));
    // Over the weekend: Monday's, not Sunday's.
    expect(latestSlotBetween(WEEKDAYS_AT_8, lastSent, new Date(2026, 10, 30, 7, 59))).toBeNull();
    expect(latestSlotBetween(WEEKDAYS_AT_8, lastSent, new Date(2026, 10, 30, 8, 0))).toEqual(new Date(2026, 10, 30, 8, 0));
  });

  it('is none when the last slot sent is the latest', () => {
    const friday = new Date(2026, 10, 27, 8, 0);
    expect(latestSlotBetween(WEEKDAYS_AT_8, friday, new Date(2026, 10, 29, 23, 0))).toBeNull();
    expect(latestSlotBetween(WEEKDAYS_AT_8, friday, friday)).toBeNull();
  });

  it('reads minutes and seconds lists, and gives up on a slot too far back', () => {
    expect(latestSlotBetween('*/15 * * * *', new Date(2026, 10, 1), new Date(2026, 11, 2, 9, 52, 10))).toEqual(new Date(2026, 11, 2, 9, 45));
    expect(latestSlotBetween('*/10 * * * * *', new Date(2026, 10, 1), new Date(2026, 11, 2, 9, 52, 17))).toEqual(new Date(2026, 11, 2, 9, 52, 10));
    // The 29th of February is years away: nothing within the month looked back.
    expect(latestSlotBetween('0 8 29 2 *', new Date(2020, 0, 1), new Date(2026, 11, 2, 9, 30))).toBeNull();
  });

  it("is read in the department's time zone: 08:00 in New York is 13:00 UTC in winter and 12:00 UTC in summer", () => {
    const friday = new Date('2026-11-27T13:00:00Z');
    // Down from Friday to Wednesday 30 minutes after New York's 08:00: Wednesday's slot, at 13:00 UTC.
    expect(latestSlotBetween(WEEKDAYS_AT_8, friday, new Date('2026-12-02T13:30:00Z'), 'America/New_York')).toEqual(new Date('2026-12-02T13:00:00Z'));
    // At 12:30 UTC it is 07:30 in New York: the slot missed last is Tuesday's.
    expect(latestSlotBetween(WEEKDAYS_AT_8, friday, new Date('2026-12-02T12:30:00Z'), 'America/New_York')).toEqual(new Date('2026-12-01T13:00:00Z'));
    expect(latestSlotBetween(WEEKDAYS_AT_8, new Date('2026-07-01T00:00:00Z'), new Date('2026-07-03T12:30:00Z'), 'America/New_York')).toEqual(new Date('2026-07-03T12:00:00Z'));
    // Tokyo's Monday 08:00 is Sunday 23:00 UTC.
    expect(latestSlotBetween(WEEKDAYS_AT_8, friday, new Date('2026-11-30T00:00:00Z'), 'Asia/Tokyo')).toEqual(new Date('2026-11-29T23:00:00Z'));
  });
});
