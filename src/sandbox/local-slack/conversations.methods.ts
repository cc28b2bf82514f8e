import { jsonText } from '../json';
import { WebApiMethods } from './web-api-method';

/** The `conversations.*` methods: open a DM, read a channel's history or a thread, describe a channel. */
export const conversationsMethods: WebApiMethods = {
  'conversations.open'(args) {
    const users = jsonText(args.users).split(',').filter(Boolean);
    if (users.length !== 1) return this.fail('conversations.open', users.length ? 'not_supported' : 'users_list_not_supplied');
    const userId = users[0] as string;
    const user = this.users.get(userId);
    if (!user) return this.fail('conversations.open', 'user_not_found');
    // Slack's answers for a person whose account is deactivated, and for an app's bot user.
    if (user.deleted) return this.fail('conversations.open', 'user_disabled');
    if (user.isBot) return this.fail('conversations.open', 'cannot_dm_bot');
    return { ok: true, channel: { id: this.openIm(userId).id } };
  },
  'conversations.history'(args) {
    const channel = this.channels.get(String(args.channel));
    if (!channel) return this.fail('conversations.history', 'channel_not_found');
    if (!channel.members.has(this.botUserId)) return this.fail('conversations.history', 'not_in_channel');
    const top = this.messages.filter((message) => message.channel === channel.id && message.threadTs === null);
    return this.page(top.reverse(), args);
  },
  'conversations.replies'(args) {
    const channel = this.channels.get(String(args.channel));
    if (!channel) return this.fail('conversations.replies', 'channel_not_found');
    if (!channel.members.has(this.botUserId)) return this.fail('conversations.replies', 'not_in_channel');
    const parent = this.messages.find((message) => message.channel === channel.id && message.ts === args.ts);
    if (!parent) return this.fail('conversations.replies', 'thread_not_found');
    return this.page([parent, ...this.messagesIn(channel.id, parent.ts)], args);
  },
  'conversations.info'(args) {
    const channel = this.channels.get(String(args.channel));
    if (!channel) return this.fail('conversations.info', 'channel_not_found');
    return {
      ok: true,
      channel: {
        id: channel.id,
        ...(channel.isIm ? { is_im: true, user: [...channel.members].find((member) => member !== this.botUserId) } : { name: channel.name, is_channel: true, is_im: false }),
        is_private: false,
        is_archived: channel.archived === true,
        is_member: channel.members.has(this.botUserId),
      },
    };
  },
};
