import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { ListenerDeps } from '../deps';

const joinedSchema = z.object({ user: z.string(), channel: z.string() });

/**
 * `member_joined_channel` (Slack sends it for the app's own joins too; Bolt's ignoreSelf lets it
 * through): when the app itself was invited, the channel may now take the cards waiting for it.
 * Anyone else joining a channel is none of the help desk's business.
 */
export const handleAppJoinedChannel =
  (deps: ListenerDeps) =>
  async ({ event, context }: SlackEventMiddlewareArgs<'member_joined_channel'> & AllMiddlewareArgs) => {
    const parsed = joinedSchema.safeParse(event);
    if (!parsed.success || parsed.data.user !== context.botUserId) return;
    deps.channelJoined?.(parsed.data.channel);
  };
