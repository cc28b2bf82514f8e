import fc from 'fast-check';
import { SlaPolicy } from '../../src/domain/sla-clock';
import { Priority, PRIORITIES } from '../../src/domain/ticket';
import { planAfterTopicChange, TicketCommand, transition } from '../../src/domain/ticket-transitions';
import { aTicket, agent, EIGHT_HOURS, LATER, manager, ONE_HOUR, requester, stranger, T0 } from './ticket-fixtures';

const MINUTE = 60_000;
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

type Edit = Extract<TicketCommand, { type: 'edit' }>;
const edit = (overrides: Partial<Edit> = {}): Edit => ({
  type: 'edit',
  summary: 'Entire mobile online banking is down',
  helpTopicId: 1,
  priority: 'normal',
  reason: 'filed under the wrong topic',
  plan: { planId: 1, fromTopic: false, policy: EIGHT_HOURS },
  ...overrides,
});

/** Karen's ticket, filed at T0 under Report a Problem with the department's 8-hour plan, waiting on her for half an hour. */
const karens = aTicket({
  slaPlanId: 1,
  slaFromTopic: false,
  dueAt: at(8 * 60),
  slaPauses: [{ from: at(20), to: at(50) }],
  status: 'in_progress',
  assigneeId: 'U0JOHN',
});

const SEV_A: SlaPolicy = ONE_HOUR;

describe('editing a ticket', () => {
  it('changes the summary and the priority, up or down, recording before and after and the reason', () => {
    const down = transition(karens, edit({ summary: 'Mobile banking is slow', priority: 'low', plan: { planId: 1, fromTopic: false, policy: EIGHT_HOURS } }), agent, LATER);
    if (!down.ok) throw new Error(down.error.message);
    expect(down.value.ticket).toMatchObject({ summary: 'Mobile banking is slow', priority: 'low', escalationLevel: 0, version: karens.version + 1 });
    expect(down.value.events).toEqual([
      {
        type: 'edited',
        actorId: 'U0JOHN',
        at: LATER,
        before: { summary: 'Entire mobile online banking is down', priority: 'normal' },
        after: { summary: 'Mobile banking is slow', priority: 'low' },
        text: 'filed under the wrong topic',
      },
    ]);
    const up = transition(karens, edit({ priority: 'emergency' }), manager, LATER);
    expect(up.ok && up.value.ticket.priority).toBe('emergency');
  });

  it("a new topic's plan replaces the old one and the due time is recomputed from the start, leaving out the pause (osTicket)", () => {
    const result = transition(karens, edit({ helpTopicId: 2, plan: { planId: 2, fromTopic: true, policy: SEV_A } }), agent, at(60));
    if (!result.ok) throw new Error(result.error.message);
    // One hour of SEV-A from T0, plus the 30 minutes Karen was waited on: due at T0 + 90 minutes.
    expect(result.value.ticket).toMatchObject({ helpTopicId: 2, slaPlanId: 2, slaFromTopic: true, dueAt: at(90), slaStage: 0, slaNextCheckAt: at(90) });
    expect(result.value.events[0]?.before).toMatchObject({ helpTopicId: 1, slaPlanId: 1, slaFromTopic: false, dueAt: at(8 * 60).toISOString() });
    expect(result.value.events[0]?.after).toMatchObject({ helpTopicId: 2, slaPlanId: 2, slaFromTopic: true, dueAt: at(90).toISOString() });
  });

  it('planAfterTopicChange: a topic plan gives way to the new topic’s, or to the department’s default; a department plan stays unless the topic brings one', () => {
    expect(planAfterTopicChange({ slaPlanId: 2, slaFromTopic: true }, 5, 1)).toEqual({ planId: 5, fromTopic: true });
    expect(planAfterTopicChange({ slaPlanId: 2, slaFromTopic: true }, null, 1)).toEqual({ planId: 1, fromTopic: false });
    expect(planAfterTopicChange({ slaPlanId: 1, slaFromTopic: false }, null, 3)).toEqual({ planId: 1, fromTopic: false });
    expect(planAfterTopicChange({ slaPlanId: null, slaFromTopic: false }, 2, null)).toEqual({ planId: 2, fromTopic: true });
  });

  it('refuses an edit that changes nothing, an empty or too long summary, and a missing reason', () => {
    const code = (command: Edit) => {
      const result = transition(karens, command, agent, LATER);
      return result.ok ? 'applied' : result.error.code;
    };
    expect(code(edit())).toBe('TICKET.NOTHING_CHANGED');
    expect(code(edit({ summary: '   ' }))).toBe('TICKET.SUMMARY_INVALID');
    expect(code(edit({ summary: 'x'.repeat(151) }))).toBe('TICKET.SUMMARY_INVALID');
    expect(code(edit({ priority: 'high', reason: ' ' }))).toBe('TICKET.TEXT_REQUIRED');
  });

  it('refuses the requester and outsiders, and a closed or stale ticket', () => {
    expect(transition(karens, edit({ priority: 'high' }), requester, LATER)).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_PERMITTED' } });
    expect(transition(karens, edit({ priority: 'high' }), stranger, LATER)).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_PERMITTED' } });
    expect(transition({ ...karens, status: 'closed' }, edit({ priority: 'high' }), agent, LATER)).toMatchObject({ ok: false, error: { code: 'TICKET.CLOSED' } });
    expect(transition(karens, edit({ priority: 'high' }), agent, LATER, { expectedVersion: karens.version - 1 })).toMatchObject({ ok: false, error: { code: 'TICKET.STALE' } });
  });

  it('any priority change keeps the escalation level and changes only what was asked', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PRIORITIES), fc.constantFrom(...PRIORITIES), (from: Priority, to: Priority) => {
        fc.pre(from !== to);
        const result = transition({ ...karens, priority: from }, edit({ priority: to }), agent, LATER);
        if (!result.ok) return false;
        return result.value.ticket.priority === to && result.value.ticket.escalationLevel === karens.escalationLevel && Object.keys(result.value.events[0]?.after ?? {}).join() === 'priority';
      }),
    );
  });
});

describe('withdrawing a ticket', () => {
  it('closes an open ticket as withdrawn, with the reason, and stops the SLA clock', () => {
    const result = transition(karens, { type: 'withdraw', reason: 'It works again' }, requester, LATER);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.ticket).toMatchObject({ status: 'closed', closeReason: 'withdrawn', closedAt: LATER, slaNextCheckAt: null });
    expect(result.value.events[0]).toMatchObject({ type: 'withdrawn', actorId: 'U0KAREN', text: 'It works again', after: { status: 'closed', closeReason: 'withdrawn' } });
  });

  it('keeps no empty reason', () => {
    const result = transition(karens, { type: 'withdraw', reason: '  ' }, requester, LATER);
    expect(result.ok && result.value.events[0]?.text).toBeNull();
  });

  it('is the requester’s alone, and only while the ticket is open', () => {
    expect(transition(karens, { type: 'withdraw', reason: null }, agent, LATER)).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_PERMITTED' } });
    expect(transition({ ...karens, status: 'resolved' }, { type: 'withdraw', reason: null }, requester, LATER)).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_ACTIVE' } });
    expect(transition({ ...karens, status: 'closed' }, { type: 'withdraw', reason: null }, requester, LATER)).toMatchObject({ ok: false, error: { code: 'TICKET.CLOSED' } });
  });

  it('a withdrawn ticket reopens like any closed one, forgetting why it was closed; a staff close is completed', () => {
    const withdrawn = transition(karens, { type: 'withdraw', reason: null }, requester, LATER);
    if (!withdrawn.ok) throw new Error(withdrawn.error.message);
    const reopened = transition(withdrawn.value.ticket, { type: 'reopen', message: 'it broke again' }, requester, at(200), { sla: EIGHT_HOURS });
    expect(reopened.ok && reopened.value.ticket).toMatchObject({ status: 'in_progress', closeReason: null, closedAt: null });
    const closed = transition(karens, { type: 'close' }, agent, LATER);
    expect(closed.ok && closed.value.ticket.closeReason).toBe('completed');
  });
});
