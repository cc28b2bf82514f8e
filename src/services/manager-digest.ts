import { z } from 'zod';
import { PRIORITIES } from '../domain/ticket';

const count = z.number().int().nonnegative();
const ms = z.number().nonnegative().nullable();

/** One period's figures of a department (the last day, the last 7 days, or a report's days); durations in ms of wall time. */
export const periodFiguresSchema = z.object({
  days: z.number().int().positive(),
  /** Tickets filed in the period. */
  opened: count,
  /** Tickets whose latest resolution falls in the period. */
  resolved: count,
  /** Of those resolutions, how many had a due time, and how many came by it (the resolution SLA met). */
  resolvedWithSla: count,
  resolvedWithinSla: count,
  /** Tickets whose first response from staff falls in the period. */
  firstResponses: count,
  /**
   * Of those first responses, how many had a first-response target (the plan's `first_response`),
   * and how many came by it (the first-response SLA met). Zero in a digest queued before they were counted.
   */
  firstResponsesWithSla: count.default(0),
  firstResponsesWithinSla: count.default(0),
  medianFirstResponseMs: ms,
  medianResolutionMs: ms,
  /** How did we do? answers given in the period: how many, and their mean from 1 to 5 (null without any). */
  satisfactionCount: count,
  satisfactionAverage: z.number().min(1).max(5).nullable(),
});
export type PeriodFigures = z.infer<typeof periodFiguresSchema>;

/** An open ticket a digest lists among the oldest, with where its card is (for a link). */
export const digestTicketSchema = z.object({
  number: z.number().int(),
  summary: z.string(),
  priority: z.enum(PRIORITIES),
  createdAt: z.string(),
  cardChannelId: z.string().nullable(),
  cardTs: z.string().nullable(),
});

/** One department in a digest: what is true now (overdue, escalated, the oldest open tickets) and each period's figures. */
export const departmentDigestSchema = z.object({
  departmentId: z.number().int(),
  name: z.string(),
  /** Open tickets past their due time now, with the SLA clock running. */
  overdueNow: count,
  /** Open tickets escalated at least once, now. */
  escalatedNow: count,
  periods: z.array(periodFiguresSchema),
  oldestOpen: z.array(digestTicketSchema),
});
export type DepartmentDigest = z.infer<typeof departmentDigestSchema>;

/**
 * What a manager's digest (scheduled) or report (`/ticket report`) says, as figured at `at` (an
 * ISO instant of the business clock): kept in the outbox message, so the DM shows the figures of
 * the moment it was made, however late it is delivered.
 */
export const managerDigestSchema = z.object({
  kind: z.enum(['digest', 'report']),
  at: z.string(),
  departments: z.array(departmentDigestSchema),
});
export type ManagerDigest = z.infer<typeof managerDigestSchema>;
