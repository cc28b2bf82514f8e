import { TicketStatus } from '../../src/domain/ticket';
import fc from 'fast-check';
import { NOT_PERMITTED_MESSAGE } from '../../src/domain/ticket-error';
import { mayAct, TicketCommand, transition } from '../../src/domain/ticket-transitions';
import { aTicket, agent, EIGHT_HOURS, LATER, manager, ONE_HOUR, otherAgent, requester, stranger, T0 } from './ticket-fixtures';

const run = (command: TicketCommand, ticket = aTicket(), who = agent, expectedVersion?: number) => transition(ticket, command, who, LATER, { expectedVersion, sla: ONE_HOUR });

const refusalCode = (result: ReturnType<typeof run>) => (result.ok ? 'applied' : result.error.code);
const next = (result: ReturnType<typeof run>) => {
  if (!result.ok) throw new Error(`refused: ${result.error.code} ${result.error.message}`);
  return result.value;
};

const transfer = (overrides: Partial<Extract<TicketCommand, { type: 'transfer' }>> = {}): TicketCommand => ({
  type: 'transfer',
  toDepartmentId: 2,
  reason: 'needs the load balancer team',
  assigneeIsAgentThere: false,
  departmentSla: { planId: 3, policy: EIGHT_HOURS },
  ...overrides,
});

const ALL_COMMANDS: TicketCommand[] = [
  { type: 'assign', assigneeId: 'U0JOHN', assigneeIsAgent: true },
  { type: 'release' },
  transfer(),
  { type: 'escalate', reason: 'customers calling', priority: 'high' },
  { type: 'reply', message: 'Looking into it', keepOpen: false },
  { type: 'note', text: 'checked the LB' },
  { type: 'requester_message', text: 'still down' },
  { type: 'wait' },
  { type: 'resolve', note: 'Found and reconnected a failed load balancer' },
  { type: 'close' },
  { type: 'reopen', message: null },
];

describe('ticket transitions', () => {
  describe('assign', () => {
    it('assigns an open ticket to an agent and puts it in progress', () => {
      const { ticket, events } = next(run({ type: 'assign', assigneeId: 'U0JOHN', assigneeIsAgent: true }));
      expect(ticket).toMatchObject({ assigneeId: 'U0JOHN', status: 'in_progress', version: 2, updatedAt: LATER });
      expect(events).toEqual([
        {
          type: 'assigned',
          actorId: 'U0JOHN',
          at: LATER,
          before: { status: 'open', assigneeId: null },
          after: { status: 'in_progress', assigneeId: 'U0JOHN' },
          text: null,
        },
      ]);
    });
    it('keeps a waiting ticket waiting', () => {
      const result = run({ type: 'assign', assigneeId: 'U0JANE', assigneeIsAgent: true }, aTicket({ status: 'waiting', assigneeId: 'U0JOHN' }));
      expect(next(result).ticket.status).toBe('waiting');
    });
    it('refuses an assignee who is not an agent of the department', () => {
      expect(refusalCode(run({ type: 'assign', assigneeId: 'U0KEN', assigneeIsAgent: false }))).toBe('TICKET.ASSIGNEE_NOT_AN_AGENT');
    });
    it('refuses to assign the ticket to its current assignee again', () => {
      const ticket = aTicket({ status: 'in_progress', assigneeId: 'U0JOHN' });
      expect(refusalCode(run({ type: 'assign', assigneeId: 'U0JOHN', assigneeIsAgent: true }, ticket))).toBe('TICKET.ALREADY_ASSIGNED');
    });
    it('tells John in the first person that a ticket he has is already his, and a manager that it is already theirs', () => {
      const ticket = aTicket({ status: 'in_progress', assigneeId: 'U0JOHN', number: 1042 });
      const mine = run({ type: 'assign', assigneeId: 'U0JOHN', assigneeIsAgent: true }, ticket);
      expect(mine.ok ? null : mine.error.message).toBe('#1042 is already yours.');
      const theirs = run({ type: 'assign', assigneeId: 'U0JOHN', assigneeIsAgent: true }, ticket, manager);
      expect(theirs.ok ? null : theirs.error.message).toBe('#1042 is already assigned to them.');
    });
    it('lets a manager assign', () => {
      expect(refusalCode(run({ type: 'assign', assigneeId: 'U0JANE', assigneeIsAgent: true }, aTicket(), manager))).toBe('applied');
    });
    it('refuses a resolved ticket', () => {
      const ticket = aTicket({ status: 'resolved' });
      expect(refusalCode(run({ type: 'assign', assigneeId: 'U0JOHN', assigneeIsAgent: true }, ticket))).toBe('TICKET.NOT_ACTIVE');
    });
  });

  describe('release', () => {
    it('unassigns and reopens the ticket', () => {
      const { ticket } = next(run({ type: 'release' }, aTicket({ status: 'in_progress', assigneeId: 'U0JOHN' })));
      expect(ticket).toMatchObject({ assigneeId: null, status: 'open' });
    });
    it('refuses an unassigned ticket', () => {
      expect(refusalCode(run({ type: 'release' }))).toBe('TICKET.NOT_ASSIGNED');
    });
  });

  describe('transfer', () => {
    it('moves the ticket, clears an assignee who is no agent there, and takes the new department default plan', () => {
      const { ticket, events } = next(run(transfer(), aTicket({ status: 'in_progress', assigneeId: 'U0JOHN' })));
      expect(ticket).toMatchObject({ departmentId: 2, assigneeId: null, status: 'open', slaPlanId: 3 });
      expect(ticket.dueAt).toEqual(new Date(T0.getTime() + 8 * 3600_000));
      expect(events[0]).toMatchObject({ type: 'transferred', text: 'needs the load balancer team' });
      expect(events[0]?.after).toMatchObject({ departmentId: 2, assigneeId: null, slaPlanId: 3 });
    });
    it('keeps a plan chosen by the help topic', () => {
      const { ticket } = next(run(transfer(), aTicket({ slaFromTopic: true, slaPlanId: 2 })));
      expect(ticket).toMatchObject({ slaPlanId: 2, dueAt: new Date(T0.getTime() + 3600_000) });
    });
    it('keeps an assignee who is also an agent of the new department', () => {
      const { ticket } = next(run(transfer({ assigneeIsAgentThere: true }), aTicket({ status: 'in_progress', assigneeId: 'U0JOHN' })));
      expect(ticket).toMatchObject({ assigneeId: 'U0JOHN', status: 'in_progress' });
    });
    it('refuses a transfer to the same department', () => {
      expect(refusalCode(run(transfer({ toDepartmentId: 1 })))).toBe('TICKET.SAME_DEPARTMENT');
    });
    it('refuses a transfer without a reason', () => {
      expect(refusalCode(run(transfer({ reason: '   ' })))).toBe('TICKET.TEXT_REQUIRED');
    });
  });

  describe('escalate', () => {
    it('raises the priority and the escalation level each time', () => {
      const first = next(run({ type: 'escalate', reason: 'customers calling', priority: 'high' }));
      expect(first.ticket).toMatchObject({ priority: 'high', escalationLevel: 1 });
      const second = next(transition(first.ticket, { type: 'escalate', reason: 'still down', priority: 'emergency' }, manager, LATER, { sla: ONE_HOUR }));
      expect(second.ticket).toMatchObject({ priority: 'emergency', escalationLevel: 2 });
      expect(second.events[0]).toMatchObject({ type: 'escalated', actorId: 'U0MGR', text: 'still down' });
    });
    it('refuses to lower the priority', () => {
      const ticket = aTicket({ priority: 'emergency' });
      expect(refusalCode(run({ type: 'escalate', reason: 'x', priority: 'low' }, ticket))).toBe('TICKET.PRIORITY_NOT_HIGHER');
    });
    it('refuses an escalation without a reason', () => {
      expect(refusalCode(run({ type: 'escalate', reason: '', priority: 'high' }))).toBe('TICKET.TEXT_REQUIRED');
    });
  });

  describe('reply and note', () => {
    it('puts the ticket in waiting on the requester after a reply', () => {
      const { ticket, events } = next(run({ type: 'reply', message: 'Can you send a screenshot?', keepOpen: false }, aTicket({ status: 'in_progress', assigneeId: 'U0JOHN' })));
      expect(ticket.status).toBe('waiting');
      expect(events[0]).toMatchObject({ type: 'replied', text: 'Can you send a screenshot?' });
    });
    it('keeps the status when the agent chooses to keep it open', () => {
      const result = run({ type: 'reply', message: 'On it', keepOpen: true }, aTicket({ status: 'in_progress', assigneeId: 'U0JOHN' }));
      expect(next(result).ticket.status).toBe('in_progress');
    });
    it('records a note without changing any field', () => {
      const { ticket, events } = next(run({ type: 'note', text: 'LB health checks failing' }));
      expect(ticket.status).toBe('open');
      expect(events[0]).toMatchObject({ type: 'noted', before: {}, after: {}, text: 'LB health checks failing' });
      expect(ticket.version).toBe(1);
    });
    it('allows a note on a resolved ticket', () => {
      expect(refusalCode(run({ type: 'note', text: 'post-mortem link' }, aTicket({ status: 'resolved' })))).toBe('applied');
    });
    it('refuses an empty reply or note', () => {
      expect(refusalCode(run({ type: 'reply', message: ' ', keepOpen: false }))).toBe('TICKET.TEXT_REQUIRED');
      expect(refusalCode(run({ type: 'note', text: '' }))).toBe('TICKET.TEXT_REQUIRED');
    });
  });

  describe('requester message', () => {
    it('brings a waiting ticket back to in progress', () => {
      const ticket = aTicket({ status: 'waiting', assigneeId: 'U0JOHN' });
      const { ticket: after, events } = next(run({ type: 'requester_message', text: 'the 404 is back' }, ticket, requester));
      expect(after.status).toBe('in_progress');
      expect(events[0]).toMatchObject({ type: 'requester_messaged', actorId: 'U0KAREN', text: 'the 404 is back' });
    });
    it('brings a waiting unassigned ticket back to open', () => {
      const result = run({ type: 'requester_message', text: 'hello?' }, aTicket({ status: 'waiting' }), requester);
      expect(next(result).ticket.status).toBe('open');
    });
    it('is refused to anyone but the requester, agents included', () => {
      expect(refusalCode(run({ type: 'requester_message', text: 'x' }, aTicket(), agent))).toBe('TICKET.NOT_PERMITTED');
    });
  });

  describe('requester edit and deletion', () => {
    const statuses: TicketStatus[] = ['open', 'in_progress', 'waiting', 'resolved', 'closed'];
    it.each(statuses)('records an edit on a %s ticket with the new words, changing nothing else', (status) => {
      const ticket = aTicket({ status, assigneeId: 'U0JOHN' });
      const { ticket: after, events } = next(run({ type: 'requester_edit', text: 'error 502, not 503' }, ticket, requester));
      expect(after).toMatchObject({ status, version: ticket.version });
      expect(events).toEqual([{ type: 'requester_edited', actorId: 'U0KAREN', at: LATER, before: {}, after: {}, text: 'error 502, not 503' }]);
    });
    it.each(statuses)('records a deletion on a %s ticket without any words', (status) => {
      const { events } = next(run({ type: 'requester_delete' }, aTicket({ status }), requester));
      expect(events).toEqual([{ type: 'requester_deleted', actorId: 'U0KAREN', at: LATER, before: {}, after: {}, text: null }]);
    });
    it.each([agent, manager, stranger])('is refused to anyone but the requester', (who) => {
      expect(refusalCode(run({ type: 'requester_edit', text: 'x' }, aTicket(), who))).toBe('TICKET.NOT_PERMITTED');
      expect(refusalCode(run({ type: 'requester_delete' }, aTicket(), who))).toBe('TICKET.NOT_PERMITTED');
    });
  });

  describe('wait', () => {
    it('marks the ticket as waiting on the requester', () => {
      expect(next(run({ type: 'wait' })).ticket.status).toBe('waiting');
    });
    it('refuses a ticket that is already waiting', () => {
      expect(refusalCode(run({ type: 'wait' }, aTicket({ status: 'waiting' })))).toBe('TICKET.ALREADY_WAITING');
    });
  });

  describe('resolve, close and reopen', () => {
    it('resolves with a note', () => {
      const { ticket, events } = next(run({ type: 'resolve', note: 'Found and reconnected a failed load balancer' }));
      expect(ticket).toMatchObject({ status: 'resolved', resolvedAt: LATER });
      expect(events[0]?.text).toBe('Found and reconnected a failed load balancer');
    });
    it('refuses to resolve without a note', () => {
      expect(refusalCode(run({ type: 'resolve', note: '' }))).toBe('TICKET.TEXT_REQUIRED');
    });
    it('lets the requester close a resolved ticket ("That fixed it")', () => {
      const { ticket } = next(run({ type: 'close' }, aTicket({ status: 'resolved' }), requester));
      expect(ticket).toMatchObject({ status: 'closed', closedAt: LATER });
    });
    it('refuses the requester closing a ticket that is not resolved', () => {
      expect(refusalCode(run({ type: 'close' }, aTicket(), requester))).toBe('TICKET.NOT_RESOLVED');
    });
    it('lets an agent close an open ticket', () => {
      expect(next(run({ type: 'close' })).ticket.status).toBe('closed');
    });
    it('reopens to in progress with the assignee kept and a fresh SLA clock', () => {
      const ticket = aTicket({ status: 'closed', assigneeId: 'U0SYSA', closedAt: T0, resolvedAt: T0 });
      const { ticket: after } = next(run({ type: 'reopen', message: 'Still broken' }, ticket, requester));
      expect(after).toMatchObject({ status: 'in_progress', closedAt: null, resolvedAt: null, slaStartedAt: LATER });
      expect(after.dueAt).toEqual(new Date(LATER.getTime() + 3600_000));
    });
    it('reopens an unassigned ticket to open', () => {
      const reopened = next(transition(aTicket({ status: 'resolved' }), { type: 'reopen', message: null }, agent, LATER, { sla: null }));
      expect(reopened.ticket).toMatchObject({ status: 'open', dueAt: null });
    });
    it('refuses to reopen a ticket that is still active', () => {
      expect(refusalCode(run({ type: 'reopen', message: null }))).toBe('TICKET.NOT_RESOLVED_OR_CLOSED');
    });
  });

  describe('closed tickets are read-only except reopen', () => {
    const closed = aTicket({ status: 'closed' });
    it.each(ALL_COMMANDS.filter((command) => command.type !== 'reopen' && command.type !== 'requester_message'))('refuses $type', (command) => {
      expect(refusalCode(run(command, closed))).toBe('TICKET.CLOSED');
    });
    it('refuses a requester message on a closed ticket', () => {
      expect(refusalCode(run({ type: 'requester_message', text: 'x' }, closed, requester))).toBe('TICKET.CLOSED');
    });
  });

  describe('who may act', () => {
    it.each(ALL_COMMANDS.filter((command) => command.type !== 'requester_message'))('refuses $type by someone outside the department', (command) => {
      const status: TicketStatus = command.type === 'reopen' ? 'resolved' : 'in_progress';
      expect(refusalCode(run(command, aTicket({ status, assigneeId: 'U0JOHN' }), stranger))).toBe('TICKET.NOT_PERMITTED');
    });
    it.each(ALL_COMMANDS.filter((command) => !['requester_message', 'close', 'reopen'].includes(command.type)))('refuses $type by the requester', (command) => {
      expect(refusalCode(run(command, aTicket({ status: 'in_progress', assigneeId: 'U0JOHN' }), requester))).toBe('TICKET.NOT_PERMITTED');
    });
    it('decides who may act before the version and the state of the ticket', () => {
      const result = run({ type: 'assign', assigneeId: 'U0KEN', assigneeIsAgent: false }, aTicket({ status: 'closed', version: 9 }), stranger, 2);
      expect(result).toEqual({ ok: false, error: { code: 'TICKET.NOT_PERMITTED', message: NOT_PERMITTED_MESSAGE } });
    });
    it('gives everyone who may not act one constant answer that says nothing about the ticket (property)', () => {
      const command = fc.constantFrom(...ALL_COMMANDS);
      const outsider = fc.record({ userId: fc.constantFrom('U0MICHAEL', 'U0KEN', 'U0SYSA', 'U0KAREN'), isRequester: fc.boolean(), isAgent: fc.constant(false), isManager: fc.constant(false) });
      const ticket = fc.record({
        number: fc.integer({ min: 1001, max: 99999 }),
        status: fc.constantFrom<TicketStatus>('open', 'in_progress', 'waiting', 'resolved', 'closed'),
        version: fc.integer({ min: 1, max: 50 }),
        summary: fc.constantFrom('Entire mobile online banking is down', 'Printer on 3rd floor is jammed', 'VPN drops since 9:05'),
        assigneeId: fc.constantFrom(null, 'U0JOHN'),
      });
      fc.assert(
        fc.property(outsider, ticket, fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }), command, (who, fields, expectedVersion, attempted) => {
          fc.pre(!mayAct(who, attempted.type));
          const result = transition(aTicket(fields), attempted, who, LATER, { expectedVersion, sla: ONE_HOUR });
          expect(result).toEqual({ ok: false, error: { code: 'TICKET.NOT_PERMITTED', message: NOT_PERMITTED_MESSAGE } });
          if (result.ok) return;
          expect(result.error.message).not.toMatch(/\d/);
          expect(result.error.message).not.toContain(fields.summary);
        }),
        { numRuns: 500 },
      );
    });
    it('lets another agent of the department act on a ticket assigned to someone else', () => {
      expect(refusalCode(run({ type: 'note', text: 'fyi' }, aTicket({ assigneeId: 'U0JOHN', status: 'in_progress' }), otherAgent))).toBe('applied');
    });
  });

  describe('stale commands', () => {
    it('refuses a command made against an older version of the ticket', () => {
      expect(refusalCode(run({ type: 'wait' }, aTicket({ version: 3 }), agent, 2))).toBe('TICKET.STALE');
    });
    it('applies a command made against the current version', () => {
      expect(refusalCode(run({ type: 'wait' }, aTicket({ version: 3 }), agent, 3))).toBe('applied');
    });
  });
});
