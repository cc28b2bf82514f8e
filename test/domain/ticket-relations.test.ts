import fc from 'fast-check';
import { TICKET_STATUSES } from '../../src/domain/ticket';
import { linkTickets, mergedFromEvent } from '../../src/domain/ticket-relations';
import { transition } from '../../src/domain/ticket-transitions';
import { aTicket, agent, LATER, manager, ONE_HOUR, requester, stranger } from './ticket-fixtures';

const target = { id: 8, number: 1043, departmentId: 1, status: 'open' as const };
const merge = (ticket = aTicket(), into: Parameters<typeof transition>[1] & { type: 'merge_into' } = { type: 'merge_into', target }, who = agent) =>
  transition(ticket, into, who, LATER, { sla: ONE_HOUR });

describe('merging a duplicate (osTicket: merge into a ticket of the same department)', () => {
  it('closes the duplicate as merged, naming the ticket it went into, and makes older cards stale', () => {
    const result = merge();
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.ticket).toMatchObject({ status: 'closed', closeReason: 'merged', closedAt: LATER, version: 2 });
    expect(result.value.events).toEqual([
      {
        type: 'merged',
        actorId: agent.userId,
        at: LATER,
        before: { status: 'open', closeReason: null },
        after: { status: 'closed', closeReason: 'merged', mergedIntoId: 8, mergedIntoNumber: 1043 },
        text: null,
      },
    ]);
  });

  it('is allowed exactly when the target is another, non-closed ticket of the same department and the duplicate is not closed', () => {
    fc.assert(
      fc.property(fc.constantFrom(7, 8), fc.constantFrom(1, 2), fc.constantFrom(...TICKET_STATUSES), fc.constantFrom(...TICKET_STATUSES), (id, departmentId, status, duplicateStatus) => {
        const result = merge(aTicket({ status: duplicateStatus }), { type: 'merge_into', target: { ...target, id, departmentId, status } });
        const allowed = id !== 7 && departmentId === 1 && status !== 'closed' && duplicateStatus !== 'closed';
        expect(result.ok).toBe(allowed);
        if (!result.ok && duplicateStatus !== 'closed') {
          expect(result.error.code).toBe(id === 7 ? 'TICKET.SAME_TICKET' : departmentId !== 1 ? 'TICKET.OTHER_DEPARTMENT' : 'TICKET.TARGET_CLOSED');
        }
      }),
    );
  });

  it('is for the department’s agents and managers only, not the requester or anyone else', () => {
    expect(merge(aTicket(), undefined, manager).ok).toBe(true);
    for (const who of [requester, stranger]) expect(merge(aTicket(), undefined, who)).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_PERMITTED' } });
  });

  it('records on the surviving ticket which duplicate came in and whose it was', () => {
    expect(mergedFromEvent(aTicket({ requesterId: 'U0MICHAEL' }), agent, LATER)).toEqual({
      type: 'merged_from',
      actorId: agent.userId,
      at: LATER,
      before: {},
      after: { mergedTicketId: 7, mergedNumber: 1042, mergedRequesterId: 'U0MICHAEL' },
      text: null,
    });
  });
});

describe('linking related tickets', () => {
  const one = { id: 7, number: 1042 };
  const other = { id: 9, number: 2001 };

  it('adds an event to each ticket naming the other', () => {
    const result = linkTickets(one, other, agent, LATER, false);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.ticket.after).toEqual({ linkedTicketId: 9, linkedNumber: 2001 });
    expect(result.value.other.after).toEqual({ linkedTicketId: 7, linkedNumber: 1042 });
  });

  it('refuses a ticket itself and a pair already linked', () => {
    expect(linkTickets(one, one, agent, LATER, false)).toMatchObject({ ok: false, error: { code: 'TICKET.SAME_TICKET' } });
    expect(linkTickets(one, other, agent, LATER, true)).toMatchObject({ ok: false, error: { code: 'TICKET.ALREADY_LINKED', message: '#1042 and #2001 are already linked.' } });
  });
});
