import type { App } from '@slack/bolt';
import { ids } from '../ids';
import { buildEscalateModal, buildNoteModal, buildReplyModal, buildResolveModal, buildTransferModal } from '../views/work-modals.view';
import { handleCardOverflow } from './actions/card-overflow';
import { handleCardQuickAction } from './actions/card-quick-action';
import { handleOpenWorkModal } from './actions/open-work-modal';
import { handleConfirmFixed, handleStillBroken } from './actions/requester-prompt';
import { handleTicketCommand } from './commands/ticket-command';
import { ListenerDeps } from './deps';
import { handleRequesterDmMessage } from './events/requester-dm-message';
import { handleCreateTicketFromMessage } from './shortcuts/create-ticket-from-message';
import { handleTicketSubmission } from './views/ticket-submission';
import { handleWorkSubmission, workCommands } from './views/work-submission';

export const registerListeners = (app: App, deps: ListenerDeps): void => {
  app.command(ids.command, handleTicketCommand(deps));
  app.shortcut({ callback_id: ids.shortcut.createFromMessage, type: 'message_action' }, handleCreateTicketFromMessage(deps));
  app.view({ callback_id: ids.modal.newTicket, type: 'view_submission' }, handleTicketSubmission(deps));

  app.action(ids.card.assignSelf, handleCardQuickAction(deps, (userId) => ({ type: 'assign', assigneeId: userId })));
  app.action(ids.card.close, handleCardQuickAction(deps, () => ({ type: 'close' })));
  app.action(ids.card.reopen, handleCardQuickAction(deps, () => ({ type: 'reopen', message: null })));
  app.action(ids.card.more, handleCardOverflow(deps));
  app.action(ids.card.reply, handleOpenWorkModal(deps, 'reply on', ({ ticket }) => buildReplyModal(ticket)));
  app.action(ids.card.note, handleOpenWorkModal(deps, 'add a note to', ({ ticket }) => buildNoteModal(ticket)));
  app.action(ids.card.transfer, handleOpenWorkModal(deps, 'transfer', ({ ticket, departments }) => buildTransferModal(ticket, departments)));
  app.action(ids.card.escalate, handleOpenWorkModal(deps, 'escalate', ({ ticket }) => buildEscalateModal(ticket)));
  app.action(ids.card.resolve, handleOpenWorkModal(deps, 'resolve', ({ ticket }) => buildResolveModal(ticket)));
  // A link button still sends an action; acknowledging it is all there is to do.
  app.action(ids.card.openCard, async ({ ack }) => ack());

  app.action(ids.requester.fixed, handleConfirmFixed(deps));
  app.action(ids.requester.stillBroken, handleStillBroken(deps));

  app.view(ids.work.reply, handleWorkSubmission(deps, workCommands.reply));
  app.view(ids.work.note, handleWorkSubmission(deps, workCommands.note));
  app.view(ids.work.assign, handleWorkSubmission(deps, workCommands.assign));
  app.view(ids.work.transfer, handleWorkSubmission(deps, workCommands.transfer));
  app.view(ids.work.escalate, handleWorkSubmission(deps, workCommands.escalate));
  app.view(ids.work.resolve, handleWorkSubmission(deps, workCommands.resolve));
  app.view(ids.work.stillBroken, handleWorkSubmission(deps, workCommands.stillBroken));

  app.event('message', handleRequesterDmMessage(deps));
};
