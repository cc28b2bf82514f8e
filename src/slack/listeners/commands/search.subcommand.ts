import { buildSearchResultBlocks, SEARCH_NOT_STAFF_TEXT, SEARCH_USAGE_TEXT, searchResultText } from '../../views/search-results.view';
import { section } from '../../views/blocks';
import { echo } from '../../views/command-answers.view';
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
  if (answer.error === 'not_staff') return { text: SEARCH_NOT_STAFF_TEXT, blocks: [section(SEARCH_NOT_STAFF_TEXT)] };
  // What was typed is named, so a search of only symbols (`*`, `"…"`) is not answered as if nothing was typed.
  const text = args.trim() === '' ? SEARCH_USAGE_TEXT : `“${echo(args.trim())}” holds no words, number or person to search for. ${SEARCH_USAGE_TEXT}`;
  return { text, blocks: [section(text)] };
};
