import type { App, Context } from '@slack/bolt';
import type { Logger } from '@slack/logger';
import { HelpdeskConfig } from '../config/helpdesk-config';
import { OutboxDispatcher } from '../services/outbox-dispatcher';
import { ChannelHealth } from '../slack/delivery/channel-health';
import { registerListeners } from '../slack/listeners';
import { ListenerDeps } from '../slack/listeners/deps';
import { RequestContext } from '../slack/request-context';
import { cannedResponsesFrom } from './services';

/** The services the listeners call; the channel callbacks and the canned responses are wired by `wireListeners`. */
export type ListenerServices = Omit<ListenerDeps, 'channelJoined' | 'channelUnusable' | 'canned'>;

export interface ListenerWiring {
  readonly config: HelpdeskConfig;
  readonly channelHealth: ChannelHealth;
  readonly dispatcher: OutboxDispatcher;
  readonly logger: Logger;
}

/**
 * Registers every listener with its dependencies, and Bolt's one `app.error` backstop: an
 * unexpected error is logged once and rethrown, so a request not yet answered is answered 500 at
 * once (Slack retries an event).
 */
export const wireListeners = (app: App, services: ListenerServices, { config, channelHealth, dispatcher, logger }: ListenerWiring): void => {
  // Messages may wait for a channel this instance never saw refuse (another instance tried it): released either way.
  const channelJoined = (channelId: string) => {
    if (!channelHealth.works(channelId))
      void dispatcher.channelWorks(channelId).catch((error: unknown) => logger.error('releasing the messages waiting for a channel failed', { error: String(error) }));
  };
  registerListeners(app, {
    ...services,
    channelJoined,
    channelUnusable: (channelId) => channelHealth.isUnusable(channelId),
    canned: cannedResponsesFrom(config),
  });
  // Bolt's extended error handler (createSlackApp turns it on) is given the request's context.
  app.error(async ({ error, context }: { error: Error; context: Context }) => {
    ((context as RequestContext).requestLogger ?? logger).error('unhandled error in a listener', error);
    throw error;
  });
};
