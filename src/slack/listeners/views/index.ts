import type { App } from '@slack/bolt';
import { ids } from '../../ids';
import { ListenerDeps } from '../deps';
import { anyIdExcept } from '../unknown-ids';
import { handleLinkSubmission, handleMergeSubmission } from './relation-submission';
import { handleSatisfactionSubmission } from './satisfaction-submission';
import { handleSearchSubmission } from './search-submission';
import { handleTicketSubmission } from './ticket-submission';
import { handleUnknownView } from './unknown-view';
import { handleWorkSubmission, workCommands } from './work-submission';
import { handleWatchersSubmission } from './watchers-submission';

/** Every modal callback id whose submission this app answers. */
export const VIEW_IDS = [
  ids.modal.newTicket,
  ids.work.reply,
  ids.work.note,
  ids.work.assign,
  ids.work.transfer,
  ids.work.escalate,
  ids.work.resolve,
  ids.work.stillBroken,
  ids.search.modal,
  ids.watchers.modal,
  ids.work.edit,
  ids.work.withdraw,
  ids.work.merge,
  ids.work.link,
  ids.satisfaction.modal,
] as const;

/** Registers one listener per modal in `VIEW_IDS`, then one that answers the submission of any other. */
export const register = (app: App, deps: ListenerDeps): void => {
  app.view(ids.modal.newTicket, handleTicketSubmission(deps));
  app.view(ids.work.reply, handleWorkSubmission(deps, workCommands.reply));
  app.view(ids.work.note, handleWorkSubmission(deps, workCommands.note));
  app.view(ids.work.assign, handleWorkSubmission(deps, workCommands.assign));
  app.view(ids.work.transfer, handleWorkSubmission(deps, workCommands.transfer));
  app.view(ids.work.escalate, handleWorkSubmission(deps, workCommands.escalate));
  app.view(ids.work.resolve, handleWorkSubmission(deps, workCommands.resolve));
  // The requester's Reopen answers their prompt, which is then settled (where it is, the app knows).
  app.view(ids.work.stillBroken, handleWorkSubmission(deps, workCommands.stillBroken, { answersPrompt: true }));
  app.view(ids.search.modal, handleSearchSubmission(deps));
  app.view(ids.watchers.modal, handleWatchersSubmission(deps));
  app.view(ids.work.edit, handleWorkSubmission(deps, workCommands.edit, { checksVersion: true }));
  app.view(ids.work.withdraw, handleWorkSubmission(deps, workCommands.withdraw));
  app.view(ids.work.merge, handleMergeSubmission(deps));
  app.view(ids.work.link, handleLinkSubmission(deps));
  app.view(ids.satisfaction.modal, handleSatisfactionSubmission(deps));
  app.view({ type: 'view_submission', callback_id: anyIdExcept(VIEW_IDS) }, handleUnknownView);
};
