import type { KnownBlock, ModalView } from '@slack/types';
import { formatTicketNumber } from '../../domain/ticket';
import { MAX_WATCHERS } from '../../services/ticket-watchers';
import { TicketRow } from '../../services/ports/records';
import { ids } from '../ids';
import { actions, button, context, plain, section } from './blocks';
import { quote } from './message-parts';
import { escapeMrkdwn, mentionUser } from './mrkdwn';
import { relayText } from './relay-text';
import { splitText } from './text-cuts';
import { SlackMessage } from './ticket-card.view';
import { EventViewContext, eventText } from './ticket-event.view';
import { encodeTicketRef, WorkModalMetadata } from './ticket-ref';

/** Slack limits a message section to 3,000 characters; longer texts are split, never cut. */
const PIECE = 2900;

const sections = (text: string): KnownBlock[] => splitText(text, PIECE).map((piece) => section(piece));
const plainMessage = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

/**
 * The first message of a watcher's own ticket conversation, in their DM with the app: who added
 * them, to whose ticket, and a **Stop watching** button. Updates come in its thread.
 */
const welcome = ({ ticket, event }: EventViewContext): SlackMessage => {
  const number = formatTicketNumber(ticket.number);
  const requester = mentionUser(ticket.requesterId);
  const by = event.actorId === ticket.requesterId ? requester : `${mentionUser(event.actorId)} from the help desk`;
  const text = `:eyes: ${by} added you as a watcher of ${requester}'s ticket *${number}* ${relayText(ticket.summary)}`;
  return {
    text,
    blocks: [
      section(text),
      context(`You will see in this thread what ${requester} hears from the help desk. Write in this thread to add something: the help desk sees it, marked as from a watcher.`),
      actions('ticket_watching', [button('Stop watching', ids.watchers.stopWatching, encodeTicketRef({ ticketId: ticket.id, version: ticket.version }))]),
    ],
  };
};

/**
 * What watcher `watcherId` hears of an event, in their ticket conversation: what the requester
 * hears, told about the requester's ticket and without the requester's buttons (only the requester
 * confirms a fix or reopens); their being added or removed. Null for anything else (an internal
 * note never reaches a watcher).
 */
export const watcherUpdate = (view: EventViewContext, watcherId: string): SlackMessage | null => {
  const { ticket, event, departmentName } = view;
  const number = formatTicketNumber(ticket.number);
  const requester = mentionUser(ticket.requesterId);
  const text = eventText(event);
  switch (event.type) {
    case 'watcher_added':
      return event.after.watcherId === watcherId ? welcome(view) : null;
    case 'watcher_removed':
      if (event.before.watcherId !== watcherId) return null;
      return plainMessage(
        event.actorId === watcherId
          ? `You stopped watching ${number}; you will hear no more of it here.`
          : `${mentionUser(event.actorId)} removed you from the watchers of ${number}; you will hear no more of it here.`,
      );
    case 'assigned':
      return plainMessage(`${mentionUser(String(event.after.assigneeId))} is now working on ${requester}'s ticket ${number}.`);
    case 'transferred':
      return plainMessage(`${number} was passed to ${escapeMrkdwn(departmentName(event.after.departmentId))}.`);
    case 'replied': {
      const head = `${mentionUser(event.actorId)} from the help desk replied to ${requester} on ${number}:`;
      return { text: `${head} ${text}`, blocks: [...sections(`${head}\n${quote(text)}`), context('Reply in this thread to add something.')] };
    }
    case 'resolved': {
      const head = `:white_check_mark: ${number} was resolved by ${mentionUser(event.actorId)}:`;
      return { text: `${head} ${text}`, blocks: [...sections(`${head}\n${quote(text)}`), context(`${requester} confirms the fix or reopens the ticket.`)] };
    }
    case 'closed':
      return plainMessage(`${number} is closed.`);
    case 'withdrawn':
      return plainMessage(`${requester} withdrew ${number}; it is closed.`);
    case 'reopened':
      return plainMessage(`${mentionUser(event.actorId)} reopened ${number}.`);
    case 'merged':
      return plainMessage(`${mentionUser(event.actorId)} merged ${number} into ${formatTicketNumber(Number(event.after.mergedIntoNumber))} as a duplicate; ${number} is closed.`);
    default:
      return null;
  }
};

/**
 * The Watchers modal, from the card's ⋮ menu or the requester's **Watchers…** button: the people
 * who watch the ticket now, picked in a multi-user select the person changes (at most MAX_WATCHERS).
 */
export const buildWatchersModal = (ticket: TicketRow, watcherIds: readonly string[]): ModalView => ({
  type: 'modal',
  callback_id: ids.watchers.modal,
  title: plain('Watchers'),
  submit: plain('Save'),
  close: plain('Cancel'),
  private_metadata: JSON.stringify({ ticketId: ticket.id, version: ticket.version } satisfies WorkModalMetadata),
  blocks: [
    context(`*${formatTicketNumber(ticket.number)}* ${relayText(ticket.summary)}`),
    {
      type: 'input',
      block_id: ids.watchers.usersBlock,
      optional: true,
      label: plain('Watchers'),
      hint: plain(`Watchers hear in their DM what the requester hears (never internal notes) and can write to the ticket. Only the requester confirms a fix.`),
      element: {
        type: 'multi_users_select',
        action_id: ids.modal.input,
        max_selected_items: MAX_WATCHERS,
        ...(watcherIds.length > 0 ? { initial_users: [...watcherIds] } : {}),
      },
    },
  ],
});
