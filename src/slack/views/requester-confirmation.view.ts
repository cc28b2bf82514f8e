import { formatTicketNumber, Priority } from '../../domain/ticket';
import { context, fields, section } from './blocks';
import { escapeMrkdwn } from './mrkdwn';
import { relayText } from './relay-text';
import { PRIORITY_LABELS } from './ticket-labels';
import { SlackMessage } from './ticket-card.view';

export interface RequesterConfirmationData {
  readonly number: number;
  readonly summary: string;
  readonly departmentName: string;
  readonly priority: Priority;
  /**
   * The department's channel refuses the app (ChannelHealth), so the card is not there yet: the
   * confirmation then promises only what is true, that the ticket is filed and the people who can
   * act have been told.
   */
  readonly cardWaiting?: boolean;
}

/** The DM that opens the requester's conversation about their ticket. */
export const buildRequesterConfirmation = (data: RequesterConfirmationData): SlackMessage => {
  const number = formatTicketNumber(data.number);
  const waiting = data.cardWaiting
    ? [
        context(
          `Your ticket is filed. It cannot reach ${escapeMrkdwn(data.departmentName)}'s channel in Slack yet; the people who can act on it have been told, and it will reach them there as soon as that is fixed.`,
        ),
      ]
    : [];
  return {
    text: `We got your ticket ${number}: ${relayText(data.summary)}`,
    blocks: [
      section(`:ticket: We got your ticket *${number}*\n*${relayText(data.summary)}*`),
      fields([`*Department*\n${escapeMrkdwn(data.departmentName)}`, `*Priority*\n${PRIORITY_LABELS[data.priority]}`]),
      ...waiting,
      context('Replies from the help desk, status changes and the resolution of this ticket will appear in this thread.'),
    ],
  };
};
