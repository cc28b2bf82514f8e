import type { Logger } from '@slack/logger';
import type { WebClient } from '@slack/web-api';
import { HelpdeskMetrics } from '../observability/metrics';
import { Database } from '../persistence/database';
import { SqlDeliveryReads } from '../persistence/delivery-reads';
import { SqlOutboxStore } from '../persistence/outbox-store';
import { Catalog } from '../services/catalog';
import { DispatcherOptions, OutboxDispatcher } from '../services/outbox-dispatcher';
import { OutboxPacing } from '../services/outbox-pacing';
import { SlackPacing } from '../services/slack-pacing';
import { SLACK_PACING_LIMITS } from '../services/slack-pacing-limits';
import { ChannelHealth } from '../slack/delivery/channel-health';
import { BotIdentity } from '../slack/delivery/post-once';
import { SlackDelivery } from '../slack/delivery/slack-delivery';
import { HomePublisher } from '../slack/home/home-publisher';
import { Clocks } from './services';

/** The longest a delivery waits for its Web API call's slot while holding its lease. */
const PACING_INLINE_WAIT_MS = 1000;
/** The dispatcher's lease when OUTBOX_LEASE_MS is not set. */
const DEFAULT_LEASE_MS = 15_000;

export interface OutboxOptions {
  readonly db: Database;
  readonly catalog: Catalog;
  readonly client: WebClient;
  readonly clocks: Clocks;
  readonly logger: Logger;
  readonly bot: BotIdentity;
  readonly channelHealth: ChannelHealth;
  readonly home: HomePublisher;
  readonly metrics: HelpdeskMetrics;
  /** OUTBOX_LEASE_MS, or null for the default. */
  readonly leaseMs: number | null;
  /** Whether deliveries are paced under Slack's rate limits (SLACK_PACING). */
  readonly slackPacing: boolean;
  /** Over the dispatcher's defaults (tests). */
  readonly dispatcher?: Partial<DispatcherOptions>;
}

/**
 * The outbox dispatcher (services: claiming, retries, backoff, giving up) with the Slack gateway
 * that renders and sends each message, paced under Slack's rate limits when asked.
 */
export const createOutboxDispatcher = (options: OutboxOptions): OutboxDispatcher => {
  const { db, clocks, logger } = options;
  const delivery = new SlackDelivery(new SqlDeliveryReads(db), options.catalog, options.client, clocks.clock, logger, options.bot, options.channelHealth, options.home);
  // A slot further off than this defers the message to it rather than holding its lease meanwhile.
  const pacingWaitMs = Math.min(PACING_INLINE_WAIT_MS, (options.leaseMs ?? DEFAULT_LEASE_MS) / 5);
  const pacing = options.slackPacing ? new OutboxPacing(new SlackPacing(SLACK_PACING_LIMITS), clocks.wallClock, pacingWaitMs) : null;
  // Delivery runs on the wall clock, whatever clock the ticket logic was given.
  return new OutboxDispatcher(new SqlOutboxStore(db), clocks.wallClock, delivery.deliver, logger, {
    ...(options.leaseMs === null ? {} : { leaseMs: options.leaseMs }),
    pacing,
    ...options.dispatcher,
    onFailure: (outcome) => options.metrics.outboxFailures.inc({ outcome }),
  });
};
