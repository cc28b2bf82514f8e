import { Priority, TicketStatus } from '../../domain/ticket';

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
}

/**
 * The managers' figures, read from what the tickets keep (first_response_at, resolved_at,
 * resolved_within_sla) by index ranges: persistence implements it (SqlManagerStatistics).
 */
export interface ManagerStatistics {
  /** The figures of each department asked for, in the order asked; a department without tickets gets zeros. */
  departmentFigures(query: DepartmentFiguresQuery): Promise<DepartmentFigures[]>;
}
