import type { WebClient } from '@slack/web-api';
import { DeliveryOutcome } from '../../services/outbox-dispatcher';
import { OutboxMessage } from '../../services/outbox-messages';
import { HomePublisher } from '../home/home-publisher';
import { failed, SENT } from './delivery-context';

/**
 * Delivers a `publish_home` message: the person's Home built from the database as it is now, and
 * published with views.publish. Slack's errors are thrown to the gateway, which classifies them
 * (`ratelimited` waits for its Retry-After; `not_enabled`, a Home tab the install does not turn on,
 * is given up).
 */
export const publishHome = async (home: HomePublisher | null, client: WebClient, message: Extract<OutboxMessage, { kind: 'publish_home' }>): Promise<DeliveryOutcome> => {
  if (!home) return failed('the App Home is not set up in this process');
  await home.publish(client, message.userId);
  return SENT;
};
