import { SLA_STAGE, SlaStage } from './sla-clock';
import { Ticket } from './ticket';
import { SYSTEM_ACTOR, TicketEvent } from './ticket-event';

/** What the sweep does for a ticket whose SLA stage has come: the stage reached and its event. */
export interface SlaAlert {
  /** Which target: the resolution (`grace_period`, stage in slaStage) or the first response (`first_response`, stage in firstResponseStage). */
  readonly target: 'resolution' | 'first_response';
  /** The stage reached; the ticket's slaStage (or firstResponseStage) becomes this. */
  readonly stage: number;
  readonly warned: boolean;
  readonly breached: boolean;
  /** How many escalation levels this alert adds. */
  readonly escalations: number;
  readonly event: TicketEvent;
}

/**
 * Folds the stages that fell due into one alert: after downtime a ticket past several levels
 * gets one combined message, and a breach makes a pending pre-breach warning moot.
 */
export const slaAlertFor = (ticket: Ticket, stages: readonly SlaStage[], now: Date): SlaAlert | null => {
  const last = stages.at(-1);
  if (!last) return null;
  const breached = stages.some((stage) => stage.stage === SLA_STAGE.breached);
  const escalations = stages.filter((stage) => stage.stage > SLA_STAGE.breached).length;
  const warned = !breached && escalations === 0;
  const type = warned ? 'sla_warning' : breached ? 'overdue' : 'sla_escalated';
  const escalationLevel = ticket.escalationLevel + escalations;
  const minutesLeft = ticket.dueAt ? Math.max(0, Math.round((ticket.dueAt.getTime() - now.getTime()) / 60_000)) : 0;
  const text = warned
    ? `due in ${minutesLeft} minute${minutesLeft === 1 ? '' : 's'}`
    : [breached ? 'past its due time' : null, escalations > 0 ? `escalated ${escalations} level${escalations === 1 ? '' : 's'} to level ${escalationLevel}` : null].filter(Boolean).join(', ');
  return {
    target: 'resolution',
    stage: last.stage,
    warned,
    breached,
    escalations,
    event: {
      type,
      actorId: SYSTEM_ACTOR,
      at: now,
      before: { slaStage: ticket.slaStage, ...(escalations ? { escalationLevel: ticket.escalationLevel } : {}) },
      after: { slaStage: last.stage, ...(escalations ? { escalationLevel } : {}) },
      text,
    },
  };
};

/**
 * Folds the first-response stages that fell due into one alert (a breach makes a pending warning
 * moot). Its events are `first_response_warning` and `first_response_overdue`, so its wording is
 * its own; it never escalates.
 */
export const firstResponseAlertFor = (ticket: Ticket, stages: readonly SlaStage[], now: Date): SlaAlert | null => {
  const last = stages.at(-1);
  if (!last) return null;
  const breached = last.stage >= SLA_STAGE.breached;
  const minutesLeft = ticket.firstResponseDueAt ? Math.max(0, Math.round((ticket.firstResponseDueAt.getTime() - now.getTime()) / 60_000)) : 0;
  return {
    target: 'first_response',
    stage: last.stage,
    warned: !breached,
    breached,
    escalations: 0,
    event: {
      type: breached ? 'first_response_overdue' : 'first_response_warning',
      actorId: SYSTEM_ACTOR,
      at: now,
      before: { firstResponseStage: ticket.firstResponseStage },
      after: { firstResponseStage: last.stage },
      text: breached ? 'past its first-response time with no reply to the requester' : `due a first response in ${minutesLeft} minute${minutesLeft === 1 ? '' : 's'}`,
    },
  };
};
