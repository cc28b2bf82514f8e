import { buildSearchResultBlocks, SEARCH_NOT_STAFF_TEXT, SEARCH_USAGE_TEXT, searchResultText } from '../../views/search-results.view';
import { section } from '../../views/blocks';
import type { Subcommand } from './subcommand';

/**
 * `/ticket search <words>`: agents and managers search their departments' tickets by words,
 * number (`1042`, `#1042`) or requester (a mention as Slack sends it, `<@U…|name>`, or a user
 * id); the answer is ranked, shows the matched text, and says how many more matched. Anyone else
 * is told that search is for agents and managers.
 */
export const searchSubcommand: Subcommand = async ({ userId, args }, { search }) => {
  const answer = await search.searchAs(userId, args);
  if (answer.ok) return { text: searchResultText(answer.value), blocks: buildSearchResultBlocks(answer.value, args) };
  const text = answer.error === 'not_staff' ? SEARCH_NOT_STAFF_TEXT : SEARCH_USAGE_TEXT;
  return { text, blocks: [section(text)] };
};
