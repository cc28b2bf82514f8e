import type { WebClient } from '@slack/web-api';
import { Catalog } from '../../services/catalog';
import { Clock } from '../../services/clock';
import { DeliveryOutcome } from '../../services/outbox-dispatcher';
import { Pace } from '../../services/outbox-pacing';
import { DeliveryReads } from '../../services/ports/delivery-reads';
import { SlackMessage } from '../views/ticket-card.view';
import { ChannelHealth } from './channel-health';
import { DmChannels } from './dm-channels';
import { PostLookupLog } from './post-once';
import { assertSendable } from './sendable';

/**
 * What every part of the Slack delivery shares: the reads it renders from, the catalog, the Web
 * API client, the wall clock, the log, what it knows of channels and of people's DM channels, and
 * the pacing of the delivery under way. Built by `SlackDelivery` for each delivery; the delivery
 * modules are functions of it.
 */
export interface DeliveryContext {
  readonly reads: DeliveryReads;
  readonly catalog: Catalog;
  readonly client: WebClient;
  readonly clock: Clock;
  readonly log: PostLookupLog & { info(...message: unknown[]): void };
  readonly health: ChannelHealth;
  readonly dmChannels: DmChannels;
  /** Awaited before each Web API call: the call's slot under Slack's rate limits (DeliveryAttempt.pace). */
  readonly pace: Pace;
}

/** The outcome of a delivery that went through and taught the app nothing new. */
export const SENT: DeliveryOutcome = { status: 'sent' };

/** A delivery that can never succeed (a missing ticket or event); the dispatcher gives it up. */
export const failed = (error: string): DeliveryOutcome => ({ status: 'failed', error });

/** A delivery to try again: Slack answered without what the app needs (a ts, a channel). */
export const retry = (error: string): DeliveryOutcome => ({ status: 'retry', error });

/** chat.update, after checking that its arguments can be sent at all. */
export const updateMessage = async (context: DeliveryContext, args: { channel: string; ts: string; text: string; blocks: SlackMessage['blocks'] }): Promise<void> => {
  assertSendable('chat.update', { text: args.text });
  await context.pace({ method: 'chat.update' });
  await context.client.chat.update(args);
};

/** The department's name as people know it, for an id stored on an event, among `departments` (by id); a department since removed reads "another department". */
export const departmentNameIn =
  (departments: ReadonlyMap<number, { readonly name: string }>) =>
  (id: unknown): string =>
    departments.get(Number(id))?.name ?? 'another department';

/** `departmentNameIn` over the catalog's departments. */
export const departmentNamer = async (context: DeliveryContext): Promise<(id: unknown) => string> => departmentNameIn(await context.catalog.listDepartments());
