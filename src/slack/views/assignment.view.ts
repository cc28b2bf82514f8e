import { formatTicketNumber } from '../../domain/ticket';
import { TicketRow } from '../../services/ports/records';
import { ids } from '../ids';
import { actions, button, section } from './blocks';
import { cardButton, quote } from './message-parts';
import { mentionUser } from './mrkdwn';
import { relayText } from './relay-text';
import { splitText } from './text-cuts';
import { SlackMessage } from './ticket-card.view';
import { encodeTicketRef } from './ticket-ref';

/** Slack limits a section to 3,000 characters; a message to 50 blocks. */
const PIECE = 2900;
const MAX_SECTIONS = 45;

/**
 * The assignee's DM about what the requester wrote, one per burst: how many messages ("Karen
 * wrote 3 messages on #1042"), then each, quoted, oldest first. `messages` are the texts of the
 * requester's messages since the digest was queued (null for one they deleted).
 */
export const assigneeDigest = (ticket: TicketRow, messages: readonly (string | null)[]): SlackMessage => {
  const count = messages.length === 1 ? 'a message' : `${messages.length} messages`;
  const number = formatTicketNumber(ticket.number);
  const head = `${mentionUser(ticket.requesterId)} wrote ${count} on *${number}* ${relayText(ticket.summary)}:`;
  const quoted = messages.map((text) => (text === null ? '>_(deleted)_' : quote(relayText(text)))).join('\n');
  const pieces = splitText(`${head}\n${quoted}`, PIECE).slice(0, MAX_SECTIONS);
  return { text: `${mentionUser(ticket.requesterId)} wrote ${count} on ${number}`, blocks: [...pieces.map((piece) => section(piece)), ...cardButton(ticket)] };
};

/** What Assign to me asks on a ticket someone else has ("John has #1042: take it over?"), only to the person who clicked. */
export const takeOverPrompt = (question: { readonly ticketId: number; readonly number: number; readonly assigneeId: string; readonly version: number }): SlackMessage => {
  const text = `${mentionUser(question.assigneeId)} has ${formatTicketNumber(question.number)}: take it over?`;
  const value = encodeTicketRef({ ticketId: question.ticketId, version: question.version });
  return {
    text,
    blocks: [
      section(`${text} They will be told.`),
      actions('ticket_take_over', [button('Take it over', ids.card.takeOver, value, 'primary'), button('Leave it with them', ids.card.keepAssignee, value)]),
    ],
  };
};
