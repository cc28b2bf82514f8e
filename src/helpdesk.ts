import { App } from '@slack/bolt';
import type { Logger } from '@slack/logger';
import type { DestinationStream } from 'pino';
import { WebClient } from '@slack/web-api';
import { Env } from './config/env';
import { HelpdeskConfig, toAttachmentLimits } from './config/helpdesk-config';
import { createRootLogger } from './observability/logger';
import { HelpdeskMetrics } from './observability/metrics';
import { startOpsServer } from './observability/ops-server';
import { HealthDetails, OperationsFigures, TICKET_COUNT_TTL_MS } from './observability/operations-figures';
import { libraryLogger, slackLogger } from './observability/slack-logger';
import { createDataSource } from './persistence/data-source';
import { Database, openDatabase } from './persistence/database';
import { SqlTicketStore } from './persistence/ticket-store';
import { SqlOperationsReads } from './persistence/operations-reads';
import { Catalog } from './services/catalog';
import { Clock } from './services/clock';
import { syncHelpdeskConfig } from './config/config-sync';
import { OutboxDispatcher, DispatcherOptions } from './services/outbox-dispatcher';
import { ChannelHealth, watchedChannels } from './slack/delivery/channel-health';
import { InFlight } from './slack/in-flight';
import { SlackPeopleDirectory } from './slack/people/people-directory';
import { EdgeLimits } from './slack/receiver/edge-limits';
import { whoIsTheBot } from './slack/startup-check';
import { SlaSweepService } from './services/sla-sweep.service';
import { FollowUpSweepService } from './services/follow-up-sweep.service';
import { ManagerOverviewService } from './services/manager-overview.service';
import { ManagerDigestService } from './services/manager-digest.service';
import { scheduleBackgroundWork } from './composition/background-work';
import { healthAnswers } from './composition/health';
import { createOutboxDispatcher } from './composition/outbox';
import { announceTicketChange, buildReadServices, buildRelationServices, buildTicketServices, Clocks } from './composition/services';
import { wireListeners } from './composition/listeners';
import { startListening } from './composition/listening';
import { createSlackApp, slackClientOptions } from './composition/slack-app';

export interface HelpdeskOptions {
  readonly env: Env;
  readonly config: HelpdeskConfig;
  /** The business clock: ticket logic and SLA due times; defaults to the wall clock. Tests drive a manual one. */
  readonly clock?: Clock;
  /** The wall clock: outbox delivery, leases, retention, log times; defaults to the system's. */
  readonly wallClock?: Clock;
  /** Where JSON log lines go (one `write` per line); stdout when not given. The level is LOG_LEVEL's. */
  readonly logDestination?: DestinationStream;
  /** Where to listen in HTTP mode; defaults to env.port on every interface. */
  readonly listen?: { port: number; host?: string };
  readonly dispatcher?: Partial<DispatcherOptions>;
  /** Schedules the SLA sweep and the managers' digests (default); tests that drive them themselves turn it off. */
  readonly scheduleSlaSweep?: boolean;
  /** Where the operations port listens; defaults to env.ops (METRICS_HOST, METRICS_PORT). */
  readonly ops?: { port: number; host?: string };
  /** Limits of the Slack-facing HTTP port, over the defaults (tests lower them). */
  readonly edgeLimits?: Partial<EdgeLimits>;
  /** Extra facts for the operations port's `/healthz`, merged into its JSON body (e.g. unusable channels). */
  readonly healthDetails?: HealthDetails;
  /** Socket Mode's client: how long it waits for a pong, and so before reconnecting (tests shorten it). */
  readonly socketMode?: { readonly clientPingTimeoutMs?: number };
  /** Paces the outbox under Slack's rate limits; defaults to env.slackPacing (SLACK_PACING). Tests against a local Slack that does not limit turn it off. */
  readonly slackPacing?: boolean;
  /** How long the assignee's DM about the requester's messages gathers a burst, in ms (DIGEST_DELAY_MS); tests shorten it. */
  readonly digestDelayMs?: number;
}

export interface RunningHelpdesk {
  readonly app: App;
  readonly db: Database;
  /** Departments, topics and plans in memory; refresh it after changing them in the database. */
  readonly catalog: Catalog;
  readonly dispatcher: OutboxDispatcher;
  readonly slaSweep: SlaSweepService;
  /** Auto-close and the requester's reminders (issue 18); scheduled with the SLA sweep. */
  readonly followUpSweep: FollowUpSweepService;
  /** The managers' figures per department (the manager's Home section). */
  readonly managerOverview: ManagerOverviewService;
  /** The managers' digests (scheduled per department) and reports. */
  readonly managerDigest: ManagerDigestService;
  /** Listeners still running; shutdown waits for them. */
  readonly inFlight: InFlight;
  /** Which department and escalation channels the app cannot post in, and the fix (`unusableChannels()`). */
  readonly channelHealth: ChannelHealth;
  /** The HTTP port, or null in Socket Mode. */
  readonly port: number | null;
  /** Where the public `/healthz` answers: the HTTP port, or in Socket Mode its small health listener (PORT). */
  readonly healthPort: number;
  /** In Socket Mode, whether the WebSocket to Slack is open and greeted; always true over HTTP. */
  slackConnected(): boolean;
  /** The operations port (`/metrics`, detailed `/healthz`), in HTTP and Socket Mode alike. */
  readonly opsPort: number;
  /** The app's logger, for lines about the process (shutting down). */
  readonly logger: Logger;
  stop(): Promise<void>;
}

/** The system's wall clock: the one place the app reads the time of day. */
const systemClock: Clock = () => new Date();

const SHUTDOWN_FLUSH_MS = 3000;
/** How often channels found unusable are asked about again, besides the app's own member_joined_channel. */
const CHANNEL_RECHECK_MS = 60_000;

/**
 * Opens the database, applies migrations and the config file, and starts the Slack app and the
 * outbox dispatcher. The one composition root: the modules in `src/composition/` build its parts.
 */
export const startHelpdesk = async (options: HelpdeskOptions): Promise<RunningHelpdesk> => {
  const { env, config } = options;
  const wallClock = options.wallClock ?? systemClock;
  const clock = options.clock ?? wallClock;
  const clocks: Clocks = { clock, wallClock };
  const rootLogger = createRootLogger(env.logLevel, options.logDestination, wallClock);
  const logger = slackLogger(rootLogger);

  const db = await openDatabase(createDataSource(env.database));
  const applied = await db.migrate();
  if (applied.length > 0) logger.info('migrations applied', { migrations: applied });
  const store = new SqlTicketStore(db);
  // Two instances starting at once would both insert helpdesk.yml's new names: one at a time.
  const synced = await db.exclusively(() => syncHelpdeskConfig(store, config));
  logger.info('configuration loaded', synced);
  const catalog = new Catalog(store.direct.catalog, wallClock);
  await catalog.refresh();

  const socketMode = env.slack.appToken !== null;
  const metrics = new HelpdeskMetrics();
  const clientOptions = slackClientOptions(env.slack.apiUrl);
  const bot = await whoIsTheBot(env.slack.botToken, { ...clientOptions, logger: libraryLogger(rootLogger) }).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  // Checked before the first delivery, so a confirmation knows whether its card has a home.
  const channelHealth = new ChannelHealth(new WebClient(env.slack.botToken, clientOptions), bot.name ?? 'Helpdesk', logger);
  await channelHealth.check(watchedChannels(await catalog.listActiveDepartments()));
  const figures = new OperationsFigures(new SqlOperationsReads(db), wallClock, (figure) => metrics.databaseReads.inc({ figure }));
  metrics.measure(figures, TICKET_COUNT_TTL_MS / 1000);
  const { app, socket } = createSlackApp({
    env,
    rootLogger,
    logger,
    clientOptions,
    bot,
    metrics,
    publicHealth: () => figures.publicHealth(),
    edgeLimits: options.edgeLimits,
    clientPingTimeoutMs: options.socketMode?.clientPingTimeoutMs,
    now: () => wallClock().getTime(),
  });
  const slackConnected = () => socket?.connected() ?? true;

  const inFlight = new InFlight();
  inFlight.track(app);
  const people = new SlackPeopleDirectory(app.client, wallClock, logger);
  const { lookup, homes, managerOverview, home, search } = buildReadServices(db, catalog, clocks, bot.teamUrl ?? null, people);
  const dispatcher = createOutboxDispatcher({
    db,
    catalog,
    client: app.client,
    clocks,
    logger,
    bot,
    channelHealth,
    home,
    metrics,
    leaseMs: env.outboxLeaseMs,
    slackPacing: options.slackPacing ?? env.slackPacing,
    dispatcher: options.dispatcher,
  });
  channelHealth.onWorks((channelId) => {
    dispatcher.channelWorks(channelId).catch((error: unknown) => logger.error('releasing the messages waiting for a channel failed', { channel: channelId, error: String(error) }));
  });
  const stopWatchingChannels = channelHealth.watch(CHANNEL_RECHECK_MS);
  const sendOutbox = () => dispatcher.kick();
  const { intake, workflow, conversation, slaSweep, followUpSweep, satisfaction, managerDigest } = buildTicketServices(
    store,
    catalog,
    clocks,
    announceTicketChange(logger, sendOutbox),
    sendOutbox,
    options.digestDelayMs,
    toAttachmentLimits(config.attachments),
  );
  const relations = buildRelationServices(store, catalog, clocks, announceTicketChange(logger, sendOutbox), search, options.digestDelayMs, toAttachmentLimits(config.attachments));
  wireListeners(app, { intake, workflow, conversation, lookup, search, relations, homes, home, people, satisfaction, managerDigest }, { config, channelHealth, dispatcher, logger });

  const health = healthAnswers(figures, channelHealth, socket !== null, slackConnected, options.healthDetails);
  const ops = await startOpsServer({
    host: options.ops?.host ?? env.ops.host,
    port: options.ops?.port ?? env.ops.port,
    token: env.ops.token,
    routes: { '/metrics': () => metrics.exposition(), '/healthz': health.detailed },
    logger,
  }).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  const listen = options.listen ?? { port: env.port };
  const { port, healthPort, healthServer } = await startListening({ app, socketMode, listen, publicHealth: health.publicPlain, clientOptions, logger }).catch(async (error: unknown) => {
    await ops.stop();
    await db.close();
    throw error;
  });
  dispatcher.start();
  const background = scheduleBackgroundWork({
    db,
    store,
    slaSweep,
    followUpSweep,
    clocks,
    logger,
    metrics,
    slaSweepCron: options.scheduleSlaSweep === false ? null : env.slaSweepCron,
    retentionDays: env.retentionDays,
    managerDigest: options.scheduleSlaSweep === false ? null : managerDigest,
  });
  const opsHost = options.ops?.host ?? env.ops.host;
  logger.info('operations port listening', { host: opsHost, port: ops.port, auth: env.ops.token ? 'bearer token' : 'none' });
  if (!env.ops.token && !['127.0.0.1', '::1', 'localhost'].includes(opsHost)) {
    logger.warn('the operations port is open to other machines without a token: set METRICS_TOKEN', { host: opsHost });
  }
  logger.info(socketMode ? 'listening over Socket Mode' : 'listening over HTTP', socketMode ? { healthPort } : { port });

  return {
    app,
    db,
    catalog,
    dispatcher,
    slaSweep,
    followUpSweep,
    managerOverview,
    managerDigest,
    inFlight,
    port,
    healthPort,
    slackConnected,
    opsPort: ops.port,
    channelHealth,
    logger,
    stop: async () => {
      stopWatchingChannels();
      await background.stop();
      await app.stop();
      await socket?.closed();
      await inFlight.idle(SHUTDOWN_FLUSH_MS);
      await dispatcher.stop();
      await dispatcher.flush(SHUTDOWN_FLUSH_MS).catch((error) => logger.error('outbox flush at shutdown failed', error));
      await healthServer?.stop();
      await ops.stop();
      await db.close();
    },
  };
};
