import { firstResponseAlertFor, slaAlertFor, SlaAlert } from '../domain/sla-alert';
import { dueFirstResponseStages, dueSlaStages, SlaPolicy, sweepCheckOf } from '../domain/sla-clock';
import { Catalog } from './catalog';
import { Clock } from './clock';
import { homesToRefresh, toHomeOutboxRow } from './home-refresh';
import { toOutboxRow } from './outbox-messages';
import { DepartmentRow, TicketRow } from './ports/records';
import { SlaClaim, TicketStore, TicketUnit } from './ports/ticket-store';
import { SlaNotice, slaNotificationsFor } from './ticket-notifications';

/** What one sweep did: tickets looked at, warnings, breaches and escalations queued, and its duration in ms. */
export interface SweepReport {
  readonly checked: number;
  readonly warned: number;
  readonly breached: number;
  readonly escalated: number;
  readonly durationMs: number;
}

/** How the sweep works through the due tickets. */
export interface SweepOptions {
  /** Tickets looked at per pass; a pass repeats until nothing more is due. */
  readonly batchSize: number;
  /** More breaches than this in one department in one sweep are announced in one summary. */
  readonly stormThreshold: number;
}

const DEFAULTS: SweepOptions = { batchSize: 1000, stormThreshold: 3 };

/**
 * Finds tickets whose SLA needs attention and sends each warning and alert exactly once: every
 * alert is claimed with a conditional update in the same transaction that queues its messages,
 * so overlapping sweeps, several instances or a restart never send one twice, and a message
 * Slack refuses stays queued until it is delivered.
 */
export class SlaSweepService {
  private readonly options: SweepOptions;

  constructor(
    private readonly store: TicketStore,
    private readonly catalog: Catalog,
    private readonly clock: Clock,
    /** The wall clock: what is queued for Slack is stamped with real time, whatever `clock` says. */
    private readonly wallClock: Clock,
    private readonly onCommitted: () => void,
    options: Partial<SweepOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  async tick(): Promise<SweepReport> {
    const started = performance.now();
    const now = this.clock();
    const policies = await this.catalog.listPolicies();
    const departments = await this.catalog.listDepartments();
    const claimed: SlaNotice[] = [];
    let checked = 0;
    for (;;) {
      const due = await this.store.direct.tickets.dueForSlaCheck(now, this.options.batchSize);
      if (due.length === 0) break;
      checked += due.length;
      const pass = await this.store.transaction((unit) => this.claimAll(unit, due, policies, departments, now));
      claimed.push(...pass.claimed);
      // Tickets another sweep or an agent changed meanwhile are left for the next sweep.
      if (due.length < this.options.batchSize || pass.handled === 0) break;
    }
    if (claimed.length > 0) {
      await this.store.transaction((unit) => this.announce(unit, claimed));
      this.onCommitted();
    }
    return {
      checked,
      warned: claimed.filter((claim) => claim.alert.warned).length,
      breached: claimed.filter((claim) => claim.alert.breached).length,
      escalated: claimed.filter((claim) => claim.alert.escalations > 0).length,
      durationMs: Math.round(performance.now() - started),
    };
  }

  private async claimAll(
    unit: TicketUnit,
    tickets: readonly TicketRow[],
    policies: ReadonlyMap<number, SlaPolicy>,
    departments: ReadonlyMap<number, DepartmentRow>,
    now: Date,
  ): Promise<{ claimed: SlaNotice[]; handled: number }> {
    const repository = unit.tickets;
    const candidates: { ticket: TicketRow; next: SlaClaim; alerts: SlaAlert[]; department: DepartmentRow }[] = [];
    let handled = 0;
    for (const ticket of tickets) {
      const policy = ticket.slaPlanId === null ? null : (policies.get(ticket.slaPlanId) ?? null);
      const department = departments.get(ticket.departmentId);
      const running = ticket.status === 'open' || ticket.status === 'in_progress';
      const resolution = department && running ? slaAlertFor(ticket, dueSlaStages(ticket.dueAt, policy, ticket.slaStage, now), now) : null;
      const firstResponse = department && running ? firstResponseAlertFor(ticket, dueFirstResponseStages(ticket, policy, now), now) : null;
      if ((!resolution && !firstResponse) || !department) {
        // Nothing due after all (the plan changed, the first response was sent): look again when something is.
        await repository.setSlaNextCheck(ticket.id, running ? sweepCheckOf(ticket, policy) : null);
        handled += 1;
        continue;
      }
      const stages = { slaStage: resolution?.stage ?? ticket.slaStage, firstResponseStage: firstResponse?.stage ?? ticket.firstResponseStage };
      const escalations = resolution?.escalations ?? 0;
      const next: SlaClaim = {
        ...stages,
        slaNextCheckAt: sweepCheckOf({ ...ticket, ...stages }, policy),
        escalationLevel: ticket.escalationLevel + escalations,
        version: ticket.version + (escalations > 0 ? 1 : 0),
        updatedAt: escalations > 0 ? now : ticket.updatedAt,
      };
      candidates.push({ ticket, next, alerts: [firstResponse, resolution].filter((alert): alert is SlaAlert => alert !== null), department });
    }
    // One statement claims them all, one records their events per target: a round trip each, not two per ticket.
    const won = await repository.claimSlaStages(candidates);
    const claims = candidates.filter(({ ticket }) => won.has(ticket.id));
    const claimed: SlaNotice[] = [];
    for (const target of ['first_response', 'resolution'] as const) {
      const ofTarget = claims.flatMap(({ ticket, next, alerts, department }) =>
        alerts.filter((alert) => alert.target === target).map((alert) => ({ ticket: { ...ticket, ...next }, alert, department })),
      );
      const eventIds = await unit.events.appendOnePerTicket(ofTarget.map(({ ticket, alert }) => ({ ticketId: ticket.id, event: alert.event })));
      claimed.push(...ofTarget.map((notice) => ({ ...notice, eventId: eventIds.get(notice.ticket.id) ?? 0 })));
    }
    return { claimed, handled: handled + claimed.length };
  }

  /** Queues what each claimed alert owes Slack (see slaNotificationsFor). */
  private async announce(unit: TicketUnit, claimed: readonly SlaNotice[]): Promise<void> {
    await unit.outbox.enqueue(slaNotificationsFor(claimed, this.options.stormThreshold).map(toOutboxRow), this.wallClock());
    // The staff of those departments see the tickets turn due soon or overdue on their Home.
    const homes = homesToRefresh(null, null, [...new Map(claimed.map(({ department }) => [department.id, department])).values()]);
    await unit.outbox.enqueue(homes.map(toHomeOutboxRow), this.wallClock());
  }
}
