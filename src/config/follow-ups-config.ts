import { z } from 'zod';
import { parseDuration } from '../domain/duration';
import { duration } from './config-values';

/**
 * A duration, or `off` (null, in any letter case): a follow-up step the department does not take.
 * One string schema, not a union, so a wrong value is told why (a union of the two answered only "Invalid input").
 */
const durationOrOff = z.string({ error: 'must be a duration such as 90s, 15m, 4h or 2d, or off' }).transform((text, ctx) => {
  if (text.trim().toLowerCase() === 'off') return null;
  const seconds = parseDuration(text);
  if (!seconds.ok) {
    ctx.addIssue({ code: 'custom', message: `${seconds.error}; or off to turn it off` });
    return z.NEVER;
  }
  return seconds.value;
});

/**
 * A department's `satisfaction:`: `off` (or `false`) asks no requester How did we do?; `on`, the
 * default, asks once per ticket when it closes.
 */
const onOff = z.union([z.boolean(), z.enum(['on', 'off'])], { error: 'must be on or off' }).transform((value) => value === true || value === 'on');

/**
 * A department's follow-ups, spread into its schema: when a resolved ticket closes itself, how long
 * it may be reopened, the reminders, and the satisfaction question.
 */
export const followUpFields = {
  /** A resolved ticket the requester neither confirms nor reopens closes itself after this (default 3d, `off` never). */
  auto_close_after: durationOrOff.default(3 * 86_400),
  /** How long after closing the requester may still reopen (default 7d, calendar time). */
  reopen_window: duration.default(7 * 86_400),
  /** One reminder to a requester the ticket waits on (default 2d, `off` none). */
  remind_requester_after: durationOrOff.default(2 * 86_400),
  /** A ticket waiting this long on the requester is resolved as "no answer from the requester" (default 5d, `off` never). */
  close_waiting_after: durationOrOff.default(5 * 86_400),
  /** An open ticket its assignee has not touched this long nudges them, or the channel when unassigned (default `off`). */
  remind_assignee_after: durationOrOff.default(null),
  /** Whether a closed ticket's requester is asked How did we do? (default on). */
  satisfaction: onOff.default(true),
};

/** The reminder to the requester must come before a waiting ticket is resolved for no answer. */
export const checkFollowUps = (department: { remind_requester_after: number | null; close_waiting_after: number | null }, index: number, ctx: z.RefinementCtx) => {
  const { remind_requester_after: remind, close_waiting_after: close } = department;
  if (remind !== null && close !== null && remind >= close) {
    ctx.addIssue({
      code: 'custom',
      path: ['departments', index, 'remind_requester_after'],
      message: 'must be shorter than close_waiting_after (the reminder comes before the ticket is resolved for no answer)',
    });
  }
};
