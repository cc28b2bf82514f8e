import { Priority, TicketStatus } from '../../domain/ticket';
import type { PeriodFigures } from '../manager-digest';

/** The statuses of a ticket still being worked (see isActive). */
export type OpenStatus = Extract<TicketStatus, 'open' | 'in_progress' | 'waiting'>;

/** What the figures of some departments are asked for: instants of the business clock, chosen by the service. */
export interface DepartmentFiguresQuery {
  readonly departmentIds: readonly number[];
  readonly now: Date;
  /** Resolutions from this instant on count as recent ("resolved in the last 7 days"). */
  readonly recentSince: Date;
  /** Medians and the SLA share cover resolutions and first responses from this instant on (the last 30 days). */
  readonly measuredSince: Date;
  /** How many of the oldest open tickets to list per department. */
  readonly oldestLimit: number;
}

/** An open ticket as the managers' overview lists it, with where its card is in Slack (if it was posted). */
export interface OpenTicketSummary {
  readonly id: number;
  readonly number: number;
  readonly summary: string;
  readonly status: OpenStatus;
  readonly priority: Priority;
  readonly assigneeId: string | null;
  readonly createdAt: Date;
  readonly dueAt: Date | null;
  readonly cardChannelId: string | null;
  readonly cardTs: string | null;
}

/** One department's figures at `now`; counts are of tickets, durations in milliseconds of wall time. */
export interface DepartmentFigures {
  readonly departmentId: number;
  /** Open tickets (open, in progress, waiting) by status, and by priority: every key present, zero when none. */
  readonly openByStatus: Readonly<Record<OpenStatus, number>>;
  readonly openByPriority: Readonly<Record<Priority, number>>;
  /** Open tickets past their due time whose SLA clock runs (not waiting on the requester). */
  readonly overdue: number;
  /** Open tickets escalated at least once (by a person or by the SLA sweep). */
  readonly escalated: number;
  /** Tickets whose latest resolution is at or after `recentSince` (closed since or not). */
  readonly resolvedRecently: number;
  /** Median from filing to the first staff response, over first responses since `measuredSince`; null when none. */
  readonly medianFirstResponseMs: number | null;
  /** Median from filing to resolution, over resolutions since `measuredSince`; null when none. */
  readonly medianResolutionMs: number | null;
  /** Of the resolutions since `measuredSince` that had a due time, how many came by it. */
  readonly resolvedWithinSla: number;
  readonly resolvedWithSla: number;
  /** The oldest open tickets, oldest first, at most `oldestLimit`. */
  readonly oldestOpen: readonly OpenTicketSummary[];
  /** How did we do? answers given since `measuredSince`: how many, and their mean from 1 to 5 (null without any). */
  readonly satisfactionCount: number;
  readonly satisfactionAverage: number | null;
}

/** A period of the business clock, from `since` (included) to `until` (excluded), for some departments. */
export interface PeriodQuery {
  readonly departmentIds: readonly number[];
  readonly since: Date;
  readonly until: Date;
}

/** One department's figures over a period (see PeriodFigures in manager-digest.ts, without its `days`). */
export type PeriodCounts = { readonly departmentId: number } & Omit<PeriodFigures, 'days'>;

/** A ticket of a period, as a manager's report lists it (one CSV row). */
export interface ReportTicket {
  readonly number: number;
  readonly departmentId: number;
  readonly helpTopicId: number;
  readonly priority: Priority;
  readonly status: TicketStatus;
  readonly createdAt: Date;
  readonly firstResponseAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly closedAt: Date | null;
  /** Whether the latest resolution came by the due time; null while unresolved or without an SLA plan. */
  readonly resolvedWithinSla: boolean | null;
  /**
   * Whether the first response came by its target (the plan's `first_response`): false too when
   * none came and the target passed before the period's end; null without a target, or while it has not passed.
   */
  readonly firstResponseWithinSla: boolean | null;
  /** The requester's How did we do? rating, 1 to 5, if they answered. */
  readonly satisfaction: number | null;
}

/**
 * The managers' figures, read from what the tickets keep (first_response_at, resolved_at,
 * resolved_within_sla) by index ranges: persistence implements it (SqlManagerStatistics).
 */
export interface ManagerStatistics {
  /** The figures of each department asked for, in the order asked; a department without tickets gets zeros. */
  departmentFigures(query: DepartmentFiguresQuery): Promise<DepartmentFigures[]>;
  /** Each department's counts over the period, in the order asked; a department without tickets gets zeros. */
  periodCounts(query: PeriodQuery): Promise<PeriodCounts[]>;
  /**
   * The period's tickets (filed, resolved or closed in it) of those departments, by number, at most
   * `limit`; `more` says whether others were left out.
   */
  periodTickets(query: PeriodQuery, limit: number): Promise<{ tickets: ReportTicket[]; more: boolean }>;
}
