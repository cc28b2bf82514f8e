import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { decodeSlackText } from '../../views/mrkdwn';
import { buildSearchResultBlocks, SEARCH_NOT_STAFF_TEXT, SEARCH_USAGE_TEXT, searchResultText } from '../../views/search-results.view';
import { ListenerDeps } from '../deps';

/**
 * `/ticket search <words>`: agents and managers search their departments' tickets by words,
 * number (`1042`, `#1042`) or requester (a mention, or a user id); the answer, ranked, with the
 * matched text, is visible only to them. `text` is what followed `search`, as Slack sent it
 * (escaped: `&lt;` is what the person typed as `<`).
 */
export const handleSearchCommand =
  (deps: ListenerDeps) =>
  async ({ ack, command, respond, logger }: SlackCommandMiddlewareArgs & AllMiddlewareArgs, text: string): Promise<void> => {
    await ack();
    const typed = decodeSlackText(text);
    const answer = await deps.search.searchAs(command.user_id, typed);
    const reply = answer.ok
      ? { response_type: 'ephemeral' as const, text: searchResultText(answer.value), blocks: buildSearchResultBlocks(answer.value, typed) }
      : { response_type: 'ephemeral' as const, text: answer.error === 'not_staff' ? SEARCH_NOT_STAFF_TEXT : SEARCH_USAGE_TEXT };
    await respond(reply).catch((error: unknown) => logger.warn('could not answer the search', error));
  };
