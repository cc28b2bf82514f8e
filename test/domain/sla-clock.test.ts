import { Schedule } from '../../src/domain/business-hours';
import { dueSlaStages, followSlaClock, nextSlaCheck, SlaPolicy } from '../../src/domain/sla-clock';
import { transition } from '../../src/domain/ticket-transitions';
import { aTicket, agent, requester } from './ticket-fixtures';

const NINE_TO_FIVE: [number, number][] = [[540, 1020]];
const OFFICE: Schedule = { timezone: 'America/New_York', holidays: [], hours: { mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE, fri: NINE_TO_FIVE } };
const DEFAULT: SlaPolicy = { graceSeconds: 8 * 3600, schedule: OFFICE, warnBeforeSeconds: 3600, escalateAfterBreachSeconds: [] };
const SEV_A: SlaPolicy = { graceSeconds: 3600, schedule: null, warnBeforeSeconds: 900, escalateAfterBreachSeconds: [1800, 7200] };
const at = (iso: string) => new Date(iso);

describe('SLA alert stages', () => {
  const dueAt = at('2026-11-23T16:00:00Z');
  it('warns, breaches and escalates in order', () => {
    expect(nextSlaCheck(dueAt, SEV_A, 0)).toEqual(at('2026-11-23T15:45:00Z'));
    expect(nextSlaCheck(dueAt, SEV_A, 1)).toEqual(dueAt);
    expect(nextSlaCheck(dueAt, SEV_A, 2)).toEqual(at('2026-11-23T16:30:00Z'));
    expect(nextSlaCheck(dueAt, SEV_A, 3)).toEqual(at('2026-11-23T18:00:00Z'));
    expect(nextSlaCheck(dueAt, SEV_A, 4)).toBeNull();
  });
  it('lists every stage that fell due while nobody looked', () => {
    expect(dueSlaStages(dueAt, SEV_A, 0, at('2026-11-23T17:00:00Z')).map((stage) => stage.stage)).toEqual([1, 2, 3]);
    expect(dueSlaStages(dueAt, SEV_A, 2, at('2026-11-23T17:00:00Z')).map((stage) => stage.stage)).toEqual([3]);
  });
  it('has no warning stage when the plan has none, and nothing without a plan', () => {
    expect(nextSlaCheck(dueAt, { ...SEV_A, warnBeforeSeconds: null }, 0)).toEqual(dueAt);
    expect(nextSlaCheck(dueAt, null, 0)).toBeNull();
  });
});

describe('the SLA clock follows the ticket', () => {
  const created = at('2026-11-23T15:00:00Z'); // Mon 10:00 EST
  const ticket = aTicket({ status: 'in_progress', assigneeId: 'U0JOHN', slaStartedAt: created, dueAt: at('2026-11-24T15:00:00Z'), slaNextCheckAt: at('2026-11-24T14:00:00Z') });

  it('pauses while waiting on the requester and adds the paused working time back', () => {
    const waitingAt = at('2026-11-23T20:00:00Z'); // Mon 15:00: 5h used, 3h left (Mon 15-17, Tue 9-10)
    const waiting = transition(ticket, { type: 'reply', message: 'Which printer?', keepOpen: false }, agent, waitingAt, { sla: DEFAULT });
    if (!waiting.ok) throw new Error(waiting.error.code);
    expect(waiting.value.ticket).toMatchObject({ status: 'waiting', slaPausedAt: waitingAt, slaNextCheckAt: null });

    const answeredAt = at('2026-11-24T21:00:00Z'); // Tue 16:00: 1h today, 2h on Wednesday
    const answered = transition(waiting.value.ticket, { type: 'requester_message', text: 'The one on 3rd floor' }, requester, answeredAt, { sla: DEFAULT });
    if (!answered.ok) throw new Error(answered.error.code);
    expect(answered.value.ticket).toMatchObject({ status: 'in_progress', slaPausedAt: null, dueAt: at('2026-11-25T16:00:00Z'), slaStage: 0 });
    expect(answered.value.ticket.slaNextCheckAt).toEqual(at('2026-11-25T15:00:00Z'));
  });

  it('stops on resolve and restarts with a fresh grace period on reopen', () => {
    const resolved = transition(ticket, { type: 'resolve', note: 'Cleared the jam' }, agent, at('2026-11-23T16:00:00Z'), { sla: DEFAULT });
    if (!resolved.ok) throw new Error(resolved.error.code);
    expect(resolved.value.ticket.slaNextCheckAt).toBeNull();
    const reopenedAt = at('2026-11-27T21:00:00Z'); // Fri 16:00
    const reopened = transition(resolved.value.ticket, { type: 'reopen', message: 'jams again' }, requester, reopenedAt, { sla: DEFAULT });
    if (!reopened.ok) throw new Error(reopened.error.code);
    expect(reopened.value.ticket).toMatchObject({ slaStartedAt: reopenedAt, dueAt: at('2026-11-30T21:00:00Z'), slaStage: 0 }); // Mon 16:00
  });

  it('keeps the alert stage when the due time does not move', () => {
    const breached = { ...ticket, slaStage: 2 };
    expect(followSlaClock(breached, { ...breached, assigneeId: 'U0JANE' }, DEFAULT, at('2026-11-24T16:00:00Z')).slaStage).toBe(2);
  });

  it('starts the alerts afresh when the due time moves', () => {
    const breached = { ...ticket, slaStage: 2 };
    const moved = followSlaClock(breached, { ...breached, dueAt: at('2026-11-26T15:00:00Z') }, DEFAULT, at('2026-11-24T16:00:00Z'));
    expect(moved).toMatchObject({ slaStage: 0, slaNextCheckAt: at('2026-11-26T14:00:00Z') });
  });
});
