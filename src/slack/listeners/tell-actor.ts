import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

/** A short message only the person who acted can see, in the conversation where they acted. */
export const tellActor = async (client: WebClient, logger: Logger, channel: string | undefined, user: string, text: string): Promise<void> => {
  if (!channel) return logger.warn('no channel to answer in', { user });
  await client.chat
    .postEphemeral({ channel, user, text })
    .then(() => undefined)
    .catch((error: unknown) => logger.warn('could not post an ephemeral message', error));
};
