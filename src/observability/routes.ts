import type { ServerResponse } from 'node:http';
import { Database } from '../persistence/database';
import { OutboxRepository } from '../persistence/repositories/outbox.repository';
import { TicketRepository } from '../persistence/repositories/ticket.repository';
import { gauge, HelpdeskMetrics } from './metrics';

const ageSeconds = (since: Date | null): number => (since ? Math.max(0, Math.round((Date.now() - since.getTime()) / 1000)) : 0);

const route = (path: string, render: (response: ServerResponse) => Promise<void>) => ({
  path,
  method: ['GET'],
  handler: (_request: unknown, response: ServerResponse) => {
    render(response).catch(() => {
      response.writeHead(503, { 'content-type': 'text/plain' });
      response.end('unavailable\n');
    });
  },
});

/**
 * `GET /healthz`: 200 while the database answers, with the age of the oldest message waiting for
 * Slack and, when there are any, the help desk channels the app cannot post in
 * (`unusableChannels`: channel id, name, problem, fix).
 */
export const healthRoute = (db: Database, unusableChannels: () => readonly object[] = () => []) =>
  route('/healthz', async (response) => {
    const reachable = await db.isReachable();
    const oldest = reachable ? await new OutboxRepository(db.manager).oldestPending().catch(() => null) : null;
    response.writeHead(reachable ? 200 : 503, { 'content-type': 'application/json' });
    const unusable = unusableChannels();
    response.end(JSON.stringify({ database: reachable ? 'ok' : 'unreachable', outboxBacklogAgeSeconds: ageSeconds(oldest?.createdAt ?? null), ...(unusable.length > 0 ? { unusableChannels: unusable } : {}) }));
  });

/** `GET /metrics`: Prometheus text format. */
export const metricsRoute = (db: Database, metrics: HelpdeskMetrics) =>
  route('/metrics', async (response) => {
    const outbox = new OutboxRepository(db.manager);
    const [byStatus, backlog, failed, oldest] = await Promise.all([
      new TicketRepository(db.manager).countByStatus(),
      outbox.countPending(),
      outbox.countFailed(),
      outbox.oldestPending(),
    ]);
    const lines = [
      ...metrics.requests.render(),
      ...metrics.ackSeconds.render(),
      ...gauge('helpdesk_tickets', 'Tickets by status.', byStatus.map(({ status, count }) => ({ labels: { status }, value: count }))),
      ...gauge('helpdesk_outbox_backlog', 'Slack messages waiting to be delivered.', [{ value: backlog }]),
      ...gauge('helpdesk_outbox_backlog_age_seconds', 'Age of the oldest message waiting to be delivered.', [{ value: ageSeconds(oldest?.createdAt ?? null) }]),
      ...gauge('helpdesk_outbox_given_up', 'Slack messages given up on (see their last_error).', [{ value: failed }]),
      ...metrics.outboxFailures.render(),
      ...metrics.sweepSeconds.render(),
    ];
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    response.end(`${lines.join('\n')}\n`);
  });
