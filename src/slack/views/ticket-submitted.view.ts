import type { ModalView } from '@slack/types';
import { formatTicketNumber } from '../../domain/ticket';
import { context, plain, section } from './blocks';
import { escapeMrkdwn } from './mrkdwn';
import { relayText } from './relay-text';

export interface SubmittedTicket {
  readonly number: number;
  readonly summary: string;
  readonly departmentName: string;
  /** The department's channel is known to refuse the app: the card waits for it (see ChannelHealth). */
  readonly cardWaiting?: boolean;
}

/** What the modal turns into once the ticket is saved. */
export const buildTicketSubmittedModal = (ticket: SubmittedTicket): ModalView => ({
  type: 'modal',
  title: plain('Ticket created'),
  close: plain('Done'),
  blocks: [
    section(`:white_check_mark: *${formatTicketNumber(ticket.number)}* ${relayText(ticket.summary)}`),
    context(
      ticket.cardWaiting
        ? `Your ticket is filed. It cannot reach ${escapeMrkdwn(ticket.departmentName)}'s channel in Slack yet; the people who can act on it are being told. Updates come to you in a direct message from the help desk.`
        : `${escapeMrkdwn(ticket.departmentName)} has it. Updates come to you in a direct message from the help desk.`,
    ),
  ],
});
