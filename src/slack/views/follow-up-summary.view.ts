import type { KnownBlock } from '@slack/types';
import { formatTicketNumber } from '../../domain/ticket';
import { context, section } from './blocks';
import { escapeMrkdwn } from './mrkdwn';
import { relayText } from './relay-text';
import { splitText, truncateText } from './text-cuts';
import { SlackMessage } from './ticket-card.view';

/** A ticket a follow-up summary lists: its number and summary. */
export interface FollowUpSummaryItem {
  readonly number: number;
  readonly summary: string;
}

/** The tickets of one follow-up sweep's burst in a department, by what happened to them. */
export interface FollowUpBurst {
  readonly closed: readonly FollowUpSummaryItem[];
  readonly resolved: readonly FollowUpSummaryItem[];
  readonly reminded: readonly FollowUpSummaryItem[];
}

/** Tickets listed by number per outcome; the rest are counted. */
const LISTED_MAX = 20;
const SUMMARY_MAX = 80;
/** A section's text: Slack takes 3,000 characters; escaping (`&` becomes `&amp;`) can grow a summary fivefold, so a listing may take several. */
const SECTION_MAX = 2_900;

/**
 * The department's follow-up delays in the words each ticket's own step uses (formatFollowUpDelay:
 * `8 working hours` under a schedule, `3 days` around the clock); null for a step that is off.
 */
export interface FollowUpDelayWords {
  readonly autoClose: string | null;
  readonly closeWaiting: string | null;
  readonly remindRequester: string | null;
}

const HEADS: Record<keyof FollowUpBurst, (count: number, delays: FollowUpDelayWords | undefined) => string> = {
  closed: (count, delays) => `:lock: *Closed automatically* (${count}): resolved, and nobody confirmed or reopened them in ${delays?.autoClose ?? 'time'}.`,
  resolved: (count, delays) =>
    delays?.closeWaiting
      ? `:hourglass: *Resolved for no answer* (${count}): no answer from their requesters in ${delays.closeWaiting} of waiting.`
      : `:hourglass: *Resolved for no answer* (${count}): they waited on their requesters too long.`,
  reminded: (count, delays) =>
    delays?.remindRequester
      ? `:bell: *Requesters reminded* (${count}): no answer for ${delays.remindRequester}; these wait on their answer.`
      : `:bell: *Requesters reminded* (${count}): these wait on their answer.`,
};

const listing = (kind: keyof FollowUpBurst, items: readonly FollowUpSummaryItem[], delays: FollowUpDelayWords | undefined): string => {
  const lines = items.slice(0, LISTED_MAX).map((item) => `• *${formatTicketNumber(item.number)}* ${relayText(truncateText(item.summary, SUMMARY_MAX))}`);
  const more = items.length > LISTED_MAX ? [`…and ${items.length - LISTED_MAX} more.`] : [];
  return [HEADS[kind](items.length, delays), ...lines, ...more].join('\n');
};

/**
 * One message in a department's channel for a burst of follow-ups in one sweep (more than the
 * follow-up sweep's FOLLOW_UP_BURST_THRESHOLD, typically after downtime), instead of a line in
 * each card's thread: what was closed, resolved for no answer, or reminded, with the delays as
 * each ticket's own step words them (`delays`). Pure.
 */
export const followUpSummary = (departmentName: string, burst: FollowUpBurst, delays?: FollowUpDelayWords): SlackMessage => {
  const total = burst.closed.length + burst.resolved.length + burst.reminded.length;
  const head = `:broom: *Follow-ups*: the help desk followed up ${total} ${escapeMrkdwn(departmentName)} tickets at once.`;
  const blocks: KnownBlock[] = [section(head)];
  for (const kind of ['closed', 'resolved', 'reminded'] as const) if (burst[kind].length > 0) blocks.push(...splitText(listing(kind, burst[kind], delays), SECTION_MAX).map(section));
  blocks.push(context("Each card shows its new state and each requester was told in their ticket's DM; the tickets' histories keep every step."));
  return { text: head, blocks };
};
