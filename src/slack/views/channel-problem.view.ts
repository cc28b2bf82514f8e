import { formatTicketNumber } from '../../domain/ticket';
import { section } from './blocks';
import { escapeMrkdwn, mentionChannel } from './mrkdwn';
import { SlackMessage } from './ticket-card.view';
import { WHAT_FAILED } from './delivery-failure.view';

export interface ChannelProblemNotice {
  readonly number: number;
  readonly summary: string;
  /** What could not be posted, as an outbox kind (`post_ticket_card`, `thread_line`, …). */
  readonly failedKind: string;
  readonly channelId: string;
  /** `#name` without the `#`, when Slack shows the channel to the app. */
  readonly channelName: string | null;
  /** Slack's error name: `not_in_channel`, `channel_not_found`, `is_archived`. */
  readonly error: string;
  /** What to do, in plain words (ChannelHealth's fix). */
  readonly fix: string;
}

/**
 * The DM a department's managers and agents get when its channel refuses a ticket's card: it
 * names the ticket, the channel and the fix, and says the card follows once the channel works.
 */
export const channelProblemNotice = (notice: ChannelProblemNotice): SlackMessage => {
  const number = formatTicketNumber(notice.number);
  const channel = notice.channelName ? `${mentionChannel(notice.channelId)} (#${escapeMrkdwn(notice.channelName)})` : `\`${escapeMrkdwn(notice.channelId)}\``;
  const what = WHAT_FAILED[notice.failedKind] ?? 'a message';
  const text =
    `:warning: Ticket *${number}* (${escapeMrkdwn(notice.summary)}) has no home yet: the help desk could not post ${what} in ${channel}, ` +
    `Slack answered \`${escapeMrkdwn(notice.error)}\`. To fix it, ${escapeMrkdwn(notice.fix)}. ` +
    'It will be posted there as soon as the channel works, without a restart; nothing is lost meanwhile.';
  return { text, blocks: [section(text)] };
};
