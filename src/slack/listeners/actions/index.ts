import type { App } from '@slack/bolt';
import { ids } from '../../ids';
import { buildEscalateModal, buildNoteModal, buildReplyModal, buildResolveModal, buildTransferModal } from '../../views/work-modals.view';
import { ListenerDeps } from '../deps';
import { anyIdExcept } from '../unknown-ids';
import { handleAssignSelf, handleKeepAssignee, handleTakeOver } from './card-assign-self';
import { handleCardOverflow } from './card-overflow';
import { handleOpenLiveCard } from './open-live-card';
import { handleCardQuickAction } from './card-quick-action';
import { handleOpenSearchModal } from './open-search-modal';
import { handleOpenWorkModal } from './open-work-modal';
import { handleConfirmFixed, handleStillBroken } from './requester-prompt';
import { handleUnknownAction } from './unknown-action';

/** Every action id this app answers: the card's buttons and overflow menu, Assign to me's question, and the requester's prompt. */
export const ACTION_IDS = [
  ids.card.assignSelf,
  ids.card.close,
  ids.card.reopen,
  ids.card.more,
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
] as const;

/** Registers one listener per action id in `ACTION_IDS`, then one that answers any other id of a block action. */
export const register = (app: App, deps: ListenerDeps): void => {
  app.action(ids.card.assignSelf, handleAssignSelf(deps));
  app.action(ids.card.takeOver, handleTakeOver(deps));
  app.action(ids.card.keepAssignee, handleKeepAssignee);
  app.action(
    ids.card.close,
    handleCardQuickAction(deps, () => ({ type: 'close' })),
  );
  app.action(
    ids.card.reopen,
    handleCardQuickAction(deps, () => ({ type: 'reopen', message: null })),
  );
  app.action(ids.card.more, handleCardOverflow(deps));
  app.action(
    ids.card.reply,
    handleOpenWorkModal(deps, 'reply on', ({ ticket }) => buildReplyModal(ticket)),
  );
  app.action(
    ids.card.note,
    handleOpenWorkModal(deps, 'add a note to', ({ ticket }) => buildNoteModal(ticket)),
  );
  app.action(
    ids.card.transfer,
    handleOpenWorkModal(deps, 'transfer', ({ ticket, departments }) => buildTransferModal(ticket, departments)),
  );
  app.action(
    ids.card.escalate,
    handleOpenWorkModal(deps, 'escalate', ({ ticket }) => buildEscalateModal(ticket)),
  );
  app.action(
    ids.card.resolve,
    handleOpenWorkModal(deps, 'resolve', ({ ticket }) => buildResolveModal(ticket)),
  );
  app.action(ids.card.openCard, handleOpenLiveCard(deps));
  app.action(ids.requester.fixed, handleConfirmFixed(deps));
  app.action(ids.requester.stillBroken, handleStillBroken(deps));
  app.action(ids.search.openFromHome, handleOpenSearchModal);
  app.action({ type: 'block_actions', action_id: anyIdExcept(ACTION_IDS) }, handleUnknownAction);
};
