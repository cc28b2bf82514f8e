import type { Logger, RespondFn } from '@slack/bolt';

/**
 * A short message only the person who clicked can see, through the interaction's response_url:
 * unlike chat.postEphemeral it also reaches someone who can see a public channel without being in it.
 */
export const tellActor = async (respond: RespondFn, logger: Logger, text: string): Promise<void> => {
  await respond({ response_type: 'ephemeral', replace_original: false, text })
    .then(() => undefined)
    .catch((error: unknown) => logger.warn('could not answer the person who clicked', error));
};
