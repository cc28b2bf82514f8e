import { formatTicketNumber } from '../../domain/ticket';
import { context, section } from './blocks';
import { SECTION_PIECE, sections } from './message-parts';
import { escapeMrkdwn } from './mrkdwn';
import { relayText } from './relay-text';
import { splitText } from './text-cuts';
import { SlackMessage } from './ticket-card.view';

/** At most this many tickets are listed by number; the rest are counted. */
const SUMMARY_MAX_ITEMS = 150;
/**
 * Sections the list of tickets may take: a message holds at most 50 blocks (Slack's
 * chat.postMessage), and the head and the closing note take two. The list's length in sections
 * depends on how much the summaries grow when escaped (an `&` becomes `&amp;`), so it is measured.
 */
const SUMMARY_MAX_SECTIONS = 45;
/** One ticket in a breach or idle summary: its number and summary as filed. */
export interface BreachSummaryItem {
  readonly number: number;
  readonly summary: string;
}

/** The tickets' lines, and "…and N more" for those past `count`. */
const breachLines = (lines: readonly string[], count: number): string => [...lines.slice(0, count), ...(lines.length > count ? [`…and ${lines.length - count} more.`] : [])].join('\n');

/** How many of `lines`, joined by line breaks, end within the first `length` code units. */
const linesWithin = (lines: readonly string[], length: number): number => {
  let end = 0;
  const count = lines.findIndex((line) => (end += line.length + 1) > length);
  return count < 0 ? lines.length : count;
};

/**
 * One message for a storm of breaches in one department, instead of one message each; at most 50
 * blocks, whatever the summaries hold. `idleFor`, for a storm of nudges of unassigned tickets, is
 * their idle delay in the words of each ticket's own nudge (formatFollowUpDelay: `2 working hours`
 * under a schedule).
 */
export const breachSummary = (departmentName: string, items: readonly BreachSummaryItem[], idleFor?: string): SlackMessage => {
  const head =
    idleFor === undefined
      ? `:warning: *SLA breach*: ${items.length} ${escapeMrkdwn(departmentName)} tickets are past their due time.`
      : `:zzz: *Nobody on these*: ${items.length} unassigned ${escapeMrkdwn(departmentName)} tickets have had no activity for ${idleFor}.`;
  const note = idleFor === undefined ? "Each ticket's card is marked overdue; their assignees were told directly." : 'Each ticket waits for someone to click Assign to me on its card.';
  const lines = items.map((item) => `• *${formatTicketNumber(item.number)}* ${relayText(item.summary)}`);
  const listed = Math.min(lines.length, SUMMARY_MAX_ITEMS);
  const pieces = splitText(breachLines(lines, listed), SECTION_PIECE);
  // Too long: keep the lines that end within all but the last section, which "…and N more" may need.
  const fitting = pieces.length <= SUMMARY_MAX_SECTIONS ? listed : linesWithin(lines, pieces.slice(0, SUMMARY_MAX_SECTIONS - 1).join('').length);
  return {
    text: head,
    blocks: [section(head), ...sections(breachLines(lines, fitting)), context(note)],
  };
};
