import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
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

/** Said beside the input when an app's bot user is picked: Slack refuses to open a DM with it (conversations.open `cannot_dm_bot`). */
export const appPicked = (name: string): string => `${name} is an app, not a person: apps cannot follow a ticket. Remove it and save again.`;

/** Said beside the input when a deactivated person is picked: Slack refuses to open a DM with them (conversations.open `user_disabled`). */
export const deactivatedPicked = (name: string): string => `${name}'s Slack account is deactivated, so they cannot follow a ticket. Remove them and save again.`;

/** How long the people picked may take to look up: the submission must be answered within Slack's 3 seconds. */
const LOOKUP_BUDGET_MS = 1500;

/**
 * Why someone picked cannot be a watcher, as said beside the input, or null: users.info (scope
 * `users:read`) says `is_bot` or `deleted`, and a watcher is someone the help desk writes to in a
 * DM. A lookup that fails or is late refuses nobody (delivery then reports what Slack answers).
 */
const unreachablePick = async (client: WebClient, userIds: readonly string[]): Promise<string | null> => {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), LOOKUP_BUDGET_MS);
  });
  try {
    const answers = await Promise.all(userIds.map((user) => Promise.race([client.users.info({ user }).catch(() => null), deadline])));
    for (const answer of answers) {
      const user = answer?.user;
      if (!user) continue;
      const name = user.real_name || user.profile?.real_name || user.name || user.id || 'someone';
      if (user.is_bot) return appPicked(name);
      if (user.deleted) return deactivatedPicked(name);
    }
    return null;
  } finally {
    clearTimeout(timer);
  }
};

/**
 * The Watchers modal was submitted: the ticket's watchers become those picked, one history event
 * per person added or removed. A refusal (the requester picked, too many, an app or a deactivated
 * account picked) stays beside the input
 * and changes nothing.
 */
export const handleWatchersSubmission =
  (deps: ListenerDeps) =>
  async ({ ack, body, view, context, client, logger }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
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
    const unreachable = await unreachablePick(client, watcherIds);
    if (unreachable) return ack({ response_action: 'errors', errors: { [block]: unreachable } });
    try {
      const result = await deps.workflow.setWatchers({ ticketId: metadata.ticketId, userId: body.user.id, watcherIds, requestKey: `view:${view.id}`, changeOrigin: originOf(context) });
      if (result.ok) return await ack();
      await ack({ response_action: 'errors', errors: { [block]: result.error.message } });
    } catch (error) {
      logger.error('watchers submission failed', error);
      await ack({ response_action: 'errors', errors: { [block]: 'Something went wrong saving this. Nothing was lost: please press the button again.' } });
    }
  };
