import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { slackErrorName } from '../../delivery/classify-slack-error';
import { decodeTicketRef } from '../../views/ticket-ref';
import { buildStillBrokenModal } from '../../views/work-modals.view';
import { ListenerDeps } from '../deps';
import { tellActor } from '../tell-actor';
import { preEncoded } from '../../pre-encoded';

/** "That fixed it" under a resolution: the requester closes their ticket. */
export const handleConfirmFixed =
  (deps: ListenerDeps) =>
  async ({ ack, body, action, respond, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    const ref = decodeTicketRef(action.value);
    if (!ref) {
      await ack();
      return logger.warn('resolution button with an unreadable value');
    }
    const channelId = body.channel?.id;
    const messageTs = body.message?.ts;
    const result = await deps.workflow
      .perform({
        ticketId: ref.t,
        userId: body.user.id,
        command: { type: 'close' },
        ...(channelId && messageTs ? { prompt: { channelId, ts: messageTs } } : {}),
      })
      .finally(() => ack());
    if (!result.ok) await tellActor(respond, logger, result.error.message);
  };

/** "Still broken" under a resolution, or "Reopen" under a closed ticket: asks what is wrong, then reopens. */
export const handleStillBroken =
  (deps: ListenerDeps) =>
  async ({ ack, body, action, client, respond, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const ref = decodeTicketRef(action.value);
    if (!ref) return logger.warn('resolution button with an unreadable value');
    const channelId = body.channel?.id;
    const allowed = await deps.workflow.openForRequester(ref.t, body.user.id);
    if (!allowed.ok) return tellActor(respond, logger, allowed.error.message);
    const prompt = channelId && body.message?.ts ? { channelId, ts: body.message.ts } : null;
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: preEncoded(buildStillBrokenModal(allowed.value, prompt)) });
    } catch (error) {
      await tellActor(respond, logger, `The form could not be opened (${slackErrorName(error)}). Please click again.`);
    }
  };
