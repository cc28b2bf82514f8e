import fc from 'fast-check';
import { followUpSummary, FollowUpSummaryItem } from '../../src/slack/views/follow-up-summary.view';
import { messageProblems } from '../../src/sandbox/local-slack/block-kit-rules';

/** Any text, or long text of what escaping grows (`&` becomes `&amp;`) and markup. */
const summary = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: fc.constantFrom('&', '<', '>', '*', '<!here>', '😀', 'a'), maxLength: 300, size: 'max' }));
const items: fc.Arbitrary<FollowUpSummaryItem[]> = fc.array(fc.record({ number: fc.integer({ min: 1, max: 9_999_999 }), summary }), { maxLength: 60, size: 'max' });

describe("a burst of follow-ups' summary", () => {
  it('names each outcome with its count and lists its tickets', () => {
    const message = followUpSummary('Support', {
      closed: [{ number: 1001, summary: 'Entire mobile online banking is down' }],
      resolved: [],
      reminded: [{ number: 1002, summary: 'Mail on my iPhone stopped syncing' }],
    });
    const text = JSON.stringify(message.blocks);
    expect(message.text).toBe(':broom: *Follow-ups*: the help desk followed up 2 Support tickets at once.');
    expect(text).toContain('*Closed automatically* (1)');
    expect(text).toContain('*#1001* Entire mobile online banking is down');
    expect(text).not.toContain('Resolved for no answer');
    expect(text).toContain('*Requesters reminded* (1)');
  });

  it("splits a listing that escaping grows past a section's 3,000 characters", () => {
    const worst = Array.from({ length: 30 }, (_, index) => ({ number: 1001 + index, summary: '&'.repeat(200) }));
    const message = followUpSummary('Support', { closed: worst, resolved: worst, reminded: worst });
    expect(messageProblems(message.text, message.blocks)).toEqual([]);
    expect(message.blocks?.length).toBeGreaterThan(5);
  });

  it("stays within Slack's limits whatever the tickets' summaries say and however many there are", () => {
    fc.assert(
      fc.property(items, items, items, fc.string({ maxLength: 100 }), (closed, resolved, reminded, name) => {
        const message = followUpSummary(name, { closed, resolved, reminded });
        // The local Slack's rules: Slack's own limits on a message (50 blocks, 3,000 characters a section, …).
        expect(messageProblems(message.text, message.blocks)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
