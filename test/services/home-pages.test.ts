import fc from 'fast-check';
import { onPageWithRows } from '../../src/services/home.service';

/** A list of `total` rows read a page at a time, as the ticket queries answer. */
const listOf = (total: number) => async (at: { limit: number; offset: number }) => ({
  rows: Array.from({ length: Math.max(0, Math.min(at.limit, total - at.offset)) }, (_, index) => at.offset + index),
  offset: at.offset,
  total,
});

describe('onPageWithRows', () => {
  it('shows rows whenever the list has any, whatever page the person was left on', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 10_000 }), async (total, limit, offset) => {
        const page = await onPageWithRows({ limit, offset }, listOf(total));
        expect(page.total).toBe(total);
        if (total > 0) expect(page.rows.length).toBeGreaterThan(0);
        // A page that still has rows is kept as it was.
        if (offset < total) expect(page.offset).toBe(offset);
        else if (total > 0) expect(page.offset).toBe(Math.floor((total - 1) / limit) * limit);
      }),
    );
  });
});
