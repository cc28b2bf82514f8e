import type { PeriodFigures } from '../../src/services/manager-digest';
import { periodLine } from '../../src/slack/views/manager-digest.view';

const week: PeriodFigures = {
  days: 7,
  opened: 12,
  resolved: 9,
  resolvedWithSla: 8,
  resolvedWithinSla: 7,
  firstResponses: 10,
  firstResponsesWithSla: 4,
  firstResponsesWithinSla: 3,
  medianFirstResponseMs: 30 * 60_000,
  medianResolutionMs: 3 * 3_600_000,
  satisfactionCount: 5,
  satisfactionAverage: 4.4,
};

describe("a period's figures in the managers' digest and /ticket report", () => {
  it('names both SLA targets met, out of the tickets that had each', () => {
    expect(periodLine(week)).toContain('first-response SLA met 3 of 4 · resolution SLA met 7 of 8');
  });

  it('says a period had no target rather than "0 of 0"', () => {
    const line = periodLine({ ...week, firstResponsesWithSla: 0, firstResponsesWithinSla: 0, resolvedWithSla: 0, resolvedWithinSla: 0 });
    expect(line).toContain('no first-response target in the period · no resolution target in the period');
    expect(line).not.toContain('0 of 0');
  });
});
