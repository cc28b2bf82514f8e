import fc from 'fast-check';
import { Actor } from '../../src/domain/actor';
import { Ticket } from '../../src/domain/ticket';
import { SYSTEM_ACTOR } from '../../src/domain/ticket-event';
import { TicketCommand, transition } from '../../src/domain/ticket-transitions';
import { aTicket, agent, manager, ONE_HOUR, otherAgent, requester, T0 } from './ticket-fixtures';

const minutes = (count: number) => new Date(T0.getTime() + count * 60_000);

/** Applies commands in order, each at its minute after T0, under the one-hour plan; throws on a refusal. */
const play = (ticket: Ticket, steps: readonly [number, TicketCommand, Actor][]): Ticket =>
  steps.reduce((current, [minute, command, actor]) => {
    const result = transition(current, command, actor, minutes(minute), { sla: ONE_HOUR });
    if (!result.ok) throw new Error(`${command.type} refused: ${result.error.code}`);
    return result.value.ticket;
  }, ticket);

/** Applies commands in order, passing over the ones the ticket's state refuses (a second wait). */
const playLoosely = (ticket: Ticket, commands: readonly TicketCommand[]): Ticket =>
  commands.reduce((current, command, index) => {
    const result = transition(current, command, agent, minutes(index), { sla: ONE_HOUR });
    return result.ok ? result.value.ticket : current;
  }, ticket);

const reply = (keepOpen = true): TicketCommand => ({ type: 'reply', message: 'Looking into it', keepOpen });
const resolve: TicketCommand = { type: 'resolve', note: 'Reconnected the failed load balancer' };

describe('first response', () => {
  it('is the first public reply by staff, kept through later replies and a reopen', () => {
    const ticket = play(aTicket(), [
      [5, { type: 'note', text: 'checking the LB' }, agent],
      [12, reply(), agent],
      [20, reply(), otherAgent],
      [30, resolve, agent],
      [40, { type: 'reopen', message: 'still down' }, requester],
      [45, reply(), manager],
    ]);
    expect(ticket.firstResponseAt).toEqual(minutes(12));
  });

  it('counts a manager’s reply, but never a note, the requester’s own message, or the help desk acting alone', () => {
    expect(play(aTicket(), [[3, reply(), manager]]).firstResponseAt).toEqual(minutes(3));
    expect(play(aTicket(), [[3, { type: 'note', text: 'internal' }, agent]]).firstResponseAt).toBeNull();
    expect(play(aTicket(), [[3, { type: 'requester_message', text: 'any news?' }, requester]]).firstResponseAt).toBeNull();
    const system: Actor = { userId: SYSTEM_ACTOR, isRequester: false, isAgent: true, isManager: false };
    expect(play(aTicket(), [[3, reply(), system]]).firstResponseAt).toBeNull();
    const agentWhoFiledIt: Actor = { ...agent, isRequester: true };
    expect(play(aTicket(), [[3, reply(), agentWhoFiledIt]]).firstResponseAt).toBeNull();
  });

  it("counts a resolution's note sent to the requester, kept through a reopen, but not the help desk's no-answer resolution", () => {
    expect(
      play(aTicket(), [
        [7, resolve, agent],
        [9, { type: 'reopen', message: 'still down' }, requester],
        [20, reply(), agent],
      ]).firstResponseAt,
    ).toEqual(minutes(7));
    const system: Actor = { userId: SYSTEM_ACTOR, isRequester: false, isAgent: true, isManager: false };
    expect(play(aTicket(), [[7, resolve, system]]).firstResponseAt).toBeNull();
  });
});

describe('resolved within SLA', () => {
  it('is true for a resolution by the due time and false after it (due one hour after T0)', () => {
    expect(play(aTicket(), [[60, resolve, agent]]).resolvedWithinSla).toBe(true);
    expect(play(aTicket(), [[61, resolve, agent]]).resolvedWithinSla).toBe(false);
  });

  it('credits the wait on the requester that the resolution ends', () => {
    // 20 minutes worked, 60 waiting on the requester, resolved at minute 80: 20 minutes of the hour used.
    const ticket = play(aTicket(), [
      [20, reply(false), agent],
      [80, resolve, agent],
    ]);
    expect(ticket.resolvedWithinSla).toBe(true);
  });

  it('is null without a plan, and forgotten by a reopen until the next resolution', () => {
    expect(play(aTicket({ slaPlanId: null, dueAt: null, slaNextCheckAt: null }), [[10, resolve, agent]]).resolvedWithinSla).toBeNull();
    const reopened = play(aTicket(), [
      [10, resolve, agent],
      [20, { type: 'reopen', message: null }, requester],
    ]);
    expect(reopened.resolvedWithinSla).toBeNull();
    // The reopen restarted the clock at minute 20: due at minute 80.
    expect(play(reopened, [[200, resolve, agent]]).resolvedWithinSla).toBe(false);
  });

  it('only a resolution sets it and only a reopen clears it, whatever else happens in between', () => {
    const others: TicketCommand[] = [reply(), { type: 'note', text: 'n' }, { type: 'escalate', reason: 'r', priority: 'emergency' }, { type: 'wait' }];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...others), { maxLength: 6 }), fc.integer({ min: 0, max: 200 }), (commands, resolvedAt) => {
        const worked = playLoosely(aTicket(), commands);
        expect(worked.resolvedWithinSla).toBeNull();
        const resolved = play(worked, [[resolvedAt + commands.length, resolve, agent]]);
        const closed = play(resolved, [[resolvedAt + commands.length + 1, { type: 'close' }, requester]]);
        expect(closed.resolvedWithinSla).toBe(resolved.resolvedWithinSla);
        expect(typeof resolved.resolvedWithinSla).toBe('boolean');
      }),
    );
  });
});
