import type { AllMiddlewareArgs, BlockAction, BlockElementAction, Logger, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { HomeChange, HOME_LISTS } from '../../../services/home-state';
import { slackErrorName } from '../../delivery/classify-slack-error';
import { decodeTicketRef } from '../../views/ticket-ref';
import { takeOverPrompt } from '../../views/assignment.view';
import { buildStillBrokenModal } from '../../views/work-modals.view';
import { ListenerDeps } from '../deps';
import { republishHome, tellInHome } from '../home-notice';
import { openTicketModal } from '../open-ticket-modal';
import { originOf } from '../../request-context';

type HomeActionArgs = SlackActionMiddlewareArgs<BlockAction<BlockElementAction>> & AllMiddlewareArgs;

/** The ticket number a Home row's button carries besides its reference. */
const rowNumber = z.object({ number: z.number().int().positive() });

const valueOf = (action: BlockElementAction): string | undefined => ('value' in action && typeof action.value === 'string' ? action.value : undefined);

const publishAfter = (deps: ListenerDeps, client: WebClient, logger: Logger, userId: string): Promise<void> =>
  deps.home ? republishHome((id) => (deps.home as NonNullable<ListenerDeps['home']>).publish(client, id), logger, userId) : Promise.resolve();

/** **New ticket** on the Home: the intake modal, as `/ticket` opens it. */
export const handleHomeNewTicket =
  (deps: ListenerDeps) =>
  async ({ ack, body, client, logger }: HomeActionArgs) => {
    await ack();
    const topics = await deps.intake.offeredTopics();
    const who = { userId: body.user.id, triggerId: null };
    if (topics.length === 0)
      return tellInHome(
        client,
        logger,
        { ...who, triggerId: body.trigger_id },
        'No help topics',
        'The help desk has no help topics yet, so tickets cannot be filed. Please tell your help desk admin.',
      );
    // A Home click has no response_url: a modal Slack refuses is explained in the person's DM.
    const respond = (async (message: Parameters<RespondFn>[0]) => {
      await tellInHome(client, logger, who, 'New ticket', typeof message === 'string' ? message : (message.text ?? ''));
      return new Response(null);
    }) satisfies RespondFn;
    await openTicketModal(client, body.trigger_id, { topics, summary: '', details: '', metadata: { source: null } }, respond, logger);
  };

/** **View** on a Home row: the ticket's public history in a modal, for its requester only. */
export const handleHomeView =
  (deps: ListenerDeps) =>
  async ({ ack, action, body, client, logger }: HomeActionArgs) => {
    await ack();
    const number = readNumber(valueOf(action));
    const modal = number === null || !deps.home ? null : await deps.home.historyModal(body.user.id, number);
    const who = { userId: body.user.id, triggerId: body.trigger_id };
    if (!modal) return tellInHome(client, logger, who, 'Ticket not found', 'That ticket was not found.');
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: modal });
    } catch (error) {
      logger.warn('views.open of the ticket history failed', { reason: slackErrorName(error) });
      // The trigger is spent: the person is told in their DM rather than left with a click that did nothing.
      await tellInHome(client, logger, { userId: body.user.id, triggerId: null }, 'Ticket', 'The ticket could not be shown just now. Please try View again, or type `/ticket status <number>`.');
    }
  };

/** **Reopen** on a resolved or closed ticket of the Home: the same form and rules as Reopen in the requester's DM. */
export const handleHomeReopen =
  (deps: ListenerDeps) =>
  async ({ ack, action, body, client, logger, context }: HomeActionArgs) => {
    await ack();
    const ref = decodeTicketRef(valueOf(action));
    const who = { userId: body.user.id, triggerId: body.trigger_id };
    if (!ref) return logger.warn('Home reopen with an unreadable value');
    const allowed = await deps.workflow.authorizeRequester(ref.ticketId, body.user.id, originOf(context));
    if (!allowed.ok) {
      await tellInHome(client, logger, who, 'Cannot reopen', allowed.error.message);
      return publishAfter(deps, client, logger, body.user.id);
    }
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: buildStillBrokenModal(allowed.value) });
    } catch (error) {
      logger.warn('views.open of the reopen form failed', { reason: slackErrorName(error) });
    }
  };

/**
 * **Assign to me** on a Home row: the same rule as the card's (card-assign-self.ts), against the
 * version the Home showed. On a ticket someone else has, nothing changes yet: the question ("John
 * has #1042: take it over?") goes to the person's DM with the app, where its buttons can answer
 * (a Home click has no response_url). The Home is then published afresh.
 */
export const handleHomeAssignSelf =
  (deps: ListenerDeps) =>
  async ({ ack, action, body, client, logger, context }: HomeActionArgs) => {
    const ref = decodeTicketRef(valueOf(action));
    if (!ref) {
      await ack();
      return logger.warn('Home assign with an unreadable value');
    }
    const userId = body.user.id;
    const result = await deps.workflow.assignToMe({ ticketId: ref.ticketId, userId, expectedVersion: ref.version, confirmed: false, changeOrigin: originOf(context) }).finally(() => ack());
    if (!result.ok) await tellInHome(client, logger, { userId, triggerId: body.trigger_id }, 'Not assigned', result.error.message);
    else if ('takeOver' in result.value) {
      const prompt = takeOverPrompt(result.value.takeOver);
      await client.chat
        .postMessage({ channel: userId, text: prompt.text, blocks: [...prompt.blocks] })
        .catch((error: unknown) => logger.warn('could not ask the person who clicked Assign to me on their Home', error));
    }
    await publishAfter(deps, client, logger, userId);
  };

const pageValue = z.object({ list: z.enum(HOME_LISTS), offset: z.number().int().min(0) });

/** **Show more** or **Previous** under a Home list: that list's page is kept for the person, and their Home published afresh. */
export const handleHomePage =
  (deps: ListenerDeps) =>
  async ({ ack, action, body, client, logger }: HomeActionArgs) => {
    await ack();
    const parsed = pageValue.safeParse(parseJson(valueOf(action)));
    if (!parsed.success || !deps.homes) return logger.warn('Home pager with an unreadable value');
    await deps.homes.change(body.user.id, { type: 'page', ...parsed.data });
    await publishAfter(deps, client, logger, body.user.id);
  };

/** A filter select of the agent's Home (department, status, priority): the choice is kept for the person, and their Home published afresh. */
export const handleHomeFilter =
  (deps: ListenerDeps, toChange: (value: string | null) => HomeChange | null) =>
  async ({ ack, action, body, client, logger }: HomeActionArgs) => {
    await ack();
    const chosen = 'selected_option' in action && action.selected_option ? String(action.selected_option.value) : null;
    const change = chosen === null ? null : toChange(chosen === 'all' ? null : chosen);
    if (!change || !deps.homes) return logger.warn('Home filter with an unreadable choice');
    await deps.homes.change(body.user.id, change);
    await publishAfter(deps, client, logger, body.user.id);
  };

const parseJson = (value: string | undefined): unknown => {
  try {
    return JSON.parse(value ?? '');
  } catch {
    return null;
  }
};

const readNumber = (value: string | undefined): number | null => {
  const parsed = rowNumber.safeParse(parseJson(value));
  return parsed.success ? parsed.data.number : null;
};
