import { Actor } from '../../src/domain/actor';
import { mayAct, transition } from '../../src/domain/ticket-transitions';
import { aTicket, agent, LATER, ONE_HOUR, requester, stranger } from './ticket-fixtures';

/** Ken, watching Karen's ticket. */
const watcher: Actor = { ...stranger, isWatcher: true };

const run = (command: Parameters<typeof transition>[1], who: Actor, ticket = aTicket()) => transition(ticket, command, who, LATER, { sla: ONE_HOUR });
const codeOf = (result: ReturnType<typeof run>) => (result.ok ? 'applied' : result.error.code);

describe("a ticket's watchers (osTicket's collaborators)", () => {
  it('are added and removed by agents and by the requester, recording who, without changing the card', () => {
    for (const who of [agent, requester]) {
      const added = run({ type: 'add_watcher', watcherId: 'U0KEN', watching: false }, who);
      if (!added.ok) throw new Error(added.error.code);
      expect(added.value.events[0]).toMatchObject({ type: 'watcher_added', actorId: who.userId, after: { watcherId: 'U0KEN' } });
      expect(added.value.ticket.version).toBe(aTicket().version);
      const removed = run({ type: 'remove_watcher', watcherId: 'U0KEN', watching: true }, who);
      expect(removed.ok && removed.value.events[0]).toMatchObject({ type: 'watcher_removed', before: { watcherId: 'U0KEN' } });
    }
  });

  it('refuses the requester as a watcher, a second add, and removing someone who does not watch', () => {
    expect(codeOf(run({ type: 'add_watcher', watcherId: 'U0KAREN', watching: false }, agent))).toBe('TICKET.WATCHER_IS_REQUESTER');
    expect(codeOf(run({ type: 'add_watcher', watcherId: 'U0KEN', watching: true }, agent))).toBe('TICKET.ALREADY_WATCHING');
    expect(codeOf(run({ type: 'remove_watcher', watcherId: 'U0KEN', watching: false }, agent))).toBe('TICKET.NOT_WATCHING');
  });

  it('lets a watcher stop watching, but not remove anyone else or add anyone', () => {
    expect(codeOf(run({ type: 'remove_watcher', watcherId: watcher.userId, watching: true }, watcher))).toBe('applied');
    expect(codeOf(run({ type: 'remove_watcher', watcherId: 'U0MICHAEL', watching: true }, watcher))).toBe('TICKET.NOT_PERMITTED');
    expect(codeOf(run({ type: 'add_watcher', watcherId: 'U0MICHAEL', watching: false }, watcher))).toBe('TICKET.NOT_PERMITTED');
    expect(codeOf(run({ type: 'remove_watcher', watcherId: watcher.userId, watching: true }, watcher, aTicket({ status: 'closed' })))).toBe('applied');
  });

  it('lets a watcher write to an active ticket, but never confirm, close or reopen it, and nobody else write as a watcher', () => {
    expect(mayAct(watcher, 'watcher_message')).toBe(true);
    for (const command of ['close', 'reopen', 'requester_message', 'reply', 'note', 'resolve'] as const) expect(mayAct(watcher, command)).toBe(false);
    for (const who of [agent, requester, stranger]) expect(mayAct(who, 'watcher_message')).toBe(false);
    const written = run({ type: 'watcher_message', text: 'Branch customers see it too' }, watcher);
    expect(written.ok && written.value.events[0]).toMatchObject({ type: 'watcher_messaged', text: 'Branch customers see it too' });
    expect(codeOf(run({ type: 'watcher_message', text: 'hello?' }, watcher, aTicket({ status: 'resolved' })))).toBe('TICKET.NOT_ACTIVE');
    expect(codeOf(run({ type: 'watcher_message', text: ' ' }, watcher))).toBe('TICKET.TEXT_REQUIRED');
  });
});
