import type { App } from '@slack/bolt';
import { ids } from '../ids';
import { handleCardActionComingSoon } from './actions/card-action-coming-soon';
import { handleTicketCommand } from './commands/ticket-command';
import { ListenerDeps } from './deps';
import { handleCreateTicketFromMessage } from './shortcuts/create-ticket-from-message';
import { handleTicketSubmission } from './views/ticket-submission';

export const registerListeners = (app: App, deps: ListenerDeps): void => {
  app.command(ids.command, handleTicketCommand(deps));
  app.shortcut({ callback_id: ids.shortcut.createFromMessage, type: 'message_action' }, handleCreateTicketFromMessage(deps));
  app.view({ callback_id: ids.modal.newTicket, type: 'view_submission' }, handleTicketSubmission(deps));
  app.action(ids.card.assignSelf, handleCardActionComingSoon('Assign to me'));
  app.action(ids.card.transfer, handleCardActionComingSoon('Transfer'));
  app.action(ids.card.escalate, handleCardActionComingSoon('Escalate'));
  app.action(ids.card.resolve, handleCardActionComingSoon('Resolve'));
};
