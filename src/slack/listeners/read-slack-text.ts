import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { idsToName, MarkupNames, readableSlackText } from '../views/slack-markup';

/** Names are a nicety: a shortcut must still open its modal within the trigger's 3 seconds. */
export const NAME_LOOKUP_BUDGET_MS = 1000;
/** A message naming more people than this shows the rest by id rather than flooding Slack with lookups. */
const MAX_LOOKUPS = 20;

const withinBudget = <T>(work: Promise<T>, deadline: Promise<null>): Promise<T | null> => Promise.race([work.catch(() => null), deadline]);

/**
 * Looks up the names behind the ids in delivered text (`users.info`, scope `users:read`; and
 * `conversations.info`, scope `channels:read`, for channel links Slack sent without a label),
 * all at once, within `budgetMs`. Whatever fails or is late is left out, so the text shows the id.
 */
export const lookupMarkupNames = async (client: WebClient, delivered: string, logger: Logger, budgetMs = NAME_LOOKUP_BUDGET_MS): Promise<MarkupNames> => {
  const wanted = idsToName(delivered);
  const users = wanted.users.slice(0, MAX_LOOKUPS);
  const channels = wanted.channels.slice(0, Math.max(0, MAX_LOOKUPS - users.length));
  if (users.length + channels.length === 0) return { users: new Map(), channels: new Map() };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), budgetMs);
  });
  try {
    const [userNames, channelNames] = await Promise.all([
      Promise.all(
        users.map(async (id) => {
          const answer = await withinBudget(client.users.info({ user: id }), deadline);
          const user = answer?.user;
          const name = user?.profile?.real_name || user?.real_name || user?.profile?.display_name || user?.name;
          return [id, name] as const;
        }),
      ),
      Promise.all(
        channels.map(async (id) => {
          const answer = await withinBudget(client.conversations.info({ channel: id }), deadline);
          return [id, answer?.channel?.name] as const;
        }),
      ),
    ]);
    const known = <T extends readonly [string, string | undefined]>(pairs: readonly T[]) => new Map(pairs.filter((pair): pair is T & readonly [string, string] => !!pair[1]));
    const names = { users: known(userNames), channels: known(channelNames) };
    const missing = users.length + channels.length - names.users.size - names.channels.size;
    if (missing > 0) logger.debug('some names in a message could not be looked up in time; their ids are shown', { missing });
    return names;
  } finally {
    clearTimeout(timer);
  }
};

/**
 * What a person reads, as plain text, from text as Slack delivers it (slash-command text, a message
 * shortcut's message) for the ticket modal's inputs, with names looked up within the budget. Never
 * throws. (A relayed DM keeps its mentions live instead: `relayableSlackText`.)
 */
export const readSlackText = async (client: WebClient, delivered: string, logger: Logger, budgetMs = NAME_LOOKUP_BUDGET_MS): Promise<string> =>
  readableSlackText(delivered, await lookupMarkupNames(client, delivered, logger, budgetMs));
