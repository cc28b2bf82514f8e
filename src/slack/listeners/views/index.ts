import type { App } from '@slack/bolt';
import { withRequestLogger } from '../../request-context';
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
  app.view(ids.modal.newTicket, withRequestLogger(handleTicketSubmission(deps)));
  app.view(ids.work.reply, withRequestLogger(handleWorkSubmission(deps, workCommands.reply)));
  app.view(ids.work.note, withRequestLogger(handleWorkSubmission(deps, workCommands.note)));
  app.view(ids.work.assign, withRequestLogger(handleWorkSubmission(deps, workCommands.assign)));
  app.view(ids.work.transfer, withRequestLogger(handleWorkSubmission(deps, workCommands.transfer)));
  app.view(ids.work.escalate, withRequestLogger(handleWorkSubmission(deps, workCommands.escalate)));
  app.view(ids.work.resolve, withRequestLogger(handleWorkSubmission(deps, workCommands.resolve)));
  // The requester's Reopen answers their prompt, which is then settled (where it is, the app knows).
  app.view(ids.work.stillBroken, withRequestLogger(handleWorkSubmission(deps, workCommands.stillBroken, { answersPrompt: true })));
  app.view(ids.search.modal, withRequestLogger(handleSearchSubmission(deps)));
  app.view(ids.watchers.modal, withRequestLogger(handleWatchersSubmission(deps)));
  app.view(ids.work.edit, withRequestLogger(handleWorkSubmission(deps, workCommands.edit, { checksVersion: true })));
  app.view(ids.work.withdraw, withRequestLogger(handleWorkSubmission(deps, workCommands.withdraw)));
  app.view(ids.work.merge, withRequestLogger(handleMergeSubmission(deps)));
  app.view(ids.work.link, withRequestLogger(handleLinkSubmission(deps)));
  app.view(ids.satisfaction.modal, withRequestLogger(handleSatisfactionSubmission(deps)));
  app.view({ type: 'view_submission', callback_id: anyIdExcept(VIEW_IDS) }, withRequestLogger(handleUnknownView));
};
