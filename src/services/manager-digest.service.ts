import { Catalog } from './catalog';
import { Clock } from './clock';
import { DepartmentDigest, ManagerDigest, PeriodFigures } from './manager-digest';
import { OLDEST_OPEN_LIMIT } from './manager-overview.service';
import { toOutboxRow } from './outbox-messages';
import { ManagerStatistics, PeriodCounts, ReportTicket } from './ports/manager-statistics';
import { DepartmentRow } from './ports/records';
import { TicketStore } from './ports/ticket-store';

const DAY_MS = 86_400_000;
/** The digest's periods: the last day and the last 7 days. */
export const DIGEST_PERIOD_DAYS = [1, 7] as const;
/** `/ticket report` without a number covers this many days. */
export const REPORT_DEFAULT_DAYS = 7;
/** The longest period a report may cover. */
export const REPORT_MAX_DAYS = 366;
/** The most tickets a report's CSV lists; a longer period says how many were left out. */
export const REPORT_MAX_ROWS = 10_000;

/** A manager's `/ticket report`: the figures, and the period's tickets for its CSV (with their help topic's name). */
export interface ManagerReport {
  readonly digest: ManagerDigest;
  readonly since: Date;
  readonly until: Date;
  readonly tickets: readonly (ReportTicket & { readonly topicName: string })[];
  /** Whether tickets beyond REPORT_MAX_ROWS were left out of the CSV. */
  readonly more: boolean;
}

/**
 * The managers' digest and report (issue 18). A department's digest is sent on its schedule to
 * each of its managers by DM, once per slot however many instances fire it: the slot is claimed
 * in the transaction that queues the DMs (DigestSlots). Figures are of the business clock's now.
 */
export class ManagerDigestService {
  constructor(
    private readonly store: TicketStore,
    private readonly statistics: ManagerStatistics,
    private readonly catalog: Catalog,
    private readonly clock: Clock,
    /** The wall clock: what is queued for Slack is stamped with real time, whatever `clock` says. */
    private readonly wallClock: Clock,
    /** Told after a digest was queued, to have the outbox sent. */
    private readonly onQueued: () => void,
  ) {}

  /** The departments with a digest schedule: their id, cron expression and the IANA time zone it runs in (null: the server's), for the scheduler. */
  async schedules(): Promise<{ departmentId: number; name: string; cron: string; timezone: string | null }[]> {
    return (await this.catalog.listActiveDepartments()).flatMap((department) =>
      department.digestCron ? [{ departmentId: department.id, name: department.name, cron: department.digestCron, timezone: department.digestTimezone ?? null }] : [],
    );
  }

  /**
   * Sends department `departmentId`'s digest of `slot` (the schedule's minute) to its managers,
   * unless that slot was sent already; answers whether this call sent it. A department without
   * managers, inactive or unknown, sends nothing.
   */
  async sendDigest(departmentId: number, slot: Date): Promise<boolean> {
    const department = await this.catalog.findDepartment(departmentId);
    if (!department?.active || department.managerIds.length === 0) return false;
    const digest = await this.digestOf([department], 'digest', DIGEST_PERIOD_DAYS);
    const sent = await this.store.transaction(async (unit) => {
      if (!(await unit.digestSlots.claim(department.id, slot, this.wallClock()))) return false;
      const messages = department.managerIds.map((userId) => toOutboxRow({ kind: 'manager_digest', ticketId: null, userId, digest }));
      await unit.outbox.enqueue(messages, this.wallClock());
      return true;
    });
    if (sent) this.onQueued();
    return sent;
  }

  /**
   * Catch-up after downtime: sends department `departmentId`'s digest of `missedSlot` (found by
   * `slotMissedSince`, the schedule's latest slot before now) if its digests were sent before and
   * not for this slot, once however many instances start together. A department whose digest was
   * never sent waits for its next slot. Answers whether this call sent it.
   */
  async sendMissed(departmentId: number, missedSlot: (lastSent: Date) => Date | null): Promise<boolean> {
    const lastSent = await this.store.direct.digestSlots.latest(departmentId);
    const slot = lastSent ? missedSlot(lastSent) : null;
    return slot ? this.sendDigest(departmentId, slot) : false;
  }

  /**
   * `/ticket report [days]` for a manager: the digest's figures over the last `days` days (and
   * what is true now) for the departments they manage, and the period's tickets. Null for
   * someone who manages no department.
   */
  async reportFor(userId: string, days: number): Promise<ManagerReport | null> {
    const managed = (await this.catalog.listActiveDepartments()).filter((department) => department.managerIds.includes(userId));
    if (managed.length === 0) return null;
    const digest = await this.digestOf(managed, 'report', [days]);
    const until = new Date(digest.at);
    const since = new Date(until.getTime() - days * DAY_MS);
    const { tickets, more } = await this.statistics.periodTickets({ departmentIds: managed.map((department) => department.id), since, until }, REPORT_MAX_ROWS);
    const named = await Promise.all(tickets.map(async (ticket) => ({ ...ticket, topicName: (await this.catalog.findTopic(ticket.helpTopicId))?.name ?? 'Unknown topic' })));
    return { digest, since, until, tickets: named, more };
  }

  private async digestOf(departments: readonly DepartmentRow[], kind: ManagerDigest['kind'], periods: readonly number[]): Promise<ManagerDigest> {
    const now = this.clock();
    const departmentIds = departments.map((department) => department.id);
    const current = await this.statistics.departmentFigures({ departmentIds, now, recentSince: now, measuredSince: now, oldestLimit: OLDEST_OPEN_LIMIT });
    const counts = await Promise.all(periods.map((days) => this.statistics.periodCounts({ departmentIds, since: new Date(now.getTime() - days * DAY_MS), until: now })));
    const digests = departments.map((department): DepartmentDigest => {
      const figures = current.find((figure) => figure.departmentId === department.id);
      return {
        departmentId: department.id,
        name: department.name,
        overdueNow: figures?.overdue ?? 0,
        escalatedNow: figures?.escalated ?? 0,
        periods: periods.map((days, index) =>
          periodOf(
            days,
            counts[index]?.find((count) => count.departmentId === department.id),
          ),
        ),
        oldestOpen: (figures?.oldestOpen ?? []).map((ticket) => ({
          number: ticket.number,
          summary: ticket.summary,
          priority: ticket.priority,
          createdAt: ticket.createdAt.toISOString(),
          cardChannelId: ticket.cardChannelId,
          cardTs: ticket.cardTs,
        })),
      };
    });
    return { kind, at: now.toISOString(), departments: digests };
  }
}

/** A period's figures as a digest keeps them; zeros for a department the statistics did not answer for. */
const periodOf = (days: number, counts: PeriodCounts | undefined): PeriodFigures => ({
  days,
  opened: counts?.opened ?? 0,
  resolved: counts?.resolved ?? 0,
  resolvedWithSla: counts?.resolvedWithSla ?? 0,
  resolvedWithinSla: counts?.resolvedWithinSla ?? 0,
  firstResponses: counts?.firstResponses ?? 0,
  firstResponsesWithSla: counts?.firstResponsesWithSla ?? 0,
  firstResponsesWithinSla: counts?.firstResponsesWithinSla ?? 0,
  medianFirstResponseMs: counts?.medianFirstResponseMs ?? null,
  medianResolutionMs: counts?.medianResolutionMs ?? null,
  satisfactionCount: counts?.satisfactionCount ?? 0,
  satisfactionAverage: counts?.satisfactionAverage ?? null,
});
