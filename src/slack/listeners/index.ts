import type { AllMiddlewareArgs, App, BlockAction, BlockButtonAction, BlockOverflowAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { ids } from '../ids';
import { buildEscalateModal, buildNoteModal, buildReplyModal, buildResolveModal, buildTransferModal } from '../views/work-modals.view';
import { handleCardOverflow } from './actions/card-overflow';
import { handleCardQuickAction } from './actions/card-quick-action';
import { handleOpenWorkModal } from './actions/open-work-modal';
import { handleConfirmFixed, handleStillBroken } from './actions/requester-prompt';
import { handleTicketCommand } from './commands/ticket-command';
import { ListenerDeps } from './deps';
import { handleAppJoinedChannel } from './events/app-joined-channel';
import { handleRequesterDmMessage } from './events/requester-dm-message';
import { handleCreateTicketFromMessage } from './shortcuts/create-ticket-from-message';
import { handleTicketSubmission } from './views/ticket-submission';
import { handleWorkSubmission, workCommands } from './views/work-submission';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
type OverflowArgs = SlackActionMiddlewareArgs<BlockOverflowAction> & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type Handler<Args> = (args: Args) => Promise<void>;

// The element type an id stands for is ours to know: each id is only ever given to that element.
const button = (handler: Handler<ButtonArgs>): Handler<ActionArgs> => (args) => handler(args as ButtonArgs);
const overflow = (handler: Handler<OverflowArgs>): Handler<ActionArgs> => (args) => handler(args as OverflowArgs);

const unknownAction: Handler<ActionArgs> = async ({ ack, action, logger }) => {
  await ack();
  logger.warn('a click on an element this app does not know', { actionId: action.action_id });
};

const unknownView: Handler<ViewArgs> = async ({ ack, view, logger }) => {
  await ack();
  logger.warn('a submission of a modal this app does not know', { callbackId: view.callback_id });
};

/**
 * Bolt runs the matching of every registered listener on every request, which cost about
 * 0.01 ms of CPU per listener; so clicks and modal submissions are each one Bolt listener that
 * routes by id, and a request no longer pays for two dozen. An unknown id is answered at once.
 */
export const registerListeners = (app: App, deps: ListenerDeps): void => {
  app.command(ids.command, handleTicketCommand(deps));
  app.shortcut({ callback_id: ids.shortcut.createFromMessage, type: 'message_action' }, handleCreateTicketFromMessage(deps));

  const actions = new Map<string, Handler<ActionArgs>>([
    [ids.card.assignSelf, button(handleCardQuickAction(deps, (userId) => ({ type: 'assign', assigneeId: userId })))],
    [ids.card.close, button(handleCardQuickAction(deps, () => ({ type: 'close' })))],
    [ids.card.reopen, button(handleCardQuickAction(deps, () => ({ type: 'reopen', message: null })))],
    [ids.card.more, overflow(handleCardOverflow(deps))],
    [ids.card.reply, button(handleOpenWorkModal(deps, 'reply on', ({ ticket }) => buildReplyModal(ticket)))],
    [ids.card.note, button(handleOpenWorkModal(deps, 'add a note to', ({ ticket }) => buildNoteModal(ticket)))],
    [ids.card.transfer, button(handleOpenWorkModal(deps, 'transfer', ({ ticket, departments }) => buildTransferModal(ticket, departments)))],
    [ids.card.escalate, button(handleOpenWorkModal(deps, 'escalate', ({ ticket }) => buildEscalateModal(ticket)))],
    [ids.card.resolve, button(handleOpenWorkModal(deps, 'resolve', ({ ticket }) => buildResolveModal(ticket)))],
    // A link button still sends an action; acknowledging it is all there is to do.
    [ids.card.openCard, async ({ ack }) => ack()],
    [ids.requester.fixed, button(handleConfirmFixed(deps))],
    [ids.requester.stillBroken, button(handleStillBroken(deps))],
  ]);
  app.action<BlockAction>({ type: 'block_actions' }, (args) => (actions.get(args.action.action_id) ?? unknownAction)(args));

  const views = new Map<string, Handler<ViewArgs>>([
    [ids.modal.newTicket, handleTicketSubmission(deps)],
    [ids.work.reply, handleWorkSubmission(deps, workCommands.reply)],
    [ids.work.note, handleWorkSubmission(deps, workCommands.note)],
    [ids.work.assign, handleWorkSubmission(deps, workCommands.assign)],
    [ids.work.transfer, handleWorkSubmission(deps, workCommands.transfer)],
    [ids.work.escalate, handleWorkSubmission(deps, workCommands.escalate)],
    [ids.work.resolve, handleWorkSubmission(deps, workCommands.resolve)],
    // The requester's Reopen answers their prompt, which is then settled (where it is, the app knows).
    [ids.work.stillBroken, handleWorkSubmission(deps, workCommands.stillBroken, { answersPrompt: true })],
  ]);
  app.view<ViewSubmitAction>({ type: 'view_submission' }, (args) => (views.get(args.view.callback_id) ?? unknownView)(args));

  app.event('message', handleRequesterDmMessage(deps));
  app.event('member_joined_channel', handleAppJoinedChannel(deps));
};
