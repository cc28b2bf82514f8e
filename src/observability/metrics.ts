/**
 * A small Prometheus registry: counters and histograms with labels, rendered in the text
 * exposition format. Gauges that come from the database are added at scrape time.
 */
type Labels = Readonly<Record<string, string>>;

const labelText = (labels: Labels): string => {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([key, value]) => `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
};

export class Counter {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(readonly name: string, readonly help: string) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = labelText(labels);
    const entry = this.values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.values.set(key, entry);
  }

  render(): string[] {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`, ...[...this.values.values()].map(({ labels, value }) => `${this.name}${labelText(labels)} ${value}`)];
  }
}

export class Histogram {
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(readonly name: string, readonly help: string, readonly buckets: readonly number[]) {}

  observe(labels: Labels, value: number): void {
    const key = labelText(labels);
    const entry = this.series.get(key) ?? { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
    this.buckets.forEach((bound, index) => {
      if (value <= bound) entry.counts[index] = (entry.counts[index] ?? 0) + 1;
    });
    entry.sum += value;
    entry.count += 1;
    this.series.set(key, entry);
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const { labels, counts, sum, count } of this.series.values()) {
      this.buckets.forEach((bound, index) => lines.push(`${this.name}_bucket${labelText({ ...labels, le: String(bound) })} ${counts[index] ?? 0}`));
      lines.push(`${this.name}_bucket${labelText({ ...labels, le: '+Inf' })} ${count}`, `${this.name}_sum${labelText(labels)} ${sum}`, `${this.name}_count${labelText(labels)} ${count}`);
    }
    return lines;
  }
}

export const gauge = (name: string, help: string, values: readonly { labels?: Labels; value: number }[]): string[] => [
  `# HELP ${name} ${help}`,
  `# TYPE ${name} gauge`,
  ...values.map(({ labels, value }) => `${name}${labelText(labels ?? {})} ${value}`),
];

/** What the app measures about itself while it runs. */
export class HelpdeskMetrics {
  readonly requests = new Counter('helpdesk_requests_total', 'Requests from Slack, by listener.');
  readonly ackSeconds = new Histogram('helpdesk_ack_seconds', 'Time from a request arriving to its HTTP answer (the ack), by listener.', [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 3,
  ]);
  readonly outboxFailures = new Counter('helpdesk_outbox_failures_total', 'Slack deliveries that failed, by outcome (retry or given up).');
  readonly sweepSeconds = new Histogram('helpdesk_sla_sweep_seconds', 'Duration of SLA sweeps.', [0.01, 0.05, 0.1, 0.2, 0.5, 1, 5]);
}
