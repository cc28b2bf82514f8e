import { Actor } from '../domain/actor';
import { FOLLOW_UP_STAGE, FollowUpPolicy, FollowUpStep, followUpStep, formatDelay, formatFollowUpDelay } from '../domain/follow-ups';
import { SlaPolicy } from '../domain/sla-clock';
import { SYSTEM_ACTOR, TicketEvent } from '../domain/ticket-event';
import { TicketCommand, transition } from '../domain/ticket-transitions';
import { Catalog, followUpsOf } from './catalog';
import { Clock } from './clock';
import { homesToRefresh, toHomeOutboxRow } from './home-refresh';
import { askSatisfactionIfDue } from './satisfaction.service';
import { toOutboxRow } from './outbox-messages';
import { DepartmentRow, TicketRow } from './ports/records';
import { TicketStore, TicketUnit } from './ports/ticket-store';
import { NudgeNotice, nudgeNotificationsFor } from './ticket-notifications';
import { recordEvents } from './record-events';

export interface FollowUpReport {
  readonly checked: number;
  readonly reminded: number;
  /** Waiting tickets resolved as "no answer from the requester". */
  readonly resolved: number;
  /** Resolved tickets closed automatically. */
  readonly closed: number;
  /** Open tickets nobody touched: their assignee, or their department when unassigned, nudged. */
  readonly nudged: number;
  readonly durationMs: number;
}

/** The help desk acting by itself: it works tickets as their department's staff do, and is never their first response. */
const HELPDESK: Actor = { userId: SYSTEM_ACTOR, isRequester: false, isAgent: true, isManager: false };

const DEFAULT_BATCH = 500;

type Outcome = 'reminded' | 'resolved' | 'closed' | 'nudged' | null;

/** More nudges of unassigned tickets than this in one department in one sweep are announced in one summary. */
const NUDGE_STORM_THRESHOLD = 3;

/**
 * More automatic closes, no-answer resolutions and reminders than this in one department in one
 * sweep (a backlog after downtime, a mass resolution a week ago) are announced in its channel by
 * one summary instead of a line in each card's thread; each requester still gets their own
 * message, and each card still changes.
 */
export const FOLLOW_UP_BURST_THRESHOLD = 5;

/**
 * At most this many tickets of one department have their steps taken in one transaction, which
 * also queues what announces them; a larger burst is announced by one summary per chunk.
 */
export const FOLLOW_UP_CHUNK = 50;

/** The steps a burst summary announces, by outcome: ticket ids. */
type BurstOutcomes = { closed: number[]; resolved: number[]; reminded: number[] };

/** Up to a chunk's worth of one department's due tickets, taken in one transaction (`inBurst`: announced by a summary). */
interface DepartmentChunk {
  readonly department: DepartmentRow;
  readonly tickets: readonly TicketRow[];
  readonly policies: ReadonlyMap<number, SlaPolicy>;
  readonly now: Date;
  readonly inBurst: boolean;
}

/**
 * Splits due tickets into chunks of at most `size` tickets of one department, by department id
 * then ticket id: sweeps on several instances then lock tickets in the same order (no deadlock on
 * PostgreSQL). Tickets of a department no longer configured are left out.
 */
export const chunksByDepartment = (due: readonly TicketRow[], departments: ReadonlyMap<number, DepartmentRow>, size: number): { department: DepartmentRow; tickets: TicketRow[] }[] => {
  const chunks: { department: DepartmentRow; tickets: TicketRow[] }[] = [];
  const ordered = [...due].sort((a, b) => a.departmentId - b.departmentId || a.id - b.id);
  for (const ticket of ordered) {
    const department = departments.get(ticket.departmentId);
    if (!department) continue;
    const last = chunks.at(-1);
    if (last && last.department.id === department.id && last.tickets.length < size) last.tickets.push(ticket);
    else chunks.push({ department, tickets: [ticket] });
  }
  return chunks;
};
const ANNOUNCED_STEPS: ReadonlySet<FollowUpStep['kind']> = new Set(['remind_requester', 'resolve_no_answer', 'auto_close']);

/**
 * The follow-ups of issue 18, a sweep like the SLA sweep (SlaSweepService) and scheduled with it:
 * a resolved ticket the requester neither confirms nor reopens closes itself; a ticket waiting on
 * the requester gets one reminder, then is resolved as "no answer from the requester"; an open
 * ticket nobody touched nudges its assignee, or its department's channel when unassigned. Each step
 * is claimed with a conditional update on the ticket's version and follow-up stage in the
 * transaction that queues its messages, so overlapping sweeps, several instances and restarts
 * take each step once; after downtime a ticket gets one step for everything that fell due (see
 * followUpStep). Only the nudges of unassigned tickets post in a department's channel; more than
 * three of them in one chunk are announced in one summary. The other steps are told in each card's
 * thread, or, past FOLLOW_UP_BURST_THRESHOLD in one department in one sweep, in one summary per
 * chunk (FOLLOW_UP_CHUNK): what announces steps is queued in the transaction that takes them.
 */
export class FollowUpSweepService {
  constructor(
    private readonly store: TicketStore,
    private readonly catalog: Catalog,
    private readonly clock: Clock,
    /** The wall clock: what is queued for Slack is stamped with real time, whatever `clock` says. */
    private readonly wallClock: Clock,
    private readonly onCommitted: () => void,
    private readonly batchSize: number = DEFAULT_BATCH,
    /** At most this many tickets' steps in one transaction, so SQLite's single writer is never held long. */
    private readonly chunkSize: number = FOLLOW_UP_CHUNK,
  ) {}

  async tick(): Promise<FollowUpReport> {
    const started = performance.now();
    const now = this.clock();
    const departments = await this.catalog.listDepartments();
    const policies = await this.catalog.listPolicies();
    const counts = { checked: 0, reminded: 0, resolved: 0, closed: 0, nudged: 0 };
    const bursts = new Set<number>();
    for (;;) {
      const due = await this.store.direct.tickets.dueForFollowUp(now, this.batchSize);
      counts.checked += due.length;
      this.findBursts(due, departments, now, bursts);
      let handled = 0;
      for (const { department, tickets } of chunksByDepartment(due, departments, this.chunkSize)) {
        const chunk = { department, tickets, policies, now, inBurst: bursts.has(department.id) };
        const outcomes = await this.store.transaction((unit) => this.takeChunk(unit, chunk));
        handled += outcomes.length;
        for (const outcome of outcomes) if (outcome) counts[outcome] += 1;
      }
      // Tickets another sweep or a person changed meanwhile are left for the next sweep.
      if (due.length < this.batchSize || handled === 0) break;
    }
    if (counts.reminded + counts.resolved + counts.closed + counts.nudged > 0) this.onCommitted();
    return { ...counts, durationMs: Math.round(performance.now() - started) };
  }

  /**
   * Takes the steps of one chunk of a department's due tickets in the caller's transaction, and
   * queues in it what announces them (the nudges, and the burst's summary of this chunk), so a
   * process killed between chunks leaves no step committed unannounced. A ticket another change won
   * is skipped without undoing the others. Answers the outcome of each ticket whose step was taken.
   */
  private async takeChunk(unit: TicketUnit, { department, tickets, policies, now, inBurst }: DepartmentChunk): Promise<Outcome[]> {
    const nudges: NudgeNotice[] = [];
    const followUps: BurstOutcomes = { closed: [], resolved: [], reminded: [] };
    const outcomes: Outcome[] = [];
    for (const ticket of tickets) {
      const sla = ticket.slaPlanId === null ? null : (policies.get(ticket.slaPlanId) ?? null);
      const outcome = await this.step(unit, ticket, department, sla, now, nudges, inBurst);
      if (outcome === undefined) continue;
      outcomes.push(outcome);
      if (outcome === 'closed' || outcome === 'resolved' || outcome === 'reminded') followUps[outcome].push(ticket.id);
    }
    // Announced together, so a burst of unassigned tickets in a department becomes one summary.
    const announcements = nudgeNotificationsFor(nudges, NUDGE_STORM_THRESHOLD);
    const ticketIds = [...followUps.closed, ...followUps.resolved, ...followUps.reminded];
    if (inBurst && ticketIds.length > 0 && department.channelId) {
      announcements.push({ kind: 'breach_summary', ticketId: null, departmentId: department.id, ticketIds, channelId: department.channelId, userId: null, followUps });
    }
    if (announcements.length > 0) await unit.outbox.enqueue(announcements.map(toOutboxRow), this.wallClock());
    return outcomes;
  }

  /**
   * Marks the departments with more announced steps due in this batch than FOLLOW_UP_BURST_THRESHOLD
   * as bursting, for the rest of the sweep: their steps are summed up in one summary.
   */
  private findBursts(due: readonly TicketRow[], departments: ReadonlyMap<number, DepartmentRow>, now: Date, bursts: Set<number>): void {
    const announced = new Map<number, number>();
    for (const ticket of due) {
      const department = departments.get(ticket.departmentId);
      if (department && ANNOUNCED_STEPS.has(followUpStep(ticket, followUpsOf(department), now).kind)) announced.set(department.id, (announced.get(department.id) ?? 0) + 1);
    }
    for (const [departmentId, count] of announced) {
      if (count > FOLLOW_UP_BURST_THRESHOLD) bursts.add(departmentId);
    }
  }

  /** Takes the step due for one ticket (`inBurst`: told in the department's summary, not the card's thread); undefined when another change won it. */
  private async step(unit: TicketUnit, ticket: TicketRow, department: DepartmentRow, sla: SlaPolicy | null, now: Date, nudges: NudgeNotice[], inBurst: boolean): Promise<Outcome | undefined> {
    const policy = followUpsOf(department);
    const step = followUpStep(ticket, policy, now);
    switch (step.kind) {
      case 'none':
        return (await unit.tickets.claimFollowUp(ticket, { followUpStage: ticket.followUpStage, followUpNextCheckAt: step.next })) ? null : undefined;
      case 'remind_requester': {
        if (!(await unit.tickets.claimFollowUp(ticket, { followUpStage: FOLLOW_UP_STAGE.reminded, followUpNextCheckAt: step.next }))) return undefined;
        const event: TicketEvent = { type: 'requester_reminded', actorId: SYSTEM_ACTOR, at: now, before: {}, after: {}, text: reminderText(policy) };
        await this.record(unit, ticket, ticket, department, [event], inBurst);
        return 'reminded';
      }
      case 'nudge_assignee': {
        if (!(await unit.tickets.claimFollowUp(ticket, { followUpStage: FOLLOW_UP_STAGE.nudged, followUpNextCheckAt: null }))) return undefined;
        const idle = formatFollowUpDelay(step.idleSeconds, policy);
        const text = ticket.assigneeId ? `has had no activity from its assignee for ${idle}.` : `has had nobody on it for ${idle}.`;
        const event: TicketEvent = { type: 'assignee_nudged', actorId: SYSTEM_ACTOR, at: now, before: {}, after: {}, text };
        const [eventId] = await this.record(unit, ticket, ticket, department, [event]);
        nudges.push({ ticket, eventId: eventId ?? 0, department, idleSeconds: step.idleSeconds });
        return 'nudged';
      }
      case 'resolve_no_answer':
      case 'auto_close':
        return this.transit(unit, ticket, department, sla, step, policy, now, inBurst);
    }
  }

  private async transit(
    unit: TicketUnit,
    ticket: TicketRow,
    department: DepartmentRow,
    sla: SlaPolicy | null,
    step: Extract<FollowUpStep, { kind: 'resolve_no_answer' | 'auto_close' }>,
    policy: FollowUpPolicy,
    now: Date,
    inBurst: boolean,
  ): Promise<Outcome | undefined> {
    const command: TicketCommand =
      step.kind === 'auto_close' ? { type: 'close' } : { type: 'resolve', note: `No answer from the requester in ${formatFollowUpDelay(step.waitedSeconds, policy)}; resolved automatically.` };
    const result = transition(ticket, command, HELPDESK, now, { expectedVersion: ticket.version, sla });
    if (!result.ok) {
      // Refused after all (never expected): stop looking rather than retry every sweep.
      return (await unit.tickets.claimFollowUp(ticket, { followUpStage: ticket.followUpStage, followUpNextCheckAt: null })) ? null : undefined;
    }
    const after: TicketRow = { ...ticket, ...result.value.ticket };
    if (!(await unit.tickets.saveChanges(after, ticket.version))) return undefined;
    const closing =
      step.kind === 'auto_close'
        ? `nobody confirmed the fix in the ${formatFollowUpDelay(step.afterSeconds, policy)} after it was resolved. If the problem comes back, reopen it here within ${formatDelay(policy.reopenWindowSeconds)}; after that, Still broken files a new ticket.`
        : null;
    const events = result.value.events.map((event) => (closing ? { ...event, text: closing } : event));
    await this.record(unit, ticket, after, department, events, inBurst);
    // An automatic close asks How did we do? as any close does (issue 18's satisfaction).
    for (const event of events) await askSatisfactionIfDue(unit, { ticket: after, department, event }, now, this.wallClock());
    await unit.outbox.enqueue(homesToRefresh(ticket, after, [department]).map(toHomeOutboxRow), this.wallClock());
    return step.kind === 'auto_close' ? 'closed' : 'resolved';
  }

  /**
   * Appends the events and queues what each owes Slack (ticket-notifications.ts decides); an
   * automatic close replaces the requester's resolution buttons. In a burst the card's thread gets
   * no line: the department's summary tells of it.
   */
  private record(unit: TicketUnit, before: TicketRow, after: TicketRow, department: DepartmentRow, events: readonly TicketEvent[], inBurst = false): Promise<number[]> {
    return recordEvents(unit, before, after, department, events, {
      settlesPrompt: (event) => event.type === 'closed',
      digestDelayMs: 0,
      queuedAt: this.wallClock(),
      ...(inBurst ? { leaveOut: (message) => message.kind === 'thread_line' } : {}),
    });
  }
}

/** What the reminder says, in the requester's thread and the card's. */
const reminderText = (policy: FollowUpPolicy): string => {
  const waited = formatFollowUpDelay(policy.remindRequesterSeconds ?? 0, policy);
  if (policy.closeWaitingSeconds === null) return `No answer for ${waited}.`;
  return `No answer for ${waited}; without one it will be resolved after ${formatFollowUpDelay(policy.closeWaitingSeconds, policy)} of waiting.`;
};
