import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningHelpdesk } from '../../src/helpdesk';
import { HealthDetails } from '../../src/observability/operations-figures';
import { Clock } from '../../src/services/clock';
import { HOME_PUBLISH_DELAY_MS } from '../../src/services/home-refresh';
import { EdgeLimits } from '../../src/slack/receiver/edge-limits';
import { DEMO_CONFIG, populateDemoWorkspace } from './demo-workspace';
import { readAppManifest } from '../../src/sandbox/app-manifest';
import { startLocalApp } from '../../src/sandbox/local-app';
import { projectRoot } from '../../src/sandbox/project-root';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { SlackRequests } from '../../src/sandbox/local-slack/slack-requests';
import { createTestDatabase, TestDatabase } from './test-database';

export const BOT_TOKEN = 'xoxb-test-helpdesk-token';
export const SIGNING_SECRET = 'test-signing-secret-8f2c';

export interface Harness {
  readonly helpdesk: RunningHelpdesk;
  readonly slack: LocalSlack;
  readonly requests: SlackRequests;
  /** Every JSON line the app logged so far (LOG_LEVEL debug), in order. */
  readonly logs: string[];
  readonly dir: string;
  /** Waits until the outbox has delivered everything that is ready. */
  settle(): Promise<void>;
  /** Waits until the Home publishes the changes so far queued (sent HOME_PUBLISH_DELAY_MS after them) are delivered too: the outbox is then empty. */
  settleHomes(): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  readonly config?: string;
  readonly clock?: Clock;
  /** The app's wall clock (deliveries, leases, the digests' schedules), when a test must set the time of day; the system's by default. */
  readonly wallClock?: Clock;
  /** A database to keep using, as after a restart of the app; it is not dropped with the app. */
  readonly database?: TestDatabase;
  /** SLA_SWEEP_CRON for the app; without it the sweep is not scheduled and tests call it. */
  readonly slaSweepCron?: string;
  /** A local Slack to keep using, as after a restart of the app; it is not stopped with the app. */
  readonly slack?: LocalSlack;
  /** Limits of the app's Slack-facing port, over the defaults. */
  readonly edgeLimits?: Partial<EdgeLimits>;
  /** Extra facts for the operations port's /healthz. */
  readonly healthDetails?: HealthDetails;
  /**
   * Runs the app in Socket Mode (SLACK_APP_TOKEN set): Slack's requests arrive as envelopes on the
   * local Slack's WebSocket, and the same scenes play unchanged. Also on when HELPDESK_TEST_SOCKET_MODE=1.
   */
  readonly socketMode?: boolean;
  /**
   * The local Slack enforces Slack's rate limits and the app paces itself under them. Off by
   * default: the local Slack then limits nothing, and the app does not pace.
   */
  readonly rateLimits?: boolean;
  /** How long the assignee's digest of requester messages gathers a burst; short by default in tests. */
  readonly digestDelayMs?: number;
}

/** How long the app's Socket Mode client waits for a pong, and so before it reconnects, in tests. */
export const TEST_CLIENT_PING_TIMEOUT_MS = 2000;

/** The demo workspace's Slack, installed from manifest.yml (its Home tab on or off), for tests that keep one Slack across app restarts. */
export const startLocalSlack = async (): Promise<LocalSlack> =>
  populateDemoWorkspace(await new LocalSlack({ botToken: BOT_TOKEN, homeTabEnabled: readAppManifest(join(projectRoot(), 'manifest.yml')).homeTab }).start());

/**
 * Starts the real app with `startLocalApp`, as `npm start` does (environment and config file
 * parsed, migrations run on a fresh database), on an ephemeral port, talking to a local Slack over HTTP.
 */
export const startHarness = async (options: HarnessOptions = {}): Promise<Harness> => {
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-test-'));
  const database = options.database ?? (await createTestDatabase());
  const slack = options.slack ?? (await startLocalSlack());
  const configPath = join(dir, 'helpdesk.yml');
  writeFileSync(configPath, options.config ?? DEMO_CONFIG);
  const logs: string[] = [];
  const socketMode = options.socketMode ?? process.env.HELPDESK_TEST_SOCKET_MODE === '1';
  const started = startLocalApp({
    slack,
    signingSecret: SIGNING_SECRET,
    databaseUrl: database.url,
    configPath,
    variables: {
      LOG_LEVEL: 'debug',
      ...(options.slaSweepCron ? { SLA_SWEEP_CRON: options.slaSweepCron } : {}),
      ...(socketMode ? { SLACK_APP_TOKEN: slack.socketMode.appToken } : {}),
    },
    logDestination: { write: (line: string) => logs.push(line.trimEnd()) },
    overrides: {
      dispatcher: { pollMs: 50 },
      scheduleSlaSweep: options.slaSweepCron !== undefined,
      digestDelayMs: options.digestDelayMs ?? 300,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.wallClock ? { wallClock: options.wallClock } : {}),
      ...(options.edgeLimits ? { edgeLimits: options.edgeLimits } : {}),
      ...(options.healthDetails ? { healthDetails: options.healthDetails } : {}),
      ...(socketMode ? { socketMode: { clientPingTimeoutMs: TEST_CLIENT_PING_TIMEOUT_MS } } : {}),
      slackPacing: options.rateLimits === true,
    },
  });
  // An app that refuses to start (a bad config file) leaves nothing running behind it.
  const helpdesk = await started.catch(async (error: unknown) => {
    if (!options.slack) await slack.stop();
    if (!options.database) await database.drop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  if (options.rateLimits) slack.limitRates();
  const requests = new SlackRequests(slack, socketMode ? { socketMode: true } : `http://127.0.0.1:${helpdesk.port}`, SIGNING_SECRET);
  const settle = async () => {
    // Listeners may still be working after their ack; then the outbox drains what they queued.
    do {
      await helpdesk.inFlight.idle(5000);
      await helpdesk.dispatcher.flush(5000);
    } while (helpdesk.inFlight.busy);
  };
  return {
    helpdesk,
    slack,
    requests,
    logs,
    dir,
    settle,
    settleHomes: async () => {
      await settle();
      await new Promise((resolve) => setTimeout(resolve, HOME_PUBLISH_DELAY_MS + 100));
      await settle();
    },
    stop: async () => {
      await helpdesk.stop();
      if (!options.slack) await slack.stop();
      if (!options.database) await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
