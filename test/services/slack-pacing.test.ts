import fc from 'fast-check';
import { PacingLimits, SlackPacing } from '../../src/services/slack-pacing';
import { SLACK_PACING_LIMITS } from '../../src/services/slack-pacing-limits';
import { SLACK_METHOD_LIMITS, SLACK_TARGET_LIMITS } from '../../src/sandbox/local-slack/rate-limits';

const LIMITS: PacingLimits = {
  perMethod: { 'chat.postMessage': { perMinute: 300, burst: 60 }, 'chat.update': { perMinute: 50, burst: 49 } },
  otherMethods: { perMinute: 20, burst: 19 },
  perTarget: { 'chat.postMessage': { perMinute: 60, burst: 2 } },
};
const T0 = 1_000_000;
const post = (channel: string) => ({ method: 'chat.postMessage', target: channel });

describe('pacing Web API calls under Slack rate limits (a hand-driven clock)', () => {
  it('lets a channel take two posts at once, then hands out one slot a second, in order', () => {
    const pacing = new SlackPacing(LIMITS);
    const slots = Array.from({ length: 6 }, (_, holder) => pacing.next(post('C1'), T0, holder));
    expect(slots.map((at) => at - T0)).toEqual([0, 0, 1000, 2000, 3000, 4000]);
  });

  it('paces each channel on its own: another channel is not held up', () => {
    const pacing = new SlackPacing(LIMITS);
    for (let holder = 0; holder < 5; holder++) pacing.next(post('C1'), T0, holder);
    expect(pacing.next(post('C2'), T0, 10)).toBe(T0);
  });

  it('refills as time passes: a channel quiet for a while has its burst again', () => {
    const pacing = new SlackPacing(LIMITS);
    pacing.next(post('C1'), T0, 1);
    pacing.next(post('C1'), T0, 2);
    expect(pacing.next(post('C1'), T0 + 2000, 3)).toBe(T0 + 2000);
    expect(pacing.next(post('C1'), T0 + 2000, 4)).toBe(T0 + 2000);
    expect(pacing.next(post('C1'), T0 + 2000, 5)).toBe(T0 + 3000);
  });

  it("keeps to the method's tier per workspace: the 50th chat.update in a minute waits", () => {
    const pacing = new SlackPacing(LIMITS);
    const slots = Array.from({ length: 51 }, (_, holder) => pacing.next({ method: 'chat.update' }, T0, holder));
    expect(slots.filter((at) => at === T0)).toHaveLength(49);
    expect(slots.slice(49).map((at) => at - T0)).toEqual([1200, 2400]);
  });

  it('gives a message that was deferred to its slot that same slot when it comes back', () => {
    const pacing = new SlackPacing(LIMITS);
    pacing.next(post('C1'), T0, 1);
    pacing.next(post('C1'), T0, 2);
    const slot = pacing.next(post('C1'), T0, 3);
    pacing.hold(post('C1'), 3, slot);
    // Others book later slots meanwhile; message 3 keeps its own.
    expect(pacing.next(post('C1'), T0 + 10, 4)).toBe(T0 + 2000);
    expect(pacing.next(post('C1'), slot, 3)).toBe(slot);
  });

  it("waits out Slack's Retry-After after a 429, then resumes at the average rate", () => {
    const pacing = new SlackPacing(LIMITS);
    pacing.rateLimited(post('C1'), 30_000, T0);
    expect(pacing.next(post('C1'), T0, 1)).toBe(T0 + 30_000);
    expect(pacing.next(post('C1'), T0, 2)).toBe(T0 + 31_000);
    // Another channel is not paused.
    expect(pacing.next(post('C2'), T0, 3)).toBe(T0);
  });

  it('never books more calls into any stretch of time than the limits allow (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ channel: fc.constantFrom('C1', 'C2'), gap: fc.integer({ min: 0, max: 1500 }) }), { minLength: 1, maxLength: 80 }), (calls) => {
        const pacing = new SlackPacing(LIMITS);
        let now = T0;
        const booked = calls.map(({ channel, gap }, holder) => {
          now += gap;
          return { channel, at: pacing.next(post(channel), now, holder), asked: now };
        });
        for (const { at, asked } of booked) expect(at).toBeGreaterThanOrEqual(asked);
        for (const channel of ['C1', 'C2']) {
          const slots = booked.filter((call) => call.channel === channel).map((call) => call.at);
          // Any window of w ms holds at most burst + w / interval slots.
          for (const start of slots) expect(slots.filter((at) => at >= start && at < start + 5000).length).toBeLessThanOrEqual(2 + 5);
        }
      }),
    );
  });
});

describe("the app's pacing limits", () => {
  it('are inside the limits the local Slack enforces as Slack publishes them: a slower or equal rate, a smaller burst', () => {
    for (const [method, slack] of Object.entries(SLACK_METHOD_LIMITS)) {
      const app = SLACK_PACING_LIMITS.perMethod[method] ?? SLACK_PACING_LIMITS.otherMethods;
      if (method === 'auth.test') continue;
      expect({ method, perMinute: app.perMinute <= slack.perMinute, burst: app.burst < slack.burst }).toEqual({ method, perMinute: true, burst: true });
    }
    for (const [method, { limit }] of Object.entries(SLACK_TARGET_LIMITS)) {
      const app = SLACK_PACING_LIMITS.perTarget[method];
      expect(app).toBeDefined();
      expect(app!.perMinute).toBeLessThanOrEqual(limit.perMinute);
      expect(app!.burst).toBeLessThan(limit.burst);
    }
  });
});
