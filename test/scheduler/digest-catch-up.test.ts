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
});
