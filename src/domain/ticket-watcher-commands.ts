import { Actor, isStaff } from './actor';
import { err, Result } from './result';
import { Ticket } from './ticket';
import { TicketCommand } from './ticket-command';
import { notPermitted, TicketError, ticketError } from './ticket-error';
import { Plan, planned, requireActive, requireText } from './transition-plan';

/** A command about who watches a ticket (osTicket's collaborators), or a watcher writing to it. */
export type WatcherCommand = Extract<TicketCommand, { type: 'add_watcher' | 'remove_watcher' | 'watcher_message' }>;

/**
 * Plans a watcher command: the requester is never a watcher (they hear everything already), a
 * person is added or removed once, someone who is neither staff nor the requester removes only
 * themselves, and a watcher writes only to a ticket that is still worked on.
 */
export const planWatcherCommand = (ticket: Ticket, command: WatcherCommand, actor: Actor): Result<Plan, TicketError> => {
  switch (command.type) {
    case 'add_watcher': {
      if (command.watcherId === ticket.requesterId) return err(ticketError('TICKET.WATCHER_IS_REQUESTER', 'That is the requester: they hear everything about their ticket already.'));
      if (command.watching) return err(ticketError('TICKET.ALREADY_WATCHING', 'They already watch this ticket.'));
      return planned('watcher_added', {}, null, { after: { watcherId: command.watcherId } });
    }
    case 'remove_watcher': {
      if (!isStaff(actor) && !actor.isRequester && command.watcherId !== actor.userId) return err(notPermitted());
      if (!command.watching) return err(ticketError('TICKET.NOT_WATCHING', 'They do not watch this ticket.'));
      return planned('watcher_removed', {}, null, { before: { watcherId: command.watcherId } });
    }
    case 'watcher_message': {
      const refusal = requireActive(ticket) ?? requireText(command.text, 'A message');
      if (refusal) return err(refusal);
      return planned('watcher_messaged', {}, command.text);
    }
  }
};
