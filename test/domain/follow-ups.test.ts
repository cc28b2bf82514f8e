import fc from 'fast-check';
import { DEFAULT_FOLLOW_UPS, FOLLOW_UP_STAGE, followFollowUps, followUpStep, formatFollowUpDelay, reopenWindowPassed } from '../../src/domain/follow-ups';
import { T0 } from './ticket-fixtures';

const HOUR = 3_600_000;
const policy = { ...DEFAULT_FOLLOW_UPS, autoCloseSeconds: 10 * 3600, remindRequesterSeconds: 2 * 3600, closeWaitingSeconds: 5 * 3600, reopenWindowSeconds: 24 * 3600 };
const waiting = (followUpStage: number) => ({ status: 'waiting' as const, resolvedAt: null, slaPausedAt: T0, updatedAt: T0, followUpStage });
const hoursLater = (hours: number) => new Date(T0.getTime() + hours * HOUR);

describe('the follow-up steps (followUpStep)', () => {
  it('takes one step for whatever fell due: never a reminder once the no-answer time has come, never a second reminder', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 * 60 }), fc.constantFrom(FOLLOW_UP_STAGE.none, FOLLOW_UP_STAGE.reminded), (minutes, stage) => {
        const step = followUpStep(waiting(stage), policy, new Date(T0.getTime() + minutes * 60_000));
        if (minutes >= 5 * 60) expect(step.kind).toBe('resolve_no_answer');
        else if (minutes >= 2 * 60 && stage === FOLLOW_UP_STAGE.none) expect(step).toEqual({ kind: 'remind_requester', next: hoursLater(5) });
        else expect(step).toEqual({ kind: 'none', next: stage === FOLLOW_UP_STAGE.none ? hoursLater(2) : hoursLater(5) });
      }),
    );
  });

  it('closes a resolved ticket at its auto-close time and not before; `off` never does', () => {
    const resolved = { status: 'resolved' as const, resolvedAt: T0, slaPausedAt: null, updatedAt: T0, followUpStage: 0 };
    expect(followUpStep(resolved, policy, hoursLater(9.99))).toEqual({ kind: 'none', next: hoursLater(10) });
    expect(followUpStep(resolved, policy, hoursLater(10))).toEqual({ kind: 'auto_close', afterSeconds: 36_000 });
    expect(followUpStep(resolved, { ...policy, autoCloseSeconds: null }, hoursLater(1000))).toEqual({ kind: 'none', next: null });
  });

  it('lets the requester reopen until the window has passed, counted from the close', () => {
    const closed = { status: 'closed' as const, closedAt: T0 };
    expect(reopenWindowPassed(closed, policy, hoursLater(23.9))).toBe(false);
    expect(reopenWindowPassed(closed, policy, hoursLater(24))).toBe(true);
    expect(reopenWindowPassed({ status: 'resolved', closedAt: null }, policy, hoursLater(1000))).toBe(false);
  });
});

describe('the follow-ups after a change (followFollowUps)', () => {
  const open = { status: 'in_progress' as const, assigneeId: 'U0JOHN', followUpStage: FOLLOW_UP_STAGE.nudged, followUpNextCheckAt: null };
  const nudging = { ...policy, remindAssigneeSeconds: 2 * 3600 };

  it("starts the assignee's wait again when the assignee acts, and only then", () => {
    expect(followFollowUps(open, open, 'U0JOHN', T0, nudging)).toEqual({ followUpStage: 0, followUpNextCheckAt: hoursLater(2) });
    expect(followFollowUps(open, open, 'U0KAREN', T0, nudging)).toEqual({ followUpStage: FOLLOW_UP_STAGE.nudged, followUpNextCheckAt: null });
    expect(followFollowUps(open, open, 'U0JOHN', T0, policy)).toEqual({ followUpStage: 0, followUpNextCheckAt: null });
  });

  it('asks the sweep to look at once when the ticket starts waiting or is resolved, and forgets it once closed', () => {
    expect(followFollowUps(open, { status: 'waiting', assigneeId: 'U0JOHN' }, 'U0JOHN', T0, nudging)).toEqual({ followUpStage: 0, followUpNextCheckAt: T0, waitingSince: T0 });
    expect(followFollowUps(open, { status: 'resolved', assigneeId: 'U0JOHN' }, 'U0JOHN', T0)).toEqual({ followUpStage: 0, followUpNextCheckAt: T0 });
    expect(followFollowUps({ ...open, status: 'resolved' }, { status: 'closed', assigneeId: 'U0JOHN' }, 'U0KAREN', T0)).toEqual({ followUpStage: 0, followUpNextCheckAt: null });
  });
});

describe("the requester's silence while waiting (osTicket: from the last response)", () => {
  const waitingTicket = { status: 'waiting' as const, assigneeId: 'U0JOHN', followUpStage: FOLLOW_UP_STAGE.reminded, followUpNextCheckAt: null };

  it('starts again at each reply to the requester, never at anything else while waiting', () => {
    expect(followFollowUps(waitingTicket, waitingTicket, 'U0JOHN', hoursLater(3), policy, true)).toEqual({ followUpStage: 0, followUpNextCheckAt: hoursLater(3), waitingSince: hoursLater(3) });
    expect(followFollowUps(waitingTicket, waitingTicket, 'U0JOHN', hoursLater(3), policy, false)).toEqual({ followUpStage: FOLLOW_UP_STAGE.reminded, followUpNextCheckAt: null });
  });

  it('reminds and resolves counted from the latest reply, one reminder per silence, whatever the replies before it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 6 * 60 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 8 * 60 }), (gaps, minutes) => {
        let ticket = { ...waiting(FOLLOW_UP_STAGE.none), assigneeId: 'U0JOHN', followUpNextCheckAt: T0 as Date | null, waitingSince: T0 };
        let last = T0;
        for (const gap of gaps) {
          last = new Date(last.getTime() + gap * 60_000);
          // Reminded during the silence before each reply.
          const reminded = { ...ticket, followUpStage: FOLLOW_UP_STAGE.reminded };
          ticket = { ...reminded, ...followFollowUps(reminded, reminded, 'U0JOHN', last, policy, true) };
        }
        const step = followUpStep(ticket, policy, new Date(last.getTime() + minutes * 60_000));
        const later = (hours: number) => new Date(last.getTime() + hours * HOUR);
        if (minutes >= 5 * 60) expect(step.kind).toBe('resolve_no_answer');
        else if (minutes >= 2 * 60) expect(step).toEqual({ kind: 'remind_requester', next: later(5) });
        else expect(step).toEqual({ kind: 'none', next: later(2) });
      }),
    );
  });
});

describe('follow-up delays in words (formatFollowUpDelay)', () => {
  const schedule = { timezone: 'UTC', holidays: [], hours: { mon: [[540, 1020]] } } as never;
  it('says calendar days around the clock and working hours under a schedule (3d is 72 working hours there)', () => {
    expect(formatFollowUpDelay(3 * 86_400, { schedule: null })).toBe('3 days');
    expect(formatFollowUpDelay(3 * 86_400, { schedule })).toBe('72 working hours');
    expect(formatFollowUpDelay(3600, { schedule })).toBe('1 working hour');
    expect(formatFollowUpDelay(90 * 60, { schedule })).toBe('90 working minutes');
  });
});
