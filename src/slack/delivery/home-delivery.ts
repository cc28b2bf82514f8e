import { DeliveryOutcome } from '../../services/outbox-dispatcher';
import { OutboxMessage } from '../../services/outbox-messages';
import { HomePublisher } from '../home/home-publisher';
import { DeliveryContext, failed, SENT } from './delivery-context';

/**
 * Delivers a `publish_home` message: the person's Home built from the database as it is now, and
 * published with views.publish, in its slot under Slack's rate for the method. Slack's errors are thrown to the gateway, which classifies them
 * (`ratelimited` waits for its Retry-After; `not_enabled`, a Home tab the install does not turn on,
 * is given up).
 */
export const publishHome = async (home: HomePublisher | null, context: DeliveryContext, message: Extract<OutboxMessage, { kind: 'publish_home' }>): Promise<DeliveryOutcome> => {
  if (!home) return failed('the App Home is not set up in this process');
  // views.publish is paced per workspace and per person (Tier 4; see slack-pacing-limits.ts).
  await context.pace({ method: 'views.publish', target: message.userId });
  await home.publish(context.client, message.userId);
  return SENT;
};
