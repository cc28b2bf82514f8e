/**
 * What the operations port and the health checks read of the database: whether it answers, the
 * tickets by status, and the outbox's backlog. Implemented in persistence (`SqlOperationsReads`).
 */
export interface OperationsReads {
  /** True when the database answers a trivial query; false, never an error, when it does not. */
  isReachable(): Promise<boolean>;
  /** Every ticket counted by status (reads the whole tickets table: callers cache it). */
  ticketsByStatus(): Promise<{ status: string; count: number }[]>;
  /** Outbox messages not yet sent, those given up, and when the oldest unsent one was queued (null when none is). */
  outboxFigures(): Promise<{ backlog: number; givenUp: number; oldest: Date | null }>;
}
