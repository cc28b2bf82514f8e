/**
 * The servers the ack benchmark drives, each role in a process of its own so that neither the
 * load generator nor the local Slack shares an app's event loop, and bare Bolt is never measured
 * while the app is still busy:
 *   `slack`: the local Slack, and /stats (cards posted, its memory);
 *   `app`: the real app (SQLite or PostgreSQL, a year of 100,000 tickets seeded into its database,
 *     10,000 still open, by the `seed` role in a process of its own);
 *   `bare-modal`: bare Bolt whose /ticket also opens the ticket modal with views.open, the least
 *     any /ticket can do: what Bolt and the Web API client cost for it, without the app;
 *   `bare-modal-ids`: the same, with a listener that only acks for every other registration the
 *     app makes (same methods, same ids): what Bolt alone costs an app of this many ids.
 * Each prints its port and pid as one JSON line.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, HTTPReceiver } from '@slack/bolt';
import pino from 'pino';
import { createRootLogger } from '../src/observability/logger';
import { slackLogger } from '../src/observability/slack-logger';
import { DEMO_CONFIG, populateDemoWorkspace } from '../test/support/demo-workspace';
import { readAppManifest } from '../src/sandbox/app-manifest';
import { startLocalApp } from '../src/sandbox/local-app';
import { LocalSlack } from '../src/sandbox/local-slack/local-slack';
import { projectRoot } from '../src/sandbox/project-root';
import { registerListeners } from '../src/slack/listeners';
import { ListenerDeps } from '../src/slack/listeners/deps';
import { buildTicketModal } from '../src/slack/views/ticket-modal.view';
import { seedTicketHistory } from './seed-history';

const SEEDED_TICKETS = 100_000;
/**
 * Of which still open: 5,000 in each of the two departments, as many as in each department of the
 * Home benchmark. Every ticket change refreshes its department's Homes, whose queues and counts
 * read every open ticket of the department.
 */
const SEEDED_OPEN = 10_000;

export const BENCH_TOKEN = 'xoxb-bench-token';
export const BENCH_SECRET = 'bench-signing-secret';

const listen = async (app: App): Promise<number> => {
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as import('node:http').Server;
  return (server.address() as AddressInfo).port;
};

/** The value of a card's Assign to me button (which ticket, at which version), wherever it sits in the blocks. */
const assignValue = (node: unknown): string | null => {
  if (Array.isArray(node)) return node.map(assignValue).find((value) => value !== null) ?? null;
  if (!node || typeof node !== 'object') return null;
  const element = node as Record<string, unknown>;
  if (element.action_id === 'ticket_assign_self' && typeof element.value === 'string') return element.value;
  return assignValue(Object.values(element));
};

const startSlack = async () => {
  // The Home tab on as manifest.yml turns it on, so every Home the app publishes is accepted (and costs what it costs).
  const homeTabEnabled = readAppManifest(join(projectRoot(), 'manifest.yml')).homeTab;
  const slack = populateDemoWorkspace(await new LocalSlack({ botToken: BENCH_TOKEN, acceptAnyTrigger: true, homeTabEnabled }).start());
  const stats = createServer((_request, response) => {
    const cards = slack.messages.filter((message) => message.channel === 'C0SUPPORT' && message.threadTs === null);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ cards: cards.length, firstCardAssignValue: assignValue(cards[0]?.blocks) }));
  });
  await new Promise<void>((resolve) => stats.listen(0, '127.0.0.1', resolve));
  // Where the app answers the person who clicked, as Slack gives it in each interaction.
  const responseUrl = slack.issueResponseUrl('U0JOHN', 'C0SUPPORT');
  process.stdout.write(`${JSON.stringify({ slackApiUrl: slack.apiUrl, stats: (stats.address() as AddressInfo).port, responseUrl })}\n`);
};

/** The app as the bench runs it, on `databaseUrl` with the demo's helpdesk.yml at `configPath`. */
const startBenchApp = (slackApiUrl: string, databaseUrl: string, configPath: string) =>
  startLocalApp({
    slack: { apiUrl: slackApiUrl, botToken: BENCH_TOKEN },
    signingSecret: BENCH_SECRET,
    databaseUrl,
    configPath,
    // The default level, info (a line per ticket change), written as npm start writes it, to a
    // file descriptor; stdout is this process's report to the bench, so the lines go to /dev/null.
    logDestination: pino.destination({ dest: '/dev/null', sync: true }),
    // This local Slack limits nothing, and the throughput measured is the app's own: unpaced (rate-limit.bench.ts measures pacing).
    overrides: { scheduleSlaSweep: false, slackPacing: false },
  });

/**
 * The `seed` role: migrates the database and syncs helpdesk.yml by starting the app once, seeds
 * a year of tickets and stops. A process of its own, so that what inserting 100,000 tickets at
 * once leaves in memory is not counted as the app's.
 */
const seedDatabase = async (slackApiUrl: string) => {
  const helpdesk = await startBenchApp(slackApiUrl, process.env.BENCH_APP_DATABASE_URL ?? '', process.env.BENCH_CONFIG_PATH ?? '');
  const [department] = await helpdesk.db.dataSource.query<{ sla_plan_id: number }[]>('SELECT sla_plan_id FROM departments WHERE id = 1');
  const [topic] = await helpdesk.db.dataSource.query<{ id: number }[]>('SELECT id FROM help_topics ORDER BY id LIMIT 1');
  await seedTicketHistory(helpdesk.db, {
    count: SEEDED_TICKETS,
    open: SEEDED_OPEN,
    now: Date.now(),
    spanDays: 365,
    departmentIds: [1, 2],
    helpTopicId: topic?.id ?? 1,
    slaPlanId: department?.sla_plan_id ?? 1,
    agentId: 'U0JOHN',
  });
  // A database that has held its tickets for a while has been vacuumed and analysed; without this,
  // PostgreSQL's autovacuum works through the 100,000 fresh rows during the measurements.
  await helpdesk.db.dataSource.query(helpdesk.db.isSqlite ? 'ANALYZE' : 'VACUUM ANALYZE');
  await helpdesk.stop();
  process.stdout.write(`${JSON.stringify({ seeded: SEEDED_TICKETS })}\n`);
  process.exit(0);
};

/** The `app` role: the database seeded by the `seed` role in a process of its own, then the app started on it. */
const startApp = async (slackApiUrl: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-bench-'));
  const databaseUrl = process.env.BENCH_APP_DATABASE_URL ?? `sqlite:${join(dir, 'bench.sqlite')}`;
  const configPath = join(dir, 'helpdesk.yml');
  writeFileSync(configPath, DEMO_CONFIG);
  // The memory target is for an app whose database holds 100,000 tickets.
  const seeding = spawn(process.execPath, [__filename, 'seed', slackApiUrl], {
    env: { ...process.env, BENCH_APP_DATABASE_URL: databaseUrl, BENCH_CONFIG_PATH: configPath },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [code] = (await once(seeding, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`seeding the bench database failed (${code})`);
  const helpdesk = await startBenchApp(slackApiUrl, databaseUrl, configPath);
  process.stdout.write(`${JSON.stringify({ port: helpdesk.port, opsPort: helpdesk.opsPort, pid: process.pid })}\n`);
};

const DEMO_TOPICS = [
  { id: 1, name: 'Access Issue' },
  { id: 2, name: 'Business Critical Outage' },
  { id: 3, name: 'Report a Problem' },
];

type Registration = { method: 'command' | 'shortcut' | 'action' | 'view' | 'event' | 'options'; constraint: unknown };

/**
 * Every Bolt registration the app's listeners make, in order, read by handing `registerListeners`
 * a recorder in place of the App; the listeners are created and never called, so no dependency is used.
 */
const appRegistrations = (): Registration[] => {
  const made: Registration[] = [];
  const recorder = Object.fromEntries(
    (['command', 'shortcut', 'action', 'view', 'event', 'options'] as const).map((method) => [method, (constraint: unknown) => void made.push({ method, constraint })]),
  );
  registerListeners(recorder as unknown as App, {} as ListenerDeps);
  return made;
};

const startBareModal = (withAppIds: boolean) => async (slackApiUrl: string) => {
  const quiet = slackLogger(createRootLogger('error', { write: () => undefined }));
  // Bolt set up as the app sets it up: the token checked once at start (Bolt then knows the bot's
  // ids and asks Slack nothing per request) and no conversation store.
  const bare = new App({ token: BENCH_TOKEN, receiver: new HTTPReceiver({ signingSecret: BENCH_SECRET, logger: quiet }), logger: quiet, convoStore: false, clientOptions: { slackApiUrl } });
  bare.command('/ticket', async ({ ack, client, command }) => {
    await ack();
    await client.views.open({ trigger_id: command.trigger_id, view: buildTicketModal({ topics: DEMO_TOPICS, summary: command.text, metadata: { source: null } }) });
  });
  if (withAppIds) {
    const registrar = bare as unknown as Record<Registration['method'], (constraint: unknown, listener: (args: { ack?: () => Promise<void> }) => Promise<void>) => void>;
    for (const { method, constraint } of appRegistrations()) {
      if (method !== 'command') registrar[method](constraint, async ({ ack }) => ack?.());
    }
  }
  bare.action(/.*/, async ({ ack }) => ack());
  bare.view(/.*/, async ({ ack }) => ack());
  process.stdout.write(`${JSON.stringify({ port: await listen(bare), pid: process.pid })}\n`);
};

const roles: Record<string, (slackApiUrl: string) => Promise<void>> = {
  slack: startSlack,
  seed: seedDatabase,
  app: startApp,
  'bare-modal': startBareModal(false),
  'bare-modal-ids': startBareModal(true),
};

const main = () => {
  const role = roles[process.argv[2] ?? ''];
  if (!role) throw new Error(`unknown role ${process.argv[2]}: one of ${Object.keys(roles).join(', ')}`);
  return role(process.argv[3] ?? '');
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

// Exit normally on SIGTERM so that `node --cpu-prof` can write its profile.
process.on('SIGTERM', () => process.exit(0));
