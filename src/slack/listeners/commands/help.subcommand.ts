import { helpAnswer } from '../../views/command-help.view';
import { RESERVED_WORDS } from './command-words';
import type { Subcommand } from './subcommand';

/** `/ticket help`: what the app does and every command, with examples. */
export const helpSubcommand: Subcommand = async () => helpAnswer(null, RESERVED_WORDS);
