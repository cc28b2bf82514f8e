import fc from 'fast-check';
import { Schedule, workingSecondsBetween } from '../../src/domain/business-hours';
import { slaDueAt, SlaPolicy } from '../../src/domain/sla-clock';
import { Ticket } from '../../src/domain/ticket';
import { TicketCommand, transition } from '../../src/domain/ticket-transitions';
import { aTicket, agent, requester } from './ticket-fixtures';

const NINE_TO_FIVE: [number, number][] = [[540, 1020]];
const OFFICE: Schedule = { timezone: 'America/New_York', holidays: ['2026-12-25'], hours: { mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE, fri: NINE_TO_FIVE } };
const SEV_A: SlaPolicy = { graceSeconds: 3600, schedule: null, warnBeforeSeconds: 900, escalateAfterBreachSeconds: [1800, 7200] };
const DEFAULT: SlaPolicy = { graceSeconds: 8 * 3600, schedule: OFFICE, warnBeforeSeconds: 3600, escalateAfterBreachSeconds: [] };
const AROUND_THE_CLOCK_4H: SlaPolicy = { graceSeconds: 4 * 3600, schedule: null, warnBeforeSeconds: null, escalateAfterBreachSeconds: [] };
const PLANS = new Map<number, SlaPolicy>([
  [1, SEV_A],
  [2, DEFAULT],
  [3, AROUND_THE_CLOCK_4H],
]);

const START = new Date('2026-11-23T14:00:00Z'); // Monday 09:00 in New York
const MINUTE = 60_000;
const plus = (minutes: number, from = START) => new Date(from.getTime() + minutes * MINUTE);

/** Applies a command with the plan the ticket has, as the workflow service does. */
const apply = (ticket: Ticket, command: TicketCommand, now: Date): Ticket => {
  const result = transition(ticket, command, command.type === 'requester_message' ? requester : agent, now, { sla: PLANS.get(ticket.slaPlanId ?? 0) ?? null });
  if (!result.ok) throw new Error(`${command.type} refused: ${result.error.code}`);
  return result.value.ticket;
};
const reply: TicketCommand = { type: 'reply', message: 'Which branch do you see it in?', keepOpen: false };
const answer: TicketCommand = { type: 'requester_message', text: 'All of them' };
const transferTo = (planId: number | null, toDepartmentId = 2): TicketCommand => ({
  type: 'transfer',
  toDepartmentId,
  reason: 'needs the load balancer team',
  assigneeIsAgentThere: false,
  departmentSla: { planId, policy: planId === null ? null : (PLANS.get(planId) ?? null) },
});

/** Karen's "Entire mobile online banking is down", filed under Business Critical Outage (SEV-A, from the topic). */
const outage = (overrides: Partial<Ticket> = {}): Ticket =>
  aTicket({ status: 'in_progress', assigneeId: 'U0JOHN', slaPlanId: 1, slaFromTopic: true, slaStartedAt: START, dueAt: plus(60), slaNextCheckAt: plus(45), ...overrides });

describe('the due time is one function of the ticket history', () => {
  it('credits the time a ticket waited on its requester (README: due +150)', () => {
    let ticket = apply(outage(), reply, plus(10));
    ticket = apply(ticket, answer, plus(100));
    expect(ticket.dueAt).toEqual(plus(150));
    expect(ticket.slaPauses).toEqual([{ from: plus(10), to: plus(100) }]);
  });

  it('keeps the due time on a transfer that keeps the plan', () => {
    let ticket = apply(outage(), reply, plus(10));
    ticket = apply(ticket, answer, plus(100));
    const transferred = apply({ ...ticket, slaStage: 1 }, transferTo(3), plus(110));
    expect(transferred).toMatchObject({ slaPlanId: 1, dueAt: plus(150), slaStage: 1, slaNextCheckAt: plus(150) });
  });

  it("counts the new plan's grace over working time on a transfer that changes the plan, still crediting the pause", () => {
    let ticket = apply(outage({ slaFromTopic: false }), reply, plus(10));
    ticket = apply(ticket, answer, plus(100));
    const transferred = apply(ticket, transferTo(3), plus(110));
    // 4 h around the clock from the start, plus the 90 minutes the ticket waited.
    expect(transferred).toMatchObject({ slaPlanId: 3, dueAt: plus(4 * 60 + 90), slaStage: 0 });

    // Office hours: Monday 09:00 + 8 working hours is 17:00; the pause 09:10–10:40 moves it to Tuesday 10:30.
    const toOffice = apply(ticket, transferTo(2), plus(110));
    expect(toOffice.dueAt).toEqual(new Date('2026-11-24T15:30:00Z'));
  });

  it('credits a pause still running at a transfer up to the transfer, and the rest when it ends', () => {
    const waiting = apply(outage({ slaFromTopic: false }), reply, plus(10));
    const transferred = apply(waiting, transferTo(3), plus(40));
    expect(transferred).toMatchObject({ status: 'waiting', dueAt: plus(4 * 60 + 30), slaNextCheckAt: null });
    expect(apply(transferred, answer, plus(100)).dueAt).toEqual(plus(4 * 60 + 90));
  });

  it('starts a fresh clock on reopen, forgetting earlier pauses', () => {
    let ticket = apply(outage(), reply, plus(10));
    ticket = apply(ticket, answer, plus(100));
    ticket = apply(ticket, { type: 'resolve', note: 'Reconnected the load balancer' }, plus(120));
    const reopened = apply(ticket, { type: 'reopen', message: 'down again' }, plus(300));
    expect(reopened).toMatchObject({ slaStartedAt: plus(300), slaPauses: [], slaPausedAt: null, dueAt: plus(360), slaStage: 0 });
  });

  it('credits only the working time inside a pause that spans the weekend', () => {
    const friday = new Date('2026-11-27T21:00:00Z'); // Fri 16:00 New York; 8 working hours → Mon 16:00
    const filed = aTicket({ status: 'in_progress', assigneeId: 'U0JOHN', slaPlanId: 2, slaStartedAt: friday, dueAt: new Date('2026-11-30T21:00:00Z') });
    const waiting = apply(filed, reply, new Date('2026-11-27T21:30:00Z')); // Fri 16:30
    const answered = apply(waiting, answer, new Date('2026-11-30T15:00:00Z')); // Mon 10:00
    // Credited: Fri 16:30–17:00 and Mon 09:00–10:00, 1.5 working hours, not the weekend: Tue 09:30.
    expect(answered.dueAt).toEqual(new Date('2026-12-01T14:30:00Z'));
  });

  it('has no due time without a plan', () => {
    expect(slaDueAt({ startedAt: START, pauses: [{ from: plus(1), to: plus(2) }], pausedAt: null }, null, plus(3))).toBeNull();
  });
});

type Step = { readonly after: number; readonly kind: 'pause_or_resume' | 'transfer'; readonly planId: number };

/** Working seconds in [from, to) that were not paused. */
const charged = (from: Date, to: Date, pauses: readonly { from: Date; to: Date }[], policy: SlaPolicy): number =>
  workingSecondsBetween(from, to, policy.schedule) -
  pauses.reduce((sum, pause) => {
    const start = Math.max(pause.from.getTime(), from.getTime());
    const end = Math.min(pause.to.getTime(), to.getTime());
    return end > start ? sum + workingSecondsBetween(new Date(start), new Date(end), policy.schedule) : sum;
  }, 0);

describe('paused time is never charged (property)', () => {
  it('gives due = start + grace in working time, leaving out every pause, whatever the pauses, resumes and transfers', () => {
    const step = fc.record({ after: fc.integer({ min: 1, max: 36 * 60 }), kind: fc.constantFrom<Step['kind']>('pause_or_resume', 'pause_or_resume', 'transfer'), planId: fc.constantFrom(1, 2, 3) });
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3), fc.boolean(), fc.array(step, { maxLength: 8 }), (planId, fromTopic, steps) => {
        const policy0 = PLANS.get(planId) as SlaPolicy;
        let ticket = aTicket({
          status: 'in_progress',
          assigneeId: 'U0JOHN',
          slaPlanId: planId,
          slaFromTopic: fromTopic,
          slaStartedAt: START,
          dueAt: slaDueAt({ startedAt: START, pauses: [], pausedAt: null }, policy0, START),
        });
        let now = START;
        const pauses: { from: Date; to: Date }[] = [];
        let pausedAt: Date | null = null;
        for (const { after, kind, planId: target } of steps) {
          now = plus(after, now);
          if (kind === 'transfer') {
            const before = ticket;
            ticket = apply(ticket, transferTo(target, ticket.departmentId === 1 ? 2 : 1), now);
            if (before.slaPlanId === ticket.slaPlanId && before.status !== 'waiting') expect(ticket.dueAt).toEqual(before.dueAt);
          } else if (ticket.status === 'waiting') {
            ticket = apply(ticket, answer, now);
            pauses.push({ from: pausedAt as Date, to: now });
            pausedAt = null;
          } else {
            ticket = apply(ticket, reply, now);
            pausedAt = now;
          }
        }
        if (ticket.status === 'waiting') {
          now = plus(1, now);
          ticket = apply(ticket, answer, now);
          pauses.push({ from: pausedAt as Date, to: now });
        }
        expect(ticket.slaPauses).toEqual(pauses);
        const policy = PLANS.get(ticket.slaPlanId ?? 0) as SlaPolicy;
        const due = ticket.dueAt as Date;
        expect(charged(START, due, pauses, policy)).toBeCloseTo(policy.graceSeconds, 3);
        // The earliest such moment: a second before it, the grace was not yet used up.
        expect(charged(START, new Date(due.getTime() - 1000), pauses, policy)).toBeLessThan(policy.graceSeconds);
      }),
      { numRuns: 150 },
    );
  });
});
