import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { err, ok, Result } from '../domain/result';
import { attachmentsSchema } from './attachments-config';
import { cannedResponseSchema, checkCannedResponses } from './canned-responses-config';
import { distinctOptions, uniqueNames } from './config-names';
import { departmentSchema } from './departments-config';
import { checkFollowUps } from './follow-ups-config';
import { formatIssues } from './format-issues';
import { helpTopicSchema } from './help-topics-config';
import { scheduleSchema } from './schedules-config';
import { checkSlaPlans, slaPlanSchema } from './sla-plans-config';

export { toAttachmentLimits } from './attachments-config';
export { toSchedule } from './schedules-config';
export type { ScheduleConfig } from './schedules-config';

/** The whole helpdesk.yml; each section's schema is in its own `*-config.ts` beside this file. */
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
    checkSlaPlans(config, ctx);
    uniqueNames(config.departments, 'departments', ctx);
    uniqueNames(config.help_topics, 'help_topics', ctx);
    distinctOptions(config.departments, 'departments', "the Transfer modal's list of departments", ctx);
    distinctOptions(config.help_topics, 'help_topics', "the New ticket modal's list of help topics", ctx);
    const schedules = new Set(config.schedules.map((schedule) => schedule.name));
    const plans = new Set(config.sla_plans.map((plan) => plan.name));
    const departments = new Set(config.departments.map((department) => department.name));
    config.departments.forEach((department, index) => {
      if (department.sla && !plans.has(department.sla)) {
        ctx.addIssue({ code: 'custom', path: ['departments', index, 'sla'], message: `no SLA plan is named "${department.sla}"` });
      }
      if (department.schedule && !schedules.has(department.schedule)) {
        ctx.addIssue({ code: 'custom', path: ['departments', index, 'schedule'], message: `no schedule is named "${department.schedule}"` });
      }
      checkFollowUps(department, index, ctx);
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
