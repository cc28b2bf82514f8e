import { AttachmentLimits, DEFAULT_ATTACHMENT_LIMITS } from '../services/attachments';
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import cron from 'node-cron';
import { z } from 'zod';
import { isValidTimezone, parseShifts, Schedule } from '../domain/business-hours';
import { parseDuration } from '../domain/duration';
import { err, ok, Result } from '../domain/result';
import { PRIORITIES } from '../domain/ticket';
import { topicFieldsSchema } from './topic-fields-config';
import { CANNED_VARIABLES, unknownVariables } from '../domain/canned-text';
import { OPTION_TEXT_MAX, optionText } from '../slack/views/text-cuts';
import { formatIssues } from './format-issues';

const name = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id such as U0JOHN');
const slackChannelId = z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'must be a Slack channel id such as C0SUPPORT');
const duration = z.string({ error: 'must be a duration such as 90s, 15m, 4h or 2d' }).transform((text, ctx) => {
  const seconds = parseDuration(text);
  if (!seconds.ok) {
    ctx.addIssue({ code: 'custom', message: seconds.error });
    return z.NEVER;
  }
  return seconds.value;
});

/**
 * A duration, or `off` (null): a follow-up step the department does not take. One string schema,
 * not a union, so a wrong value is told why (a union of the two answered only "Invalid input").
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

const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const shifts = z.string().transform((text, ctx) => {
  const parsed = parseShifts(text);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not opening hours; write them like "09:00-17:00" or "09:00-13:00,14:00-17:00"` });
    return z.NEVER;
  }
  return parsed;
});

const scheduleSchema = z.object({
  name,
  timezone: z.string().refine(isValidTimezone, 'must be an IANA time zone such as America/New_York'),
  hours: z.object(Object.fromEntries(DAY_KEYS.map((day) => [day, shifts.optional()])) as Record<(typeof DAY_KEYS)[number], z.ZodOptional<typeof shifts>>).strict(),
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')).default([]),
});

const slaPlanSchema = z.object({
  name,
  grace_period: duration,
  schedule: name.optional(),
  warn_before: duration.optional(),
  escalate_after_breach: z.array(duration).default([]),
  /** The first-response target, beside grace_period (the resolution target), in the plan's working time. */
  first_response: duration.optional(),
});

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

/**
 * A department's `satisfaction:`: `off` (or `false`) asks no requester How did we do?; `on`, the
 * default, asks once per ticket when it closes.
 */
const onOff = z.union([z.boolean(), z.enum(['on', 'off'])], { error: 'must be on or off' }).transform((value) => value === true || value === 'on');

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

/** The managers' digest: a DM to each manager on the cron's schedule (the server's time zone), off unless given. */
const digestSchema = z.object({ cron: cronExpression }).strict();

const departmentSchema = z.object({
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
  /** The managers' digest schedule; none by default. */
  digest: digestSchema.optional(),
});

const helpTopicSchema = z.object({
  name,
  department: name,
  priority: z.enum(PRIORITIES).default('normal'),
  sla: name.optional(),
  /** The questions the New ticket modal asks for this topic (topic-fields-config.ts). */
  fields: topicFieldsSchema,
});

/** A canned response's text: as long as the Reply modal's message may be (WORK_TEXT_MAX). */
const CANNED_TEXT_MAX = 3000;
/** Responses one department's agents are offered (their own and those for all): a select holds at most 100 options. */
const CANNED_PER_DEPARTMENT_MAX = 100;

const cannedResponseSchema = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(OPTION_TEXT_MAX, `must be at most ${OPTION_TEXT_MAX} characters (Slack shows no more of a choice)`),
  text: z.string().trim().min(1, 'must not be empty').max(CANNED_TEXT_MAX, `must be at most ${CANNED_TEXT_MAX} characters (the Reply modal holds no more)`),
  /** The department whose agents are offered it; without one, every department's. */
  department: name.optional(),
});

/** Canned responses: unknown variables, unknown departments, and titles offered twice to one department. */
const checkCannedResponses = (config: { canned_responses: z.output<typeof cannedResponseSchema>[]; departments: { name: string }[] }, ctx: z.RefinementCtx) => {
  const departments = config.departments.map((department) => department.name);
  const variables = [...CANNED_VARIABLES.map((variable) => `{${variable}}`), '{field.<name>}'].join(', ');
  config.canned_responses.forEach((response, index) => {
    for (const unknown of unknownVariables(response.text)) {
      ctx.addIssue({ code: 'custom', path: ['canned_responses', index, 'text'], message: `"${response.title}" uses the unknown variable {${unknown}}; the variables are ${variables}` });
    }
    if (response.department !== undefined && !departments.includes(response.department)) {
      ctx.addIssue({ code: 'custom', path: ['canned_responses', index, 'department'], message: `"${response.title}": no department is named "${response.department}"` });
    }
  });
  for (const department of departments) {
    const offered = config.canned_responses.map((response, index) => ({ response, index })).filter(({ response }) => response.department === undefined || response.department === department);
    const seen = new Set<string>();
    for (const { response, index } of offered) {
      if (seen.has(response.title))
        ctx.addIssue({ code: 'custom', path: ['canned_responses', index, 'title'], message: `"${response.title}" is offered to ${department} twice; give it another title` });
      seen.add(response.title);
    }
    if (offered.length > CANNED_PER_DEPARTMENT_MAX) {
      ctx.addIssue({ code: 'custom', path: ['canned_responses'], message: `${department} is offered ${offered.length} canned responses; at most ${CANNED_PER_DEPARTMENT_MAX} fit in Slack's select` });
    }
  }
};

const uniqueNames = (items: readonly { name: string }[], list: string, ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.name)) ctx.addIssue({ code: 'custom', path: [list, index, 'name'], message: `"${item.name}" is listed twice` });
    seen.add(item.name);
  });
};

/** Characters Unicode says to draw as nothing (zero-width space, soft hyphen, joiners, variation selectors, …). */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/** How a select shows a name: cut as the views cut it, in one Unicode form, without what is drawn as nothing, with runs of spaces shown as one. */
const shownAs = (name: string): string => optionText(name).normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();

/**
 * Names that differ but would look the same in a select the app builds: Slack cuts option text
 * at 75 characters, so two names alike in their first 74 become two identical choices, and two
 * names that differ only in characters drawn as nothing (`Lap\u200Btop`) look the same. Exact
 * repeats are left to uniqueNames.
 */
const distinctOptions = (items: readonly { name: string }[], list: string, where: string, ctx: z.RefinementCtx) => {
  const seen = new Map<string, { name: string; index: number }>();
  items.forEach((item, index) => {
    const label = shownAs(item.name);
    if (label === '') {
      ctx.addIssue({ code: 'custom', path: [list, index, 'name'], message: `"${item.name}" would show as an empty choice in ${where}; give it a visible name` });
      return;
    }
    const earlier = seen.get(label);
    if (earlier && earlier.name !== item.name) {
      ctx.addIssue({
        code: 'custom',
        path: [list, index, 'name'],
        message: `"${item.name}" would show as "${optionText(item.name)}" in ${where}, the same as ${list}[${earlier.index}] "${earlier.name}" (Slack shows at most ${OPTION_TEXT_MAX} characters of a choice); make them differ in characters people can see, within the first ${OPTION_TEXT_MAX - 1}`,
      });
    }
    if (!earlier) seen.set(label, { name: item.name, index });
  });
};

/** A file size: a number of bytes, or `500KB`, `10MB` (binary units, as Slack shows sizes). */
const byteSize = z.union([
  z.number().int().positive(),
  z.string().transform((text, ctx) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(KB|MB|GB)\s*$/i.exec(text);
    if (!match) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a size: write e.g. 500KB or 10MB` });
      return z.NEVER;
    }
    return Math.round(Number(match[1]) * 1024 ** (['KB', 'MB', 'GB'].indexOf((match[2] ?? '').toUpperCase()) + 1));
  }),
]);

/** `attachments:`: which files travel between the requester's thread and the card thread (see src/services/attachments.ts). */
const attachmentsSchema = z
  .object({
    max_file_size: byteSize.optional(),
    // Slack's file_input takes at most 10 files.
    max_files_per_message: z.number().int().min(1).max(10).optional(),
    refused_types: z.array(z.string().regex(/^\.?[A-Za-z0-9]+$/, 'write a file extension such as exe')).optional(),
  })
  .strict();

/** The attachment limits `attachments:` sets, over the defaults. */
export const toAttachmentLimits = (config: HelpdeskConfig['attachments']): AttachmentLimits => ({
  maxFileBytes: config?.max_file_size ?? DEFAULT_ATTACHMENT_LIMITS.maxFileBytes,
  maxFilesPerMessage: config?.max_files_per_message ?? DEFAULT_ATTACHMENT_LIMITS.maxFilesPerMessage,
  refusedTypes: config?.refused_types?.map((type) => type.replace(/^\./, '').toLowerCase()) ?? DEFAULT_ATTACHMENT_LIMITS.refusedTypes,
});

const helpdeskConfigSchema = z
  .object({
    schedules: z.array(scheduleSchema).default([]),
    sla_plans: z.array(slaPlanSchema).default([]),
    departments: z.array(departmentSchema).min(1, 'list at least one department'),
    help_topics: z.array(helpTopicSchema).min(1, 'list at least one help topic').max(100, "list at most 100 help topics (Slack's select holds no more)"),
    attachments: attachmentsSchema.optional(),
    canned_responses: z.array(cannedResponseSchema).default([]),
  })
  .superRefine((config, ctx) => {
    checkCannedResponses(config, ctx);
    uniqueNames(config.schedules, 'schedules', ctx);
    uniqueNames(config.sla_plans, 'sla_plans', ctx);
    const schedules = new Set(config.schedules.map((schedule) => schedule.name));
    config.sla_plans.forEach((plan, index) => {
      if (plan.schedule && !schedules.has(plan.schedule)) {
        ctx.addIssue({ code: 'custom', path: ['sla_plans', index, 'schedule'], message: `no schedule is named "${plan.schedule}"` });
      }
      if (plan.first_response !== undefined && plan.first_response > plan.grace_period) {
        ctx.addIssue({ code: 'custom', path: ['sla_plans', index, 'first_response'], message: 'must not be longer than the grace period (the first response comes before the resolution)' });
      }
      if (plan.warn_before !== undefined && plan.warn_before >= plan.grace_period) {
        ctx.addIssue({ code: 'custom', path: ['sla_plans', index, 'warn_before'], message: 'must be shorter than the grace period' });
      }
      const escalations = plan.escalate_after_breach;
      if (escalations.some((after, at) => at > 0 && after <= (escalations[at - 1] ?? 0))) {
        ctx.addIssue({ code: 'custom', path: ['sla_plans', index, 'escalate_after_breach'], message: 'each level must come later than the one before' });
      }
    });
    uniqueNames(config.departments, 'departments', ctx);
    uniqueNames(config.help_topics, 'help_topics', ctx);
    distinctOptions(config.departments, 'departments', "the Transfer modal's list of departments", ctx);
    distinctOptions(config.help_topics, 'help_topics', "the New ticket modal's list of help topics", ctx);
    const plans = new Set(config.sla_plans.map((plan) => plan.name));
    const departments = new Set(config.departments.map((department) => department.name));
    config.departments.forEach((department, index) => {
      if (department.sla && !plans.has(department.sla)) {
        ctx.addIssue({ code: 'custom', path: ['departments', index, 'sla'], message: `no SLA plan is named "${department.sla}"` });
      }
      if (department.schedule && !schedules.has(department.schedule)) {
        ctx.addIssue({ code: 'custom', path: ['departments', index, 'schedule'], message: `no schedule is named "${department.schedule}"` });
      }
      const { remind_requester_after: remind, close_waiting_after: close } = department;
      if (remind !== null && close !== null && remind >= close) {
        ctx.addIssue({
          code: 'custom',
          path: ['departments', index, 'remind_requester_after'],
          message: 'must be shorter than close_waiting_after (the reminder comes before the ticket is resolved for no answer)',
        });
      }
    });
    config.help_topics.forEach((topic, index) => {
      if (!departments.has(topic.department)) {
        ctx.addIssue({ code: 'custom', path: ['help_topics', index, 'department'], message: `no department is named "${topic.department}"` });
      }
      if (topic.sla && !plans.has(topic.sla)) {
        ctx.addIssue({ code: 'custom', path: ['help_topics', index, 'sla'], message: `no SLA plan is named "${topic.sla}"` });
      }
    });
  });

export type HelpdeskConfig = z.output<typeof helpdeskConfigSchema>;
export type ScheduleConfig = z.output<typeof scheduleSchema>;

/** A configured schedule as the SLA clock uses it. */
export const toSchedule = (config: ScheduleConfig): Schedule => ({
  timezone: config.timezone,
  holidays: config.holidays,
  hours: Object.fromEntries(Object.entries(config.hours).filter(([, value]) => value !== undefined)),
});

/** Validates a parsed YAML document; each error names the path of the offending value. */
export const parseHelpdeskConfig = (document: unknown): Result<HelpdeskConfig, string[]> => {
  const parsed = helpdeskConfigSchema.safeParse(document ?? {});
  return parsed.success ? ok(parsed.data) : err(formatIssues(parsed.error.issues));
};

export const parseHelpdeskYaml = (text: string): Result<HelpdeskConfig, string[]> => {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) return err(document.errors.map((error) => `YAML: ${error.message}`));
  return parseHelpdeskConfig(document.toJS());
};

export const loadHelpdeskConfig = (path: string): Result<HelpdeskConfig, string[]> => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message;
    return err([`${path}: ${reason} (copy helpdesk.example.yml to helpdesk.yml, or set HELPDESK_CONFIG)`]);
  }
  return parseHelpdeskYaml(text);
};
