import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { buildHomeNotice } from '../views/home-notice.view';

/**
 * Tells the person who acted on their Home what went wrong: in a small modal while the click's
 * trigger id is fresh, else in their DM with the app (a Home click has no response_url).
 */
export const tellInHome = async (client: WebClient, logger: Logger, who: { userId: string; triggerId: string | null }, title: string, text: string): Promise<void> => {
  try {
    if (who.triggerId) return void (await client.views.open({ trigger_id: who.triggerId, view: buildHomeNotice(title, text) }));
  } catch (error) {
    logger.warn('could not open the notice on the Home; telling the person by DM', error);
  }
  await client.chat.postMessage({ channel: who.userId, text }).catch((error: unknown) => logger.warn('could not tell the person who acted on their Home', error));
};

/** Publishes the person's Home afresh; a failure is logged (the outbox's next refresh, or their next visit, brings it). */
export const republishHome = async (publish: (userId: string) => Promise<void>, logger: Logger, userId: string): Promise<void> => {
  await publish(userId).catch((error: unknown) => logger.warn('publishing the Home failed', error));
};
