import fc from 'fast-check';
import { asksSatisfaction, isSatisfactionRating, satisfactionEvent } from '../../src/domain/satisfaction';
import { CLOSE_REASONS } from '../../src/domain/ticket';

describe('How did we do?: which closes ask', () => {
  it('asks for a ticket closed through its lifecycle (completed), never for a withdrawn one, nor without a close reason', () => {
    expect(asksSatisfaction('completed')).toBe(true);
    expect(asksSatisfaction('withdrawn')).toBe(false);
    expect(asksSatisfaction(null)).toBe(false);
  });

  it('decides for every close reason there is', () => {
    for (const reason of CLOSE_REASONS) expect(typeof asksSatisfaction(reason)).toBe('boolean');
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
