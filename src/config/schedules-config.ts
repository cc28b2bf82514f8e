import { z } from 'zod';
import { isValidTimezone, parseShifts, Schedule } from '../domain/business-hours';
import { name } from './config-values';

const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const shifts = z.string().transform((text, ctx) => {
  const parsed = parseShifts(text);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not opening hours; write them like "09:00-17:00" or "09:00-13:00,14:00-17:00"` });
    return z.NEVER;
  }
  return parsed;
});

/** `schedules:`: a named week of opening hours in a time zone, with its holidays. */
export const scheduleSchema = z.object({
  name,
  timezone: z.string().refine(isValidTimezone, 'must be an IANA time zone such as America/New_York'),
  hours: z.object(Object.fromEntries(DAY_KEYS.map((day) => [day, shifts.optional()])) as Record<(typeof DAY_KEYS)[number], z.ZodOptional<typeof shifts>>).strict(),
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')).default([]),
});

export type ScheduleConfig = z.output<typeof scheduleSchema>;

/** A configured schedule as the SLA clock uses it. */
export const toSchedule = (config: ScheduleConfig): Schedule => ({
  timezone: config.timezone,
  holidays: config.holidays,
  hours: Object.fromEntries(Object.entries(config.hours).filter(([, value]) => value !== undefined)),
});
