import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { formatTicketNumber } from '../../../domain/ticket';
import { escapeMrkdwn, mentionChannel } from '../../views/mrkdwn';
import { decodeTicketRef } from '../../views/ticket-ref';
import { ListenerDeps } from '../deps';
import { tellActor } from '../tell-actor';

/**
 * **Open the ticket card** in an alert or a DM: where the card is now, looked up at the click (a
 * transfer since the alert was sent moved it), answered with a link only the clicker sees. A
 * button from before this (a link itself) is acknowledged and nothing more: Slack opened the link.
 */
export const handleOpenLiveCard =
  (deps: ListenerDeps) =>
  async ({ ack, body, action, client, respond, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    if (action.url) return;
    const ref = decodeTicketRef(action.value);
    if (!ref) return logger.warn('card link button with an unreadable value');
    const found = await deps.workflow.liveCard(ref.ticketId, body.user.id);
    if (!found.ok) return tellActor(respond, logger, found.error.message);
    const { number, departmentName, card } = found.value;
    const ticket = formatTicketNumber(number);
    if (!card) return tellActor(respond, logger, `${ticket} is on its way to ${escapeMrkdwn(departmentName)}; its card is being posted. Try again in a moment.`);
    const link = await client.chat.getPermalink({ channel: card.channelId, message_ts: card.ts }).then(
      (answer) => answer.permalink ?? null,
      () => null,
    );
    const where = `${escapeMrkdwn(departmentName)} (${mentionChannel(card.channelId)})`;
    await tellActor(respond, logger, link ? `${ticket} is with ${where}: <${link}|open its card>.` : `${ticket} is with ${where}.`);
  };
