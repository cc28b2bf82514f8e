import type { AllMiddlewareArgs, App, SlackActionMiddlewareArgs } from '@slack/bolt';
import { withRequestLogger } from '../../request-context';
import { ids } from '../../ids';
import { buildEscalateModal, buildNoteModal, buildReplyModal, buildResolveModal, buildTransferModal } from '../../views/work-modals.view';
import { ListenerDeps } from '../deps';
import { anyIdExcept, idsStartingWith } from '../unknown-ids';
import { handleAssignSelf, handleKeepAssignee, handleTakeOver } from './card-assign-self';
import { handleCardOverflow } from './card-overflow';
import { handleOpenLiveCard } from './open-live-card';
import { handleCardQuickAction } from './card-quick-action';
import { handleOpenSearchModal } from './open-search-modal';
import { handleHomeAssignSelf, handleHomeFilter, handleHomeNewTicket, handleHomePage, handleHomeReopen, handleHomeView } from './home-actions';
import { homeFilterChange } from './home-filters';
import { handleOpenWorkModal } from './open-work-modal';
import { handleInsertCannedResponse } from './insert-canned-response';
import { handleConfirmFixed, handleStillBroken, handleWithdraw } from './requester-prompt';
import { handleSatisfactionRating } from './satisfaction-rating';
import { handleUnknownAction } from './unknown-action';
import { handleOpenWatchers, handleStopWatching } from './watchers';
import { handleTicketTopicPicked } from './ticket-topic-picked';

/** The action ids of the card's buttons and overflow menu, Assign to me's question, the requester's prompt, and the Home's Search button. */
export const ACTION_IDS = [
  ids.card.assignSelf,
  ids.card.close,
  ids.card.reopen,
  ids.card.more,
  ids.card.relate,
  ids.card.reply,
  ids.card.note,
  ids.card.transfer,
  ids.card.escalate,
  ids.card.resolve,
  ids.card.openCard,
  ids.card.takeOver,
  ids.card.keepAssignee,
  ids.requester.fixed,
  ids.requester.stillBroken,
  ids.search.openFromHome,
  ids.watchers.open,
  ids.watchers.stopWatching,
  ids.requester.withdraw,
  ids.work.insertCanned,
] as const;

/** The elements of the app's modals that dispatch block actions: the New ticket modal's help topic select. */
export const MODAL_ACTION_IDS = [ids.modal.topicPicked] as const;

/** The Home's own buttons and filter selects (its row buttons are ACTION_ID_PREFIXES). */
export const HOME_ACTION_IDS = [ids.home.newTicket, ids.home.filterDepartment, ids.home.filterStatus, ids.home.filterPriority] as const;

/** The Home's row buttons and pagers: one kind each, their ids `kind:list:key` (see homeActionId). */
export const ACTION_ID_PREFIXES = [ids.home.view, ids.home.reopen, ids.home.assignSelf, ids.home.openCard, ids.home.page, ids.satisfaction.rate].map((kind) => `${kind}:`);

/** Registers one listener per action id in `ACTION_IDS`, `HOME_ACTION_IDS` and `MODAL_ACTION_IDS` and per prefix in `ACTION_ID_PREFIXES`, then one that answers any other id of a block action. */
export const register = (app: App, deps: ListenerDeps): void => {
  app.action(ids.card.assignSelf, withRequestLogger(handleAssignSelf(deps)));
  app.action(ids.card.takeOver, withRequestLogger(handleTakeOver(deps)));
  app.action(ids.card.keepAssignee, withRequestLogger(handleKeepAssignee));
  app.action(ids.card.close, withRequestLogger(handleCardQuickAction(deps, () => ({ type: 'close' }))));
  app.action(ids.card.reopen, withRequestLogger(handleCardQuickAction(deps, () => ({ type: 'reopen', message: null }))));
  app.action(ids.card.more, withRequestLogger(handleCardOverflow(deps)));
  app.action(ids.card.relate, withRequestLogger(handleCardOverflow(deps)));
  app.action(ids.card.reply, withRequestLogger(handleOpenWorkModal(deps, 'reply on', ({ ticket, department }) => buildReplyModal(ticket, deps.canned?.offeredTo(department)))));
  app.action(ids.card.note, withRequestLogger(handleOpenWorkModal(deps, 'add a note to', ({ ticket, department }) => buildNoteModal(ticket, deps.canned?.offeredTo(department)))));
  app.action(ids.card.transfer, withRequestLogger(handleOpenWorkModal(deps, 'transfer', ({ ticket, departments }) => buildTransferModal(ticket, departments))));
  app.action(ids.card.escalate, withRequestLogger(handleOpenWorkModal(deps, 'escalate', ({ ticket }) => buildEscalateModal(ticket))));
  app.action(ids.card.resolve, withRequestLogger(handleOpenWorkModal(deps, 'resolve', ({ ticket }) => buildResolveModal(ticket))));
  app.action(ids.card.openCard, withRequestLogger(handleOpenLiveCard(deps)));
  app.action(ids.requester.fixed, withRequestLogger(handleConfirmFixed(deps)));
  app.action(ids.requester.stillBroken, withRequestLogger(handleStillBroken(deps)));
  app.action(ids.requester.withdraw, withRequestLogger(handleWithdraw(deps)));
  app.action(ids.work.insertCanned, withRequestLogger(handleInsertCannedResponse(deps)));
  app.action(ids.search.openFromHome, withRequestLogger(handleOpenSearchModal));
  app.action(ids.watchers.open, withRequestLogger(handleOpenWatchers(deps)));
  app.action(ids.watchers.stopWatching, withRequestLogger(handleStopWatching(deps)));
  app.action(ids.modal.topicPicked, withRequestLogger(handleTicketTopicPicked(deps)));
  app.action(ids.home.newTicket, withRequestLogger(handleHomeNewTicket(deps)));
  app.action(ids.home.filterDepartment, withRequestLogger(handleHomeFilter(deps, homeFilterChange('department'))));
  app.action(ids.home.filterStatus, withRequestLogger(handleHomeFilter(deps, homeFilterChange('status'))));
  app.action(ids.home.filterPriority, withRequestLogger(handleHomeFilter(deps, homeFilterChange('priority'))));
  app.action(idsStartingWith(`${ids.home.view}:`), withRequestLogger(handleHomeView(deps)));
  app.action(idsStartingWith(`${ids.home.reopen}:`), withRequestLogger(handleHomeReopen(deps)));
  app.action(idsStartingWith(`${ids.home.assignSelf}:`), withRequestLogger(handleHomeAssignSelf(deps)));
  app.action(
    idsStartingWith(`${ids.home.openCard}:`),
    withRequestLogger(async ({ ack }: SlackActionMiddlewareArgs & AllMiddlewareArgs) => ack()),
  );
  app.action(idsStartingWith(`${ids.home.page}:`), withRequestLogger(handleHomePage(deps)));
  app.action(idsStartingWith(`${ids.satisfaction.rate}:`), withRequestLogger(handleSatisfactionRating(deps)));
  app.action({ type: 'block_actions', action_id: anyIdExcept([...ACTION_IDS, ...HOME_ACTION_IDS, ...MODAL_ACTION_IDS], ACTION_ID_PREFIXES) }, withRequestLogger(handleUnknownAction));
};
