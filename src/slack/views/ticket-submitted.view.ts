import type { ModalView } from '@slack/types';
import { formatTicketNumber } from '../../domain/ticket';
import { context, plain, section } from './blocks';
import { escapeMrkdwn } from './mrkdwn';
import { relayText } from './relay-text';

export interface SubmittedTicket {
  readonly number: number;
  readonly summary: string;
  readonly departmentName: string;
}

/** What the modal turns into once the ticket is saved. */
export const buildTicketSubmittedModal = (ticket: SubmittedTicket): ModalView => ({
  type: 'modal',
  title: plain('Ticket created'),
  close: plain('Done'),
  blocks: [
    section(`:white_check_mark: *${formatTicketNumber(ticket.number)}* ${relayText(ticket.summary)}`),
    context(`${escapeMrkdwn(ticket.departmentName)} has it. Updates come to you in a direct message from the help desk.`),
  ],
});
