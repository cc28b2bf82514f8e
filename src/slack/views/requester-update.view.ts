import { formatTicketNumber } from '../../domain/ticket';
import { SYSTEM_ACTOR } from '../../domain/ticket-event';
import { ids } from '../ids';
import { actions, button, context, section } from './blocks';
import { quote, sections } from './message-parts';
import { escapeMrkdwn, mentionUser as who } from './mrkdwn';
import { SlackMessage } from './ticket-card.view';
import { EventViewContext, eventText } from './ticket-event.view';
import { mergedRequesterText } from './ticket-relations.view';
import { encodeTicketRef } from './ticket-ref';

/** What the requester hears in their ticket DM thread; null when the change is not theirs to see. */
export const requesterUpdate = ({ ticket, event, departmentName }: EventViewContext): SlackMessage | null => {
  const number = formatTicketNumber(ticket.number);
  const text = eventText(event);
  switch (event.type) {
    case 'assigned':
      return plainMessage(`${who(String(event.after.assigneeId))} is now working on your ticket ${number}.`);
    case 'transferred':
      return plainMessage(`Your ticket ${number} was passed to ${escapeMrkdwn(departmentName(event.after.departmentId))}, who are better placed to help.`);
    case 'replied': {
      const head = `${who(event.actorId)} from the help desk replied on ${number}:`;
      const tail = event.after.status === 'waiting' ? 'Reply in this thread to answer.' : 'Reply in this thread if you want to add something.';
      return { text: `${head} ${text}`, blocks: [...sections(`${head}\n${quote(text)}`), context(tail)] };
    }
    case 'resolved': {
      const head = `:white_check_mark: Your ticket ${number} was resolved by ${who(event.actorId)}:`;
      const value = encodeTicketRef({ ticketId: ticket.id, version: ticket.version });
      return {
        text: `${head} ${text}`,
        blocks: [
          ...sections(`${head}\n${quote(text)}`),
          actions('ticket_resolution', [button('That fixed it', ids.requester.fixed, value, 'primary'), button('Still broken', ids.requester.stillBroken, value)]),
        ],
      };
    }
    case 'closed': {
      const text =
        event.actorId === SYSTEM_ACTOR ? `Your ticket ${number} was closed automatically: ${eventText(event)}` : `Your ticket ${number} is closed. If the problem comes back, reopen it here.`;
      const value = encodeTicketRef({ ticketId: ticket.id, version: ticket.version });
      return { text, blocks: [...sections(text), actions('ticket_closed', [button('Reopen', ids.requester.stillBroken, value)])] };
    }
    case 'requester_reminded':
      return {
        text: `:bell: Your ticket ${number} is waiting on your answer. ${text}`,
        blocks: [...sections(`:bell: Your ticket ${number} is waiting on your answer.\n${text}`), context('Reply in this thread to answer.')],
      };
    case 'withdrawn': {
      const text = `You withdrew your ticket ${number}; it is closed and the team has been told. If you need it after all, reopen it here.`;
      const value = encodeTicketRef({ ticketId: ticket.id, version: ticket.version });
      return { text, blocks: [section(text), actions('ticket_closed', [button('Reopen', ids.requester.stillBroken, value)])] };
    }
    case 'merged':
      return plainMessage(mergedRequesterText(ticket, event));
    case 'reopened':
      return plainMessage(
        event.actorId === ticket.requesterId ? `You reopened ${number}; the team has been told.` : `${who(event.actorId)} reopened your ticket ${number}; the help desk is on it again.`,
      );
    case 'watcher_added':
      return plainMessage(`:eyes: ${who(event.actorId)} added ${who(String(event.after.watcherId))} as a watcher of ${number}: they see the help desk's replies and can write to it.`);
    case 'watcher_removed':
      return plainMessage(`:eyes: ${who(String(event.before.watcherId))} no longer watches ${number}.`);
    default:
      return null;
  }
};

const plainMessage = (text: string): SlackMessage => ({ text, blocks: [section(text)] });
/**
 * Replaces the buttons of the requester's last prompt (That fixed it / Still broken after a
 * resolution, Reopen after a close or a withdrawal) with what became of the ticket. The prompt is
 * told apart by the state the event left: a reopen records the status and close reason it ended.
 */
export const settledPrompt = ({ ticket, event }: EventViewContext): SlackMessage => {
  const number = formatTicketNumber(ticket.number);
  if (event.type === 'closed') {
    const outcome = event.actorId === SYSTEM_ACTOR ? `No answer came; ${number} was closed automatically.` : `You confirmed the fix; ${number} is closed.`;
    return { text: outcome, blocks: [section(`:white_check_mark: ${number} was resolved.`), context(outcome)] };
  }
  const byRequester = event.actorId === ticket.requesterId;
  if (event.before.status === 'resolved') {
    const outcome = byRequester ? `You said ${number} is still broken; it is reopened.` : `${who(event.actorId)} reopened ${number}.`;
    return { text: outcome, blocks: [section(`:white_check_mark: ${number} was resolved.`), context(outcome)] };
  }
  const head = event.before.closeReason === 'withdrawn' ? `:outbox_tray: You withdrew ${number}.` : `:lock: ${number} was closed.`;
  const outcome = byRequester ? `You reopened ${number}.` : `${who(event.actorId)} reopened ${number}.`;
  return { text: outcome, blocks: [section(head), context(outcome)] };
};
/** Where to write, for a DM message outside any ticket thread. */
const WHERE_TO_WRITE = 'To add to a ticket, reply in its thread here. To file a new ticket, use `/ticket`.';
const NOT_PASSED_ON = 'This ticket is resolved or closed, so your message was not passed on. Use *Still broken* or *Reopen* above to reopen it, and your message can go with it.';

/** The app's answer to a requester's DM message it did not relay (see the `event_answer` outbox message). */
export const eventAnswer = (answer: 'where_to_write' | 'not_passed_on' | 'refused', detail: string | undefined): { text: string } => {
  if (answer === 'where_to_write') return { text: WHERE_TO_WRITE };
  if (answer === 'not_passed_on') return { text: NOT_PASSED_ON };
  return { text: escapeMrkdwn(detail ?? 'Your message was not passed on.') };
};
