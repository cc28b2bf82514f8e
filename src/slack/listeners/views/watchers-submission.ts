import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { ids } from '../../ids';
import { decodeWorkModalMetadata } from '../../views/ticket-ref';
import { ListenerDeps } from '../deps';
import { originOf } from '../../request-context';

/** The Watchers modal's one input, as Slack reports a multi_users_select. */
const stateSchema = z.object({
  [ids.watchers.usersBlock]: z.object({ [ids.modal.input]: z.object({ selected_users: z.array(z.string()).nullish() }).loose() }).loose(),
});

/** Said beside the input when the help desk's own bot is among the watchers picked. */
export const BOT_PICKED = 'That is the help desk itself: pick the people who should follow this ticket.';

/**
 * The Watchers modal was submitted: the ticket's watchers become those picked, one history event
 * per person added or removed. A refusal (the requester picked, too many) stays beside the input
 * and changes nothing.
 */
export const handleWatchersSubmission =
  (deps: ListenerDeps) =>
  async ({ ack, body, view, context, logger }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const block = ids.watchers.usersBlock;
    const metadata = decodeWorkModalMetadata(view.private_metadata);
    const state = stateSchema.safeParse(view.state.values);
    const outOfDate = { response_action: 'errors' as const, errors: { [block]: 'This form is out of date. Close it and start again from the ticket.' } };
    if (!metadata) {
      logger.warn('watchers modal with unreadable metadata', { callbackId: view.callback_id });
      return ack(outOfDate);
    }
    // Without its input the modal is not this app's Watchers modal as it is now: nobody is removed on a guess.
    if (!state.success) return ack(outOfDate);
    const watcherIds = state.data[block]?.[ids.modal.input]?.selected_users ?? [];
    // Slack's people picker lists apps too: the help desk itself would be a watcher nobody can write to (conversations.open refuses it).
    if (context.botUserId && watcherIds.includes(context.botUserId)) return ack({ response_action: 'errors', errors: { [block]: BOT_PICKED } });
    try {
      const result = await deps.workflow.setWatchers({ ticketId: metadata.ticketId, userId: body.user.id, watcherIds, requestKey: `view:${view.id}`, changeOrigin: originOf(context) });
      if (result.ok) return await ack();
      await ack({ response_action: 'errors', errors: { [block]: result.error.message } });
    } catch (error) {
      logger.error('watchers submission failed', error);
      await ack({ response_action: 'errors', errors: { [block]: 'Something went wrong saving this. Nothing was lost: please press the button again.' } });
    }
  };
