import type { KnownBlock } from '@slack/types';
import { TicketRow } from '../../services/ports/records';
import { ids } from '../ids';
import { actions, button, section } from './blocks';
import { splitText } from './text-cuts';
import { encodeTicketRef } from './ticket-ref';

/** Text as a mrkdwn block quote, line by line. */
export const quote = (text: string): string =>
  text
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');

/**
 * The button that leads to the ticket's card. Not a link fixed when the message is sent: a
 * transfer moves the card, so the app finds where it is when the button is clicked, and answers
 * with a link to it (`listeners/actions/open-live-card.ts`).
 */
export const cardButton = (ticket: Pick<TicketRow, 'id' | 'version'>): KnownBlock[] => [
  actions('ticket_links', [button('Open the ticket card', ids.card.openCard, encodeTicketRef({ ticketId: ticket.id, version: ticket.version }))]),
];

/** Slack limits a message section to 3,000 characters; longer texts are split, never cut. */
export const SECTION_PIECE = 2900;

/** A text as one section, or several when it is longer than a section holds. */
export const sections = (text: string): KnownBlock[] => splitText(text, SECTION_PIECE).map((piece) => section(piece));
