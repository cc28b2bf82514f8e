import { formatTicketNumber, isActive, Priority, TicketStatus } from '../../domain/ticket';
import { ids } from '../ids';
import { actions, button, context, fields, section } from './blocks';
import { escapeMrkdwn, mentionUser, slackDate } from './mrkdwn';
import { relayText } from './relay-text';
import { PRIORITY_LABELS, STATUS_LABELS } from './ticket-labels';
import { SlackMessage } from './ticket-card.view';
import { encodeTicketRef } from './ticket-ref';

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
  /** The ticket as it is now, when the message is redrawn after a change (a transfer, an assignee, a status, a due time). */
  readonly current?: { readonly status: TicketStatus; readonly assigneeId: string | null; readonly dueAt: Date | null };
  /** The help topic's name, shown beside the department (an agent may correct it with Edit). */
  readonly topicName?: string;
  /** The ticket, for the **Withdraw ticket** button offered while it is open. */
  readonly ticket?: { readonly id: number; readonly version: number };
}

/** What the requester sees at a glance: status, assignee and, while it is being worked, the due time. */
const currentFields = (current: NonNullable<RequesterConfirmationData['current']>): string[] => [
  `*Status*\n${STATUS_LABELS[current.status]}`,
  `*Assignee*\n${current.assigneeId ? mentionUser(current.assigneeId) : '_Not assigned yet_'}`,
  ...(current.dueAt && isActive(current.status) ? [`*Due*\n${slackDate(current.dueAt)}`] : []),
];

/** Withdraw ticket, while the ticket is open (not resolved: the requester answers a resolution with its own buttons). */
const withdrawButton = (data: RequesterConfirmationData) => {
  const status = data.current?.status ?? 'open';
  if (!data.ticket || !isActive(status)) return [];
  return [actions('ticket_requester_actions', [button('Withdraw ticket', ids.requester.withdraw, encodeTicketRef({ ticketId: data.ticket.id, version: data.ticket.version }))])];
};

/**
 * The DM that opens the requester's conversation about their ticket; the app edits it in place
 * (chat.update) after each change to what it shows, so the top of the conversation stays current.
 */
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
      fields([
        `*Department*\n${escapeMrkdwn(data.departmentName)}`,
        ...(data.topicName ? [`*Help topic*\n${escapeMrkdwn(data.topicName)}`] : []),
        `*Priority*\n${PRIORITY_LABELS[data.priority]}`,
        ...(data.current ? currentFields(data.current) : []),
      ]),
      ...waiting,
      context('Replies from the help desk, status changes and the resolution of this ticket will appear in this thread.'),
      ...withdrawButton(data),
    ],
  };
};
