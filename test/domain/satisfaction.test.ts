import fc from 'fast-check';
import { asksSatisfaction, CLOSE_REASONS, closeReasonOf, isSatisfactionRating, satisfactionEvent } from '../../src/domain/satisfaction';
import { SYSTEM_ACTOR } from '../../src/domain/ticket-event';

const actor = (userId: string, isRequester: boolean, isAgent: boolean) => ({ userId, isRequester, isAgent, isManager: false });

describe('How did we do?: who is asked when a ticket closes', () => {
  it('reads the close reason from who closed: the requester confirms, the help desk closes automatically, anyone else closes as staff', () => {
    expect(closeReasonOf(actor('U0KAREN', true, false))).toBe('confirmed');
    expect(closeReasonOf(actor(SYSTEM_ACTOR, false, false))).toBe('auto');
    expect(closeReasonOf(actor('U0JOHN', false, true))).toBe('by_staff');
    // An agent who filed the ticket and closes it confirms it.
    expect(closeReasonOf(actor('U0JOHN', true, true))).toBe('confirmed');
  });

  it('asks for every close reason there is today (confirmed, by staff, automatic)', () => {
    expect(CLOSE_REASONS.map(asksSatisfaction)).toEqual([true, true, true]);
  });

  it('takes only the ratings 1 to 5', () => {
    fc.assert(fc.property(fc.anything(), (value) => isSatisfactionRating(value) === [1, 2, 3, 4, 5].includes(value as number)));
  });

  it('records the answer as an event that changes no field of the ticket, a blank comment as none', () => {
    const at = new Date('2026-11-23T14:00:00Z');
    expect(satisfactionEvent('U0KAREN', 4, '  ', at)).toEqual({ type: 'satisfaction_rated', actorId: 'U0KAREN', at, before: {}, after: { satisfaction: 4 }, text: null });
    expect(satisfactionEvent('U0KAREN', 2, 'Slow', at).text).toBe('Slow');
  });
});
