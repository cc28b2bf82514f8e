import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { HelpdeskMetrics, MeasuredFigures, RENDERING_TTL_MS } from '../../src/observability/metrics';

/** Figures as the database would give them, counting how often they are read. */
const figures = (outbox = { backlog: 2, givenUp: 1, backlogAgeSeconds: 30 }) => {
  const reads = { tickets: 0, outbox: 0 };
  let failing = false;
  const source: MeasuredFigures = {
    ticketsByStatus: async () => {
      reads.tickets += 1;
      if (failing) throw new Error('database down');
      return [
        { status: 'open', count: 3 },
        { status: 'in_progress', count: 1 },
      ];
    },
    outbox: async () => {
      reads.outbox += 1;
      return outbox;
    },
  };
  return { source, reads, fail: () => (failing = true) };
};

describe('HelpdeskMetrics', () => {
  it('keeps the figures of each app in its own registry, so several apps can run in one process', async () => {
    const first = new HelpdeskMetrics();
    const second = new HelpdeskMetrics();
    first.requests.inc({ listener: '/ticket', status: '200' });
    first.ackSeconds.observe({ listener: '/ticket' }, 0.004);
    expect((await first.exposition()).body).toContain('helpdesk_requests_total{listener="/ticket",status="200"} 1');
    expect((await second.exposition()).body).not.toContain('helpdesk_requests_total{');
    expect((await first.exposition()).body).toContain('helpdesk_ack_seconds_bucket{le="0.005",listener="/ticket"} 1');
  });

  it("serves Node's default process metrics, event-loop lag included, in Prometheus text", async () => {
    const answer = await new HelpdeskMetrics().exposition();
    expect(answer).toMatchObject({ status: 200, contentType: 'text/plain; version=0.0.4; charset=utf-8' });
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_eventloop_lag_p99_seconds', 'nodejs_heap_size_used_bytes']) {
      expect(answer.body).toContain(`# TYPE ${name} `);
    }
    expect(answer.body).toContain('helpdesk_metrics_database_reads_total{figure="tickets"} 0');
  });

  it("measures garbage collection from the app's start, not from the first scrape", async () => {
    // A module of its own: the process metrics of this file's other tests have started already.
    let Fresh: typeof HelpdeskMetrics = HelpdeskMetrics;
    jest.isolateModules(() => {
      Fresh = jest.requireActual<{ HelpdeskMetrics: typeof HelpdeskMetrics }>('../../src/observability/metrics').HelpdeskMetrics;
    });
    const metrics = new Fresh();
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // Performance observers hear of a collection after the current task, later on a busy machine:
    // several collections, each given time to be heard, all before the first scrape.
    for (let round = 0; round < 5; round += 1) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Any kind: prom-client counts only the first collection of each batch its observer is told of.
    const collections = [...(await metrics.exposition()).body.matchAll(/^nodejs_gc_duration_seconds_count\{kind="\w+"\} (\S+)$/gm)].reduce((sum, [, count]) => sum + Number(count), 0);
    expect(collections).toBeGreaterThanOrEqual(1);
  });

  it('reads the database figures when scraped, and one rendering serves the scrapes within a second of it', async () => {
    let now = Date.UTC(2026, 10, 30, 9, 0, 0);
    const metrics = new HelpdeskMetrics(() => now);
    const { source, reads } = figures();
    metrics.measure(source, 60);
    const bodies = await Promise.all(Array.from({ length: 5 }, () => metrics.exposition().then((answer) => answer.body)));
    expect(reads.tickets).toBe(1);
    for (const body of bodies) {
      expect(body).toContain('helpdesk_tickets{status="open"} 3');
      expect(body).toContain('helpdesk_tickets{status="in_progress"} 1');
      expect(body).toContain('helpdesk_outbox_backlog 2');
      expect(body).toContain('helpdesk_outbox_backlog_age_seconds 30');
      expect(body).toContain('helpdesk_outbox_given_up 1');
      expect(body).toContain('# HELP helpdesk_tickets Tickets by status (counted at most every 60 s).');
    }
    metrics.requests.inc({ listener: '/ticket', status: '200' });
    now += RENDERING_TTL_MS - 1;
    expect((await metrics.exposition()).body).not.toContain('helpdesk_requests_total{');
    expect(reads.tickets).toBe(1);
    now += 1;
    expect((await metrics.exposition()).body).toContain('helpdesk_requests_total{listener="/ticket",status="200"} 1');
    expect(reads.tickets).toBe(2);
  });

  it('fails the scrape when a figure cannot be read, instead of serving a made-up value', async () => {
    const metrics = new HelpdeskMetrics();
    const { source, fail } = figures();
    metrics.measure(source, 60);
    fail();
    await expect(metrics.exposition()).rejects.toThrow('database down');
  });

  it('lets an app that is gone be collected: its registry, and the figures (the database) its gauges read, are not held by the process', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    /** As each start of the app in one process (a sandbox reset, a test's app) does; what stays referenced is only weakly held. */
    const startAndDrop = async () => {
      const metrics = new HelpdeskMetrics();
      const { source } = figures();
      metrics.measure(source, 60);
      expect((await metrics.exposition()).body).toContain('nodejs_gc_duration_seconds');
      return { registry: new WeakRef(metrics.registry), figures: new WeakRef(source) };
    };
    const dropped = await Promise.all(Array.from({ length: 3 }, startAndDrop));
    for (let round = 0; round < 3; round += 1) {
      await new Promise((settle) => setImmediate(settle));
      gc();
    }
    expect(dropped.map(({ registry, figures: read }) => [registry.deref() === undefined, read.deref() === undefined])).toEqual([
      [true, true],
      [true, true],
      [true, true],
    ]);
  });
});
