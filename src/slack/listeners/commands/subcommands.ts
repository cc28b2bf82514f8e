import { section } from '../../views/blocks';
import { echo } from '../../views/command-answers.view';
import { ReservedWord } from './command-words';
import { helpSubcommand } from './help.subcommand';
import { listSubcommand } from './list.subcommand';
import { queueSubcommand } from './queue.subcommand';
import { reportSubcommand } from './report.subcommand';
import { searchSubcommand } from './search.subcommand';
import { statusSubcommand } from './status.subcommand';
import { Subcommand } from './subcommand';

/**
 * A subcommand that takes nothing after its word: extra words are not dropped silently, the
 * answer says they were ignored and how to file a ticket that starts with the word.
 */
const withoutArguments =
  (word: ReservedWord, run: Subcommand): Subcommand =>
  async (request, deps) => {
    const answer = await run(request, deps);
    if (request.args === '') return answer;
    const note = section(
      `“${echo(`${word} ${request.args}`)}” starts with \`${word}\`, a \`/ticket\` command, so nothing was filed and the words after it were ignored. To file a ticket whose summary starts with “${word}”, type \`/ticket\` alone and write it in the form.`,
    );
    // The answers of these subcommands use at most 30 of a message's 50 blocks, so the note always fits.
    return { text: answer.text, blocks: [note, ...answer.blocks] };
  };

/**
 * The `/ticket` subcommands by their reserved word (RESERVED_WORDS). A reserved word without an
 * entry here answers the help.
 */
export const SUBCOMMANDS: Partial<Record<ReservedWord, Subcommand>> = {
  help: withoutArguments('help', helpSubcommand),
  list: withoutArguments('list', listSubcommand),
  status: statusSubcommand,
  queue: withoutArguments('queue', queueSubcommand),
  search: searchSubcommand,
  report: reportSubcommand,
};
