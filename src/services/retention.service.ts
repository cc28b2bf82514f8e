import { Clock } from './clock';
import { TicketStore } from './ports/ticket-store';

export interface PruneReport {
  readonly outboxMessages: number;
  readonly processedKeys: number;
  readonly durationMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows deleted per statement: a first prune of a large table never holds the database for long. */
const DELETE_BATCH = 2000;

/**
 * Deletes what the help desk no longer needs once it is old: outbox messages Slack has had for
 * `retentionDays` (the ticket's history lives in its events, not in the outbox) and keys of
 * requests handled that long ago (Slack redelivers within minutes, not days). Messages never
 * delivered, pending or given up, are kept whatever their age.
 */
export class RetentionService {
  constructor(
    private readonly store: TicketStore,
    private readonly clock: Clock,
    private readonly retentionDays: number,
  ) {}

  async prune(): Promise<PruneReport> {
    const started = performance.now();
    const cutoff = new Date(this.clock().getTime() - this.retentionDays * DAY_MS);
    const outboxMessages = await this.inBatches(() => this.store.direct.outbox.deleteSentBefore(cutoff, DELETE_BATCH));
    const processedKeys = await this.inBatches(() => this.store.direct.processedKeys.deleteBefore(cutoff, DELETE_BATCH));
    return { outboxMessages, processedKeys, durationMs: Math.round(performance.now() - started) };
  }

  /** Repeats a batch delete until a batch comes back short, letting requests in between batches. */
  private async inBatches(deleteBatch: () => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await deleteBatch();
      total += deleted;
      if (deleted < DELETE_BATCH) return total;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
