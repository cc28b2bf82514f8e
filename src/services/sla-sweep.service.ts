import { EntityManager } from 'typeorm';
import { slaAlertFor, SlaAlert } from '../domain/sla-alert';
import { dueSlaStages, nextSlaCheck, SlaPolicy } from '../domain/sla-clock';
import { Database } from '../persistence/database';
import { DepartmentRow } from '../persistence/entities/department.entity';
import { TicketRow } from '../persistence/entities/ticket.entity';
import { OutboxRepository } from '../persistence/repositories/outbox.repository';
import { TicketEventRepository } from '../persistence/repositories/ticket-event.repository';
import { SlaClaim, TicketRepository } from '../persistence/repositories/ticket.repository';
import { Catalog } from './catalog';
import { Clock } from './clock';
import { OutboxMessage, toOutboxRow } from './outbox-messages';

export interface SweepReport {
  readonly checked: number;
  readonly warned: number;
  readonly breached: number;
  readonly escalated: number;
  readonly durationMs: number;
}

export interface SweepOptions {
  /** Tickets looked at per pass; a pass repeats until nothing more is due. */
  readonly batchSize: number;
  /** More breaches than this in one department in one sweep are announced in one summary. */
  readonly stormThreshold: number;
}

const DEFAULTS: SweepOptions = { batchSize: 1000, stormThreshold: 3 };

interface Claimed {
  readonly ticket: TicketRow;
  readonly alert: SlaAlert;
  readonly eventId: number;
  readonly department: DepartmentRow;
}

/**
 * Finds tickets whose SLA needs attention and sends each warning and alert exactly once: every
 * alert is claimed with a conditional update in the same transaction that queues its messages,
 * so overlapping sweeps, several instances or a restart never send one twice, and a message
 * Slack refuses stays queued until it is delivered.
 */
export class SlaSweepService {
  private readonly options: SweepOptions;

  constructor(
    private readonly db: Database,
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
    const claimed: Claimed[] = [];
    let checked = 0;
    for (;;) {
      const due = await new TicketRepository(this.db.manager).dueForSlaCheck(now, this.options.batchSize);
      if (due.length === 0) break;
      checked += due.length;
      const pass = await this.db.transaction((manager) => this.claimAll(manager, due, policies, departments, now));
      claimed.push(...pass.claimed);
      // Tickets another sweep or an agent changed meanwhile are left for the next sweep.
      if (due.length < this.options.batchSize || pass.handled === 0) break;
    }
    if (claimed.length > 0) {
      await this.db.transaction((manager) => this.announce(manager, claimed));
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
    manager: EntityManager,
    tickets: readonly TicketRow[],
    policies: ReadonlyMap<number, SlaPolicy>,
    departments: ReadonlyMap<number, DepartmentRow>,
    now: Date,
  ): Promise<{ claimed: Claimed[]; handled: number }> {
    const repository = new TicketRepository(manager);
    const candidates: { ticket: TicketRow; next: SlaClaim; alert: SlaAlert; department: DepartmentRow }[] = [];
    let handled = 0;
    for (const ticket of tickets) {
      const policy = ticket.slaPlanId === null ? null : (policies.get(ticket.slaPlanId) ?? null);
      const department = departments.get(ticket.departmentId);
      const running = ticket.status === 'open' || ticket.status === 'in_progress';
      const alert = department && running ? slaAlertFor(ticket, dueSlaStages(ticket.dueAt, policy, ticket.slaStage, now), now) : null;
      if (!alert || !department) {
        // Nothing due after all (the plan changed, say): look again when something is.
        await repository.setSlaNextCheck(ticket.id, running ? nextSlaCheck(ticket.dueAt, policy, ticket.slaStage) : null);
        handled += 1;
        continue;
      }
      const next: SlaClaim = {
        slaStage: alert.stage,
        slaNextCheckAt: nextSlaCheck(ticket.dueAt, policy, alert.stage),
        escalationLevel: ticket.escalationLevel + alert.escalations,
        version: ticket.version + (alert.escalations > 0 ? 1 : 0),
        updatedAt: alert.escalations > 0 ? now : ticket.updatedAt,
      };
      candidates.push({ ticket, next, alert, department });
    }
    // One statement claims them all, one records their events: a round trip each, not two per ticket.
    const won = await repository.claimSlaStages(candidates);
    const claims = candidates.filter(({ ticket }) => won.has(ticket.id));
    const eventIds = await new TicketEventRepository(manager).appendOnePerTicket(claims.map(({ ticket, alert }) => ({ ticketId: ticket.id, event: alert.event })));
    const claimed = claims.map(({ ticket, next, alert, department }) => ({ ticket: { ...ticket, ...next }, alert, eventId: eventIds.get(ticket.id) ?? 0, department }));
    return { claimed, handled: handled + claimed.length };
  }

  /** Who hears about each alert; a storm of breaches in one department becomes one summary. */
  private async announce(manager: EntityManager, claimed: readonly Claimed[]): Promise<void> {
    const breachesByDepartment = new Map<number, Claimed[]>();
    for (const claim of claimed) {
      if (!claim.alert.breached) continue;
      breachesByDepartment.set(claim.department.id, [...(breachesByDepartment.get(claim.department.id) ?? []), claim]);
    }
    const stormy = new Set([...breachesByDepartment].filter(([, claims]) => claims.length > this.options.stormThreshold).map(([id]) => id));
    const messages: OutboxMessage[] = claimed.flatMap((claim) => this.messagesFor(claim, stormy.has(claim.department.id)));
    for (const departmentId of stormy) {
      const department = breachesByDepartment.get(departmentId)?.[0]?.department;
      if (!department) continue;
      const ticketIds = (breachesByDepartment.get(departmentId) ?? []).map((claim) => claim.ticket.id);
      const summary = { kind: 'breach_summary' as const, ticketId: null, departmentId, ticketIds };
      messages.push({ ...summary, channelId: department.channelId, userId: null });
      for (const userId of department.managerIds) messages.push({ ...summary, channelId: null, userId });
    }
    await new OutboxRepository(manager).enqueue(messages.map(toOutboxRow), this.wallClock());
  }

  private messagesFor({ ticket, alert, eventId, department }: Claimed, inStorm: boolean): OutboxMessage[] {
    const ticketId = ticket.id;
    const line: OutboxMessage = { kind: 'thread_line', ticketId, eventId };
    const toAssignee: OutboxMessage[] = ticket.assigneeId ? [{ kind: 'staff_dm', ticketId, eventId, userId: ticket.assigneeId }] : [];
    if (alert.warned) {
      return [line, ...(ticket.assigneeId ? toAssignee : [{ kind: 'channel_alert', ticketId, eventId, channelId: department.channelId } as const])];
    }
    const managers = inStorm ? [] : department.managerIds.map((userId): OutboxMessage => ({ kind: 'staff_dm', ticketId, eventId, userId }));
    const breachWarning: OutboxMessage[] =
      alert.breached && !inStorm ? [{ kind: 'channel_alert', ticketId, eventId, channelId: department.channelId }] : [];
    const escalationChannel: OutboxMessage[] =
      alert.escalations > 0 && department.escalationChannelId ? [{ kind: 'channel_alert', ticketId, eventId, channelId: department.escalationChannelId }] : [];
    return [{ kind: 'update_ticket_card', ticketId }, line, ...breachWarning, ...toAssignee, ...managers.filter((dm) => !(dm.kind === 'staff_dm' && dm.userId === ticket.assigneeId)), ...escalationChannel];
  }
}
