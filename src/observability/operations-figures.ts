import { Clock } from '../services/clock';
import { OperationsReads } from '../services/ports/operations-reads';
import { CachedReading } from './cached-reading';
import type { FigureName, MeasuredFigures } from './metrics';

/** Tickets by status are counted at most this often: the count reads the whole tickets table. */
export const TICKET_COUNT_TTL_MS = 60_000;
/** The outbox figures (read through partial indexes, cheap) are shared for this long. */
const OUTBOX_TTL_MS = 250;
/** The database probe behind both health checks is shared for this long. */
const PROBE_TTL_MS = 1000;

const ageSeconds = (since: Date | null, now: Date): number => (since ? Math.max(0, Math.round((now.getTime() - since.getTime()) / 1000)) : 0);

/** Extra facts for the operations health, e.g. `{ unusableChannels: [...] }`; merged into its body. */
export type HealthDetails = () => Promise<Record<string, unknown>> | Record<string, unknown>;

export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly contentType: string;
}

/**
 * What the operations port and the public health check read from the database, each read shared
 * between concurrent callers and kept for a while, so that scrapes and probes cost the database
 * (and the requests waiting on it) next to nothing however often they come.
 */
export class OperationsFigures implements MeasuredFigures {
  private readonly reachable: CachedReading<boolean>;
  private readonly tickets: CachedReading<{ status: string; count: number }[]>;
  private readonly outboxReading: CachedReading<{ backlog: number; givenUp: number; oldest: Date | null }>;

  /**
   * `clock` is the wall clock the backlog's age is measured on; `onRead` hears of every database
   * read made for a figure (the metrics count them).
   */
  constructor(
    reads: OperationsReads,
    private readonly clock: Clock,
    onRead: (figure: FigureName) => void = () => undefined,
  ) {
    this.reachable = new CachedReading(PROBE_TTL_MS, () => reads.isReachable());
    this.tickets = new CachedReading(TICKET_COUNT_TTL_MS, () => {
      onRead('tickets');
      return reads.ticketsByStatus();
    });
    this.outboxReading = new CachedReading(OUTBOX_TTL_MS, () => {
      onRead('outbox');
      return reads.outboxFigures();
    });
  }

  /** `GET /healthz` on the Slack-facing port: up or down and nothing more. */
  async publicHealth(): Promise<{ status: number; body: string }> {
    const up = await this.reachable.get();
    return up ? { status: 200, body: 'ok\n' } : { status: 503, body: 'unavailable\n' };
  }

  /** `GET /healthz` on the operations port: the database, the outbox backlog's age, and `details`. */
  async health(details?: HealthDetails): Promise<Answer> {
    const reachable = await this.reachable.get();
    const outbox = reachable ? await this.outboxReading.get().catch(() => null) : null;
    const extra = details ? await Promise.resolve(details()).catch((error: unknown) => ({ detailsError: error instanceof Error ? error.message : String(error) })) : {};
    const body = { database: reachable ? 'ok' : 'unreachable', outboxBacklogAgeSeconds: ageSeconds(outbox?.oldest ?? null, this.clock()), ...extra };
    return { status: reachable ? 200 : 503, body: `${JSON.stringify(body)}\n`, contentType: 'application/json' };
  }

  /** Tickets by status, counted at most every `TICKET_COUNT_TTL_MS`. */
  ticketsByStatus(): Promise<{ status: string; count: number }[]> {
    return this.tickets.get();
  }

  /** The outbox backlog, its age in seconds and the messages given up, shared for a short while. */
  async outbox(): Promise<{ backlog: number; givenUp: number; backlogAgeSeconds: number }> {
    const { backlog, givenUp, oldest } = await this.outboxReading.get();
    return { backlog, givenUp, backlogAgeSeconds: ageSeconds(oldest, this.clock()) };
  }
}
