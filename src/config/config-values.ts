import { z } from 'zod';
import { parseDuration } from '../domain/duration';

/** A name people see in a select or a message: 1 to 100 characters, trimmed. */
export const name = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
export const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id such as U0JOHN');
export const slackChannelId = z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'must be a Slack channel id such as C0SUPPORT');
/** A duration such as `4h` or `2d`, read into seconds. */
export const duration = z.string({ error: 'must be a duration such as 90s, 15m, 4h or 2d' }).transform((text, ctx) => {
  const seconds = parseDuration(text);
  if (!seconds.ok) {
    ctx.addIssue({ code: 'custom', message: seconds.error });
    return z.NEVER;
  }
  return seconds.value;
});
