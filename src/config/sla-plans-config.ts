import { z } from 'zod';
import { duration, name } from './config-values';

/** `sla_plans:`: a resolution target (grace_period), an optional first-response target, a warning and escalations after a breach. */
export const slaPlanSchema = z.object({
  name,
  grace_period: duration,
  schedule: name.optional(),
  warn_before: duration.optional(),
  escalate_after_breach: z.array(duration).default([]),
  /** The first-response target, beside grace_period (the resolution target), in the plan's working time. */
  first_response: duration.optional(),
});

/** An SLA plan's own rules: a known schedule, a first response and a warning within the grace period, escalations in order. */
export const checkSlaPlans = (config: { sla_plans: z.output<typeof slaPlanSchema>[]; schedules: { name: string }[] }, ctx: z.RefinementCtx) => {
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
};
