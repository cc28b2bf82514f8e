import fc from 'fast-check';
import { formatSpan, slaStateOf, slaStateText, urgencyGroupOf } from '../../src/domain/sla-state';
import { aTicket, T0 } from './ticket-fixtures';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('the SLA state of a ticket at an instant', () => {
  const ticket = aTicket({ dueAt: at(4 * HOUR) });

  it('counts the time left, then the time overdue, on the clock it is given', () => {
    expect(slaStateText(slaStateOf(ticket, T0))).toBe('4h left');
    expect(slaStateText(slaStateOf(ticket, at(2 * HOUR + 15 * MINUTE)))).toBe('1h 45m left');
    expect(slaStateText(slaStateOf(ticket, at(4 * HOUR)))).toBe('overdue by under a minute');
    expect(slaStateText(slaStateOf(ticket, at(31 * HOUR)))).toBe('overdue by 1d 3h');
  });

  it('stands still while waiting on the requester, and says nothing without a due time or once resolved', () => {
    expect(slaStateText(slaStateOf({ ...ticket, status: 'waiting', slaPausedAt: T0 }, at(9 * HOUR)))).toBe('paused (waiting on the requester)');
    expect(slaStateOf({ ...ticket, dueAt: null }, T0)).toEqual({ kind: 'none' });
    expect(slaStateOf({ ...ticket, status: 'resolved' }, at(9 * HOUR))).toEqual({ kind: 'none' });
  });

  it('groups a queue as Overdue, Due within 4 hours, Later', () => {
    expect(urgencyGroupOf(slaStateOf(ticket, at(5 * HOUR)))).toBe('overdue');
    expect(urgencyGroupOf(slaStateOf(ticket, T0))).toBe('due_soon');
    expect(urgencyGroupOf(slaStateOf(ticket, at(-1)))).toBe('later');
    expect(urgencyGroupOf(slaStateOf({ ...ticket, status: 'waiting', slaPausedAt: T0 }, at(5 * HOUR)))).toBe('later');
  });

  it('writes any span in at most two units, never more than it is', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (ms) => {
        const text = formatSpan(ms);
        expect(text).toMatch(/^(under a minute|\d+d( \d+h)?|\d+h( \d+m)?|\d+m)$/);
        const units = { d: 24 * HOUR, h: HOUR, m: MINUTE } as Record<string, number>;
        const said = [...text.matchAll(/(\d+)([dhm])/g)].reduce((sum, [, n, unit]) => sum + Number(n) * units[unit!]!, 0);
        expect(said).toBeLessThanOrEqual(Math.abs(ms));
      }),
    );
  });
});
