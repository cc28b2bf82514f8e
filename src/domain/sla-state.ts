import { isActive, Ticket } from './ticket';

/**
 * Where a ticket stands against its SLA at an instant, as lists and lookups show it:
 * - `none`: no due time (no SLA plan), or the ticket is resolved or closed (the clock stopped);
 * - `paused`: waiting on the requester, the clock stands still (osTicket's "on hold");
 * - `due`: `leftMs` milliseconds until `dueAt`;
 * - `overdue`: `dueAt` passed `overdueMs` milliseconds ago.
 */
export type SlaState =
  | { readonly kind: 'none' }
  | { readonly kind: 'paused'; readonly dueAt: Date }
  | { readonly kind: 'due'; readonly dueAt: Date; readonly leftMs: number }
  | { readonly kind: 'overdue'; readonly dueAt: Date; readonly overdueMs: number };

/** The SLA state of a ticket at `now` (the business clock). Overdue includes the due instant itself, as `isOverdue` does. */
export const slaStateOf = (ticket: Pick<Ticket, 'status' | 'dueAt' | 'slaPausedAt'>, now: Date): SlaState => {
  if (!isActive(ticket.status) || ticket.dueAt === null) return { kind: 'none' };
  if (ticket.status === 'waiting' || ticket.slaPausedAt !== null) return { kind: 'paused', dueAt: ticket.dueAt };
  const leftMs = ticket.dueAt.getTime() - now.getTime();
  return leftMs > 0 ? { kind: 'due', dueAt: ticket.dueAt, leftMs } : { kind: 'overdue', dueAt: ticket.dueAt, overdueMs: -leftMs };
};

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * A span of time in at most two units, rounded down: `2d 3h`, `4h 5m`, `12m`, `under a minute`.
 * Negative spans read as their size.
 */
export const formatSpan = (ms: number): string => {
  const size = Math.abs(ms);
  if (size < MINUTE_MS) return 'under a minute';
  const days = Math.floor(size / DAY_MS);
  const hours = Math.floor((size % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((size % HOUR_MS) / MINUTE_MS);
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  return `${minutes}m`;
};

/** The SLA state in words: `2h 15m left`, `overdue by 3h`, `paused (waiting on the requester)`, `no SLA`. */
export const slaStateText = (state: SlaState): string => {
  switch (state.kind) {
    case 'none':
      return 'no SLA';
    case 'paused':
      return 'paused (waiting on the requester)';
    case 'due':
      return `${formatSpan(state.leftMs)} left`;
    case 'overdue':
      return `overdue by ${formatSpan(state.overdueMs)}`;
  }
};

/** How soon counts as "due soon" in a queue snapshot: 4 hours. */
export const DUE_SOON_MS = 4 * HOUR_MS;

export const URGENCY_GROUPS = ['overdue', 'due_soon', 'later'] as const;
/** A queue snapshot's groups: Overdue, Due within 4 hours, Later (no SLA and paused tickets are Later). */
export type UrgencyGroup = (typeof URGENCY_GROUPS)[number];

export const urgencyGroupOf = (state: SlaState, dueSoonMs: number = DUE_SOON_MS): UrgencyGroup => {
  if (state.kind === 'overdue') return 'overdue';
  if (state.kind === 'due' && state.leftMs <= dueSoonMs) return 'due_soon';
  return 'later';
};
