import cron from 'node-cron';
import { z } from 'zod';
import { isValidTimezone } from '../domain/business-hours';
import { name, slackChannelId, slackUserId } from './config-values';
import { followUpFields } from './follow-ups-config';

/**
 * Who a new high or emergency ticket pages: one or more Slack mentions, as Slack writes them in
 * message text (https://docs.slack.dev/messaging/formatting-message-text#mentioning-groups):
 * a user group `<!subteam^S0ONCALL>`, a person `<@U0JOHN>`, or `<!here>` / `<!channel>`.
 */
const MENTION = /^(<!subteam\^S[A-Z0-9]{2,}(\|[^<>|]+)?>|<@[UW][A-Z0-9]{2,}>|<!here>|<!channel>)$/;
const pagedPriorities = ['high', 'emergency'] as const;
const mentions = z
  .string()
  .trim()
  .refine(
    (text) => text !== '' && text.split(/\s+/).every((part) => MENTION.test(part)),
    'must be Slack mentions such as "<!subteam^S0ONCALL>" (a user group), "<@U0JOHN>", "<!here>" or "<!channel>", separated by spaces',
  );
const notifySchema = z.record(z.string(), mentions).superRefine((notify, ctx) => {
  for (const key of Object.keys(notify)) {
    if (!(pagedPriorities as readonly string[]).includes(key)) {
      ctx.addIssue({ code: 'custom', path: [key], message: `only high and emergency tickets page anyone (normal and low mention nobody); write "high:" or "emergency:"` });
    }
  }
});

/** A cron expression of five fields (minute hour day month weekday) or six (seconds first) that node-cron accepts (no minute 99, no February 31). */
const CRON_FIELD = /^[A-Za-z0-9*,/-]+$/;
const cronExpression = z
  .string()
  .trim()
  .refine((text) => {
    const parts = text.split(/\s+/);
    // node-cron's own check too: "99 8 * * *" has the shape but was only refused, in a log line, when scheduled.
    return (parts.length === 5 || parts.length === 6) && parts.every((part) => CRON_FIELD.test(part)) && cron.validate(text);
  }, 'must be a cron expression such as "0 8 * * 1-5" (minute hour day month weekday)');

/**
 * The managers' digest: a DM to each manager on the cron's schedule, off unless given. The cron
 * runs in `timezone` (an IANA name), else in the department's `schedule:` time zone, else the server's.
 */
const digestSchema = z.object({ cron: cronExpression, timezone: z.string().trim().refine(isValidTimezone, 'must be an IANA time zone such as America/New_York').optional() }).strict();

/** `departments:`: who works a department's tickets, where its cards go, who is paged, its follow-ups and digest. */
export const departmentSchema = z.object({
  name,
  channel: slackChannelId,
  agents: z.array(slackUserId).min(1, 'list at least one agent'),
  managers: z.array(slackUserId).default([]),
  sla: name.optional(),
  escalation_channel: slackChannelId.optional(),
  /** Who a new ticket of that priority mentions on its card, instead of the department's agents. */
  notify: notifySchema.optional(),
  /** Working hours the follow-up delays below are counted in; every hour counts without one. */
  schedule: name.optional(),
  ...followUpFields,
  /** The managers' digest schedule; none by default. */
  digest: digestSchema.optional(),
});
