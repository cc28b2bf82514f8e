import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { CachedReading } from './cached-reading';
import type { Answer } from './operations-figures';

/** The figures the metrics read from the database at scrape time, each read cached by its source. */
export interface MeasuredFigures {
  ticketsByStatus(): Promise<readonly { status: string; count: number }[]>;
  outbox(): Promise<{ backlog: number; givenUp: number; backlogAgeSeconds: number }>;
}

/** How long a rendering of the metrics serves further scrapes (Prometheus scrapes every 15 s or so). */
export const RENDERING_TTL_MS = 1000;

/** Which cached figure a database read was made for (`helpdesk_metrics_database_reads_total`'s label). */
export type FigureName = 'tickets' | 'outbox';

let processRegistry: Registry | null = null;

/**
 * Node's default process metrics (CPU, memory, event-loop lag, GC), collected once per process:
 * prom-client's collector starts a GC observer and an event-loop monitor that are never stopped
 * and that hold the registry they write to, so collected per app they kept every app started in
 * the process alive (each of the sandbox's resets, each test's app) through its registry's gauges.
 */
const processMetrics = (): Registry => {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
};

/**
 * What the app measures about itself while it runs, in its own prom-client registry (several
 * apps may run in one process, as in the tests): requests and ack latency by listener, delivery
 * failures, SLA sweep duration, and gauges read from the database when scraped (`measure`); its
 * exposition adds Node's default process metrics, which the process's apps share.
 */
export class HelpdeskMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'helpdesk_requests_total',
    help: 'Requests from Slack, by listener.',
    labelNames: ['listener', 'status'] as const,
    registers: [this.registry],
  });
  readonly ackSeconds = new Histogram({
    name: 'helpdesk_ack_seconds',
    help: 'Time from a request arriving to its HTTP answer (the ack), by listener.',
    labelNames: ['listener'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 3],
    registers: [this.registry],
  });
  readonly outboxFailures = new Counter({
    name: 'helpdesk_outbox_failures_total',
    help: 'Slack deliveries that failed, by outcome (retry or given up).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly sweepSeconds = new Histogram({
    name: 'helpdesk_sla_sweep_seconds',
    help: 'Duration of SLA sweeps.',
    buckets: [0.01, 0.05, 0.1, 0.2, 0.5, 1, 5],
    registers: [this.registry],
  });
  readonly databaseReads = new Counter({
    name: 'helpdesk_metrics_database_reads_total',
    help: 'Database reads made for these figures; scrapes close together share one.',
    labelNames: ['figure'] as const,
    registers: [this.registry],
  });

  /**
   * Scrapes within `RENDERING_TTL_MS` of each other share one rendering: rendering the registry
   * (process metrics included) costs milliseconds of CPU, taken from the requests Slack waits on.
   */
  private readonly rendering: CachedReading<string>;

  /** `now` (ms, any origin: durations only) times how long a rendering is shared. */
  constructor(now: () => number = () => performance.now()) {
    // Started now, not at the first scrape: the event-loop and GC figures cover the process from the app's start.
    const shared = processMetrics();
    this.rendering = new CachedReading(RENDERING_TTL_MS, () => Registry.merge([shared, this.registry]).metrics(), now);
    for (const figure of ['tickets', 'outbox'] satisfies FigureName[]) this.databaseReads.inc({ figure }, 0);
  }

  /**
   * Adds the gauges read from `figures` when scraped: tickets by status, the outbox backlog, its
   * age and the messages given up. `figures` caches its reads, so scrapes cost the database
   * next to nothing; a failed read fails the scrape.
   */
  measure(figures: MeasuredFigures, ticketCountTtlSeconds: number): void {
    const registers = [this.registry];
    new Gauge({
      name: 'helpdesk_tickets',
      help: `Tickets by status (counted at most every ${ticketCountTtlSeconds} s).`,
      labelNames: ['status'] as const,
      registers,
      async collect() {
        const byStatus = await figures.ticketsByStatus();
        this.reset();
        for (const { status, count } of byStatus) this.set({ status }, count);
      },
    });
    const outboxGauge = (name: string, help: string, read: (outbox: Awaited<ReturnType<MeasuredFigures['outbox']>>) => number) =>
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          this.set(read(await figures.outbox()));
        },
      });
    outboxGauge('helpdesk_outbox_backlog', 'Slack messages waiting to be delivered.', (outbox) => outbox.backlog);
    outboxGauge('helpdesk_outbox_backlog_age_seconds', 'Age of the oldest message waiting to be delivered.', (outbox) => outbox.backlogAgeSeconds);
    outboxGauge('helpdesk_outbox_given_up', 'Slack messages given up on (see their last_error).', (outbox) => outbox.givenUp);
  }

  /** `GET /metrics` on the operations port: the registry in Prometheus text format. */
  async exposition(): Promise<Answer> {
    return { status: 200, body: await this.rendering.get(), contentType: this.registry.contentType };
  }
}
