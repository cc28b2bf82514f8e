import { context, header, section } from './blocks';
import { echo } from './command-answers.view';
import { SlackMessage } from './ticket-card.view';

/** Every `/ticket` command, as the help shows it: what to type, an example, and what it does. */
export const COMMAND_HELP: readonly { readonly usage: string; readonly does: string }[] = [
  { usage: '`/ticket` or `/ticket Printer on 3rd floor is jammed`', does: 'opens the New ticket form; the words you type become its summary.' },
  { usage: '`/ticket list`', does: 'your open tickets and those resolved or closed lately. Agents and managers: your queue (assigned to you, and unassigned).' },
  { usage: '`/ticket status 1042` or `/ticket #1042`', does: "a ticket's status, department, assignee, due time and history. Agents and managers of its department also see the internal notes." },
  { usage: '`/ticket queue`', does: "agents and managers: your departments' open tickets with the SLA time left, grouped Overdue, Due within 4 hours, Later." },
  { usage: '`/ticket search printer jam`', does: "agents and managers: find your departments' tickets by words (summary, details, replies, notes), by number or by requester, best matches first." },
  { usage: '`/ticket report` or `/ticket report 30`', does: "managers: your departments' figures over the last 7 (or so many) days, and a CSV of the period's tickets in your DM." },
  { usage: '`/ticket help`', does: 'this help.' },
];

/**
 * `/ticket help`, and the answer to anything that looks like a command but is not one (`typed`,
 * echoed escaped). Names the reserved first words and how to file a ticket that starts with one.
 */
export const helpAnswer = (typed: string | null, reservedWords: readonly string[]): SlackMessage => {
  const lead = typed === null ? [] : [section(`“${echo(typed)}” is not a \`/ticket\` command, so nothing was filed. Here is what \`/ticket\` does:`)];
  const words = reservedWords.map((word) => `\`${word}\``).join(', ');
  return {
    text: `${typed === null ? '' : 'That is not a /ticket command. '}/ticket files help desk tickets; /ticket list, status, queue, search and help find them.`,
    blocks: [
      ...lead,
      header('Help desk: /ticket'),
      section(
        'The help desk turns your problem into a ticket, sends it to the department that handles it, and keeps you posted in a direct message from the app, where you can also write to the agent. Agents work each ticket from its card in their department channel.',
      ),
      section(COMMAND_HELP.map((entry) => `• ${entry.usage}: ${entry.does}`).join('\n')),
      context(
        `Reserved first words: ${words}. A word close to one (\`lst\`, \`--help\`, \`?\`) gets this help, never a ticket. To file a ticket whose summary starts with one of them ("help with printer"), type \`/ticket\` alone and write the summary in the form.`,
      ),
    ],
  };
};
