import fc from 'fast-check';
import { offeredDepartments } from '../../src/slack/views/agent-home.view';

describe('offeredDepartments', () => {
  it('offers at most 99 departments (one option is "All"), all of them when they fit, and always the one chosen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.option(fc.integer({ min: 1, max: 320 })), (count, chosenId) => {
        const departments = Array.from({ length: count }, (_, index) => ({ id: index + 1 }));
        const offered = offeredDepartments(departments, chosenId);
        expect(offered.length).toBe(Math.min(count, 99));
        expect(new Set(offered).size).toBe(offered.length);
        if (chosenId !== null && chosenId <= count) expect(offered.map((department) => department.id)).toContain(chosenId);
      }),
    );
  });
});
