import { settledPrompt } from '../../src/slack/views/requester-update.view';
import { SYSTEM_ACTOR } from '../../src/domain/ticket-event';
import type { TicketEventRow } from '../../src/services/ports/records';
import { T0 } from '../domain/ticket-fixtures';
import { aTicketRow } from '../support/ticket-row';

const ticket = aTicketRow({ number: 1003, requesterId: 'U0KAREN' });
const departmentName = () => 'Support';
const anEvent = (type: TicketEventRow['type'], actorId: string, before: TicketEventRow['before']): TicketEventRow => ({
  id: 9,
  ticketId: ticket.id,
  type,
  actorId,
  at: T0,
  before,
  after: {},
  text: null,
});
const wordsOf = (event: TicketEventRow): string => {
  const message = settledPrompt({ ticket, event, departmentName });
  return [message.text, JSON.stringify(message.blocks)].join(' ');
};

describe("the requester's settled prompt says what the prompt was and what became of it", () => {
  it('a withdrawn ticket reopened from its Reopen button says it was withdrawn, never resolved or still broken', () => {
    const words = wordsOf(anEvent('reopened', 'U0KAREN', { status: 'closed', closeReason: 'withdrawn' }));
    expect(words).toContain('You withdrew #1003');
    expect(words).toContain('You reopened #1003.');
    expect(words).not.toMatch(/resolved|still broken/);
  });

  it('a closed ticket reopened from its Reopen button says it was closed', () => {
    const words = wordsOf(anEvent('reopened', 'U0KAREN', { status: 'closed', closeReason: 'completed' }));
    expect(words).toContain('#1003 was closed.');
    expect(words).toContain('You reopened #1003.');
    expect(words).not.toMatch(/resolved|still broken/);
  });

  it('a resolution answered with Still broken or That fixed it keeps its words', () => {
    expect(wordsOf(anEvent('reopened', 'U0KAREN', { status: 'resolved' }))).toContain('You said #1003 is still broken; it is reopened.');
    expect(wordsOf(anEvent('closed', 'U0KAREN', { status: 'resolved' }))).toContain('You confirmed the fix; #1003 is closed.');
    expect(wordsOf(anEvent('closed', SYSTEM_ACTOR, { status: 'resolved' }))).toContain('No answer came; #1003 was closed automatically.');
  });
});
