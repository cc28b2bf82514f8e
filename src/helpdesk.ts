import { App } from '@slack/bolt';
import type { Logger } from '@slack/logger';
import type { DestinationStream } from 'pino';
import { WebClient, WebClientOptions } from '@slack/web-api';
import type { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Env } from './config/env';
import { HelpdeskConfig } from './config/helpdesk-config';
import { createRootLogger } from './observability/logger';
import { HelpdeskMetrics } from './observability/metrics';
import { startOpsServer } from './observability/ops-server';
import { labelRequests, noteTicket, outsideRequest, timeRequests } from './observability/request-timing';
import { Answer, HealthDetails, OperationsFigures, TICKET_COUNT_TTL_MS } from './observability/operations-figures';
import { libraryLogger, slackLogger } from './observability/slack-logger';
import { createDataSource } from './persistence/data-source';
import { Database, openDatabase } from './persistence/database';
import { SqlTicketStore } from './persistence/ticket-store';
import { SqlOutboxStore } from './persistence/outbox-store';
import { SqlDeliveryReads } from './persistence/delivery-reads';
import { SqlTicketQueries } from './persistence/ticket-queries';
import { SqlOperationsReads } from './persistence/operations-reads';
import { SqlScheduleLeases } from './persistence/schedule-leases';
import { SqlHomeStates } from './persistence/home-states';
import { Catalog } from './services/catalog';
import { Clock } from './services/clock';
import { syncHelpdeskConfig } from './services/config-sync.service';
import { OutboxDispatcher, DispatcherOptions } from './services/outbox-dispatcher';
import { RequesterConversationService } from './services/requester-conversation.service';
import { TicketIntakeService } from './services/ticket-intake.service';
import { TicketWorkflowService } from './services/ticket-workflow.service';
import { TicketSearchService } from './services/ticket-search.service';
import { SqlTicketSearch } from './persistence/ticket-search';
import { SlackDelivery } from './slack/delivery/slack-delivery';
import { ChannelHealth, watchedChannels } from './slack/delivery/channel-health';
import { InFlight } from './slack/in-flight';
import { registerListeners } from './slack/listeners';
import { EdgeLimits } from './slack/receiver/edge-limits';
import { HelpdeskReceiver } from './slack/receiver/helpdesk-receiver';
import { socketModeConnection } from './slack/receiver/socket-mode-connection';
import { describeSlackFailure, slackApiUrl, whoIsTheBot } from './slack/startup-check';
import { fetchWithTimeout } from './slack/fetch-with-timeout';
import { LeaseCoordinator } from './scheduler/lease-coordinator';
import { scheduleRetention } from './scheduler/retention.job';
import { scheduleSlaSweep } from './scheduler/sla-sweep.job';
import { RetentionService } from './services/retention.service';
import { TicketChange } from './services/ticket-change';
import { OutboxPacing } from './services/outbox-pacing';
import { SlackPacing } from './services/slack-pacing';
import { SLACK_PACING_LIMITS } from './services/slack-pacing-limits';
import { SlaSweepService } from './services/sla-sweep.service';
import { ManagerOverviewService } from './services/manager-overview.service';
import { SqlManagerStatistics } from './persistence/manager-statistics';
import { TicketLookupService } from './services/ticket-lookup.service';
import { HomeService } from './services/home.service';
import { HomePublisher } from './slack/home/home-publisher';
import { managerHomeSection } from './slack/home/manager-section';

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
  /** Schedules the SLA sweep (default); tests that drive the sweep themselves turn it off. */
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
  /** The managers' figures per department (the manager's Home section). */
  readonly managerOverview: ManagerOverviewService;
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
const SLACK_TIMEOUT_MS = 10_000;
/** How often channels found unusable are asked about again, besides the app's own member_joined_channel. */
const CHANNEL_RECHECK_MS = 60_000;
/** The longest a delivery waits for its Web API call's slot while holding its lease. */
const PACING_INLINE_WAIT_MS = 1000;
/** The dispatcher's lease when OUTBOX_LEASE_MS is not set. */
const DEFAULT_LEASE_MS = 15_000;

/** Opens the database, applies migrations and the config file, and starts the Slack app and the outbox dispatcher. */
export const startHelpdesk = async (options: HelpdeskOptions): Promise<RunningHelpdesk> => {
  const { env, config } = options;
  const wallClock = options.wallClock ?? systemClock;
  const clock = options.clock ?? wallClock;
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
  const clientOptions: WebClientOptions = {
    ...(env.slack.apiUrl ? { slackApiUrl: env.slack.apiUrl } : {}),
    // The outbox retries deliveries itself; a listener waiting on Slack must not stall on retries.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // A call Slack does not answer within 10 s fails (ETIMEDOUT to the classification), and the outbox retries it.
    timeout: SLACK_TIMEOUT_MS,
    // Bolt's respond() uses this fetch and has no time-out of its own.
    fetch: fetchWithTimeout(SLACK_TIMEOUT_MS),
  };
  const bot = await whoIsTheBot(env.slack.botToken, { ...clientOptions, logger: libraryLogger(rootLogger) }).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  // Checked before the first delivery, so a confirmation knows whether its card has a home.
  const channelHealth = new ChannelHealth(new WebClient(env.slack.botToken, clientOptions), bot.name ?? 'Helpdesk', logger);
  await channelHealth.check(watchedChannels(await catalog.listActiveDepartments()));
  const figures = new OperationsFigures(new SqlOperationsReads(db), wallClock, (figure) => metrics.databaseReads.inc({ figure }));
  metrics.measure(figures, TICKET_COUNT_TTL_MS / 1000);
  const socket = socketMode
    ? socketModeConnection({ appToken: env.slack.appToken ?? '', logger: libraryLogger(rootLogger), clientOptions, clientPingTimeoutMs: options.socketMode?.clientPingTimeoutMs })
    : null;
  const slackConnected = () => socket?.connected() ?? true;
  const receiver = socketMode
    ? null
    : new HelpdeskReceiver({
        signingSecret: env.slack.signingSecret ?? '',
        logger,
        limits: options.edgeLimits,
        routes: { '/healthz': () => figures.publicHealth() },
        observe: timeRequests(metrics),
      });
  const app = new App({
    token: env.slack.botToken,
    // Bolt asks auth.test who the bot is on every request unless it is told: it is, from the check above.
    botId: bot.botId,
    botUserId: bot.botUserId,
    tokenVerificationEnabled: false,
    // Bolt's conversation store is unused here; it would cost a lookup on every request.
    convoStore: false,
    // Bolt sets the logger to its own logLevel (info when not given): it is told LOG_LEVEL.
    logger: libraryLogger(rootLogger),
    logLevel: logger.getLevel(),
    clientOptions,
    receiver: receiver ?? socket?.receiver,
  });
  labelRequests(app);

  const inFlight = new InFlight();
  inFlight.track(app);
  const lookup = new TicketLookupService(new SqlTicketQueries(db), catalog, clock);
  const homes = new HomeService(lookup, catalog, new SqlHomeStates(db), clock, wallClock);
  const managerOverview = new ManagerOverviewService(new SqlManagerStatistics(db), catalog, clock);
  const home = new HomePublisher(homes, bot.teamUrl ?? null, managerHomeSection(managerOverview, bot.teamUrl ?? null));
  const delivery = new SlackDelivery(new SqlDeliveryReads(db), catalog, app.client, clock, logger, bot, channelHealth, home);
  // A slot further off than this defers the message to it rather than holding its lease meanwhile.
  const pacingWaitMs = Math.min(PACING_INLINE_WAIT_MS, (env.outboxLeaseMs ?? DEFAULT_LEASE_MS) / 5);
  const pacing = (options.slackPacing ?? env.slackPacing) ? new OutboxPacing(new SlackPacing(SLACK_PACING_LIMITS), wallClock, pacingWaitMs) : null;
  // Delivery runs on the wall clock, whatever clock the ticket logic was given.
  const dispatcher = new OutboxDispatcher(new SqlOutboxStore(db), wallClock, delivery.deliver, logger, {
    ...(env.outboxLeaseMs === null ? {} : { leaseMs: env.outboxLeaseMs }),
    pacing,
    ...options.dispatcher,
    onFailure: (outcome) => metrics.outboxFailures.inc({ outcome }),
  });
  channelHealth.onWorks((channelId) => {
    dispatcher.channelWorks(channelId).catch((error: unknown) => logger.error('releasing the messages waiting for a channel failed', { channel: channelId, error: String(error) }));
  });
  const stopWatchingChannels = channelHealth.watch(CHANNEL_RECHECK_MS);
  const sendOutbox = () => outsideRequest(() => dispatcher.kick());
  const changed = (change: TicketChange) => {
    noteTicket(change.ticketNumber);
    // Event types and ids only: what people wrote stays out of the log. The ticket and actor are
    // repeated in the line's own fields for Socket Mode, where there is no request scope.
    const { ticketNumber, actorId, events, refusal } = change;
    logger.info(refusal ? 'ticket request refused' : 'ticket changed', { ticket: ticketNumber, actor: actorId, events, ...(refusal ? { refusal } : {}) });
    sendOutbox();
  };
  const intake = new TicketIntakeService(store, catalog, clock, wallClock, changed);
  const workflow = new TicketWorkflowService(store, catalog, clock, wallClock, changed, options.digestDelayMs);
  const conversation = new RequesterConversationService(store, workflow, clock, wallClock, sendOutbox);
  // Messages may wait for a channel this instance never saw refuse (another instance tried it): released either way.
  const channelJoined = (channelId: string) => {
    if (!channelHealth.works(channelId))
      void dispatcher.channelWorks(channelId).catch((error: unknown) => logger.error('releasing the messages waiting for a channel failed', { error: String(error) }));
  };
  const search = new TicketSearchService(new SqlTicketSearch(db), catalog);
  registerListeners(app, { intake, workflow, conversation, lookup, search, homes, home, channelJoined, channelUnusable: (channelId) => channelHealth.isUnusable(channelId) });
  const slaSweep = new SlaSweepService(store, catalog, clock, wallClock, sendOutbox);
  app.error(async (error) => {
    logger.error('unhandled error in a listener', error);
    // Rethrown, so a request not yet answered is answered 500 at once (Slack retries an event).
    throw error;
  });

  // The detailed health names the channels the app cannot post in, with the fix, beside what the caller adds.
  const healthDetails = async (): Promise<Record<string, unknown>> => {
    const unusable = channelHealth.unusableChannels();
    return { ...(unusable.length > 0 ? { unusableChannels: unusable } : {}), ...(options.healthDetails ? await options.healthDetails() : {}) };
  };
  // In Socket Mode the app is down while its WebSocket is: Slack has nowhere to send requests.
  const socketDetails = async () => ({ ...(socket ? { socketMode: slackConnected() ? 'connected' : 'disconnected' } : {}), ...(await healthDetails()) });
  const socketAware = async (answer: Promise<Answer>): Promise<Answer> => {
    const given = await answer;
    if (slackConnected()) return given;
    // The detailed health keeps its JSON (which says `socketMode: disconnected`); the public one says only that it is down.
    return { ...given, status: 503, ...(given.contentType === 'application/json' ? {} : { body: 'unavailable\n' }) };
  };
  const ops = await startOpsServer({
    host: options.ops?.host ?? env.ops.host,
    port: options.ops?.port ?? env.ops.port,
    token: env.ops.token,
    routes: { '/metrics': () => metrics.exposition(), '/healthz': () => socketAware(figures.health(socketDetails)) },
    logger,
  }).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  let port: number | null = null;
  let healthPort = 0;
  let healthServer: { stop(): Promise<void> } | null = null;
  try {
    if (socketMode) {
      // No Slack-facing port in Socket Mode: PORT serves only the public /healthz (a load balancer's or container's check).
      const listen = options.listen ?? { port: env.port };
      const health = await startOpsServer({
        ...(listen.host === undefined ? {} : { host: listen.host }),
        port: listen.port,
        token: null,
        routes: { '/healthz': () => socketAware(figures.publicHealth().then((answer) => ({ ...answer, contentType: 'text/plain; charset=utf-8' }))) },
        logger,
        name: { what: 'the health port', port: 'PORT', host: 'PORT' },
      });
      healthServer = health;
      healthPort = health.port;
      await app.start().catch((error: unknown) => {
        const fix = 'Check SLACK_APP_TOKEN: an app-level token with connections:write, on the app\'s "Basic Information" page.';
        throw new Error(describeSlackFailure(error, slackApiUrl(clientOptions), 'the Socket Mode connection', fix));
      });
    } else {
      const listen = options.listen ?? { port: env.port };
      const server = (await app.start(listen)) as Server;
      port = (server.address() as AddressInfo).port;
      healthPort = port;
    }
  } catch (error) {
    await healthServer?.stop();
    await ops.stop();
    await db.close();
    throw error;
  }
  dispatcher.start();
  const sweepJob = options.scheduleSlaSweep === false ? null : scheduleSlaSweep(env.slaSweepCron, slaSweep, new LeaseCoordinator(new SqlScheduleLeases(db), clock), logger, metrics);
  // Retention runs on the wall clock, like the deliveries whose rows it deletes.
  const retentionJob = scheduleRetention(new RetentionService(store, wallClock, env.retentionDays), new LeaseCoordinator(new SqlScheduleLeases(db), wallClock), logger);
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
    managerOverview,
    inFlight,
    port,
    healthPort,
    slackConnected,
    opsPort: ops.port,
    channelHealth,
    logger,
    stop: async () => {
      stopWatchingChannels();
      await sweepJob?.destroy();
      await retentionJob.destroy();
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
