import { isJsonObject, Json, jsonText } from '../json';
import { messageProblems } from './block-kit-rules';
import { notifiedBy } from './notification-rules';
import { PostedMessage } from './workspace-types';
import { WebApiMethods } from './web-api-method';

/** The `chat.*` methods: post, update, delete, post ephemerally, link to a message. */
export const chatMethods: WebApiMethods = {
  'chat.postMessage'(args) {
    const channel = this.resolveChannel(args.channel);
    if (!channel) return this.fail('chat.postMessage', 'channel_not_found');
    if (channel.archived) return this.fail('chat.postMessage', 'is_archived');
    if (!channel.members.has(this.botUserId)) return this.fail('chat.postMessage', 'not_in_channel');
    if (!args.text && !args.blocks) return this.fail('chat.postMessage', 'no_text');
    const problems = messageProblems(args.text, args.blocks);
    if (problems.length) return this.fail('chat.postMessage', 'invalid_blocks', problems);
    const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : null;
    if (threadTs && !this.messages.some((message) => message.channel === channel.id && message.ts === threadTs)) {
      return this.fail('chat.postMessage', 'thread_not_found');
    }
    const broadcast = threadTs !== null && (args.reply_broadcast === true || args.reply_broadcast === 'true');
    const posted: PostedMessage = {
      channel: channel.id,
      ts: this.nextTs(),
      text: jsonText(args.text),
      blocks: (args.blocks as Json[]) ?? [],
      threadTs,
      user: this.botUserId,
      edits: 0,
      ...(isJsonObject(args.metadata) ? { metadata: args.metadata } : {}),
      ...(broadcast ? { broadcast } : {}),
    };
    const thread = threadTs ? this.messages.filter((candidate) => candidate.channel === channel.id && candidate.threadTs === threadTs) : [];
    const message: PostedMessage = { ...posted, notifies: notifiedBy(posted, channel, thread, this.botUserId) };
    this.messages.push(message);
    return { ok: true, channel: channel.id, ts: message.ts, message: { text: message.text, ts: message.ts } };
  },
  'chat.update'(args) {
    const message = this.messages.find((candidate) => candidate.channel === args.channel && candidate.ts === args.ts);
    if (!this.channels.has(String(args.channel))) return this.fail('chat.update', 'channel_not_found');
    if (this.channels.get(String(args.channel))?.archived) return this.fail('chat.update', 'is_archived');
    if (!message) return this.fail('chat.update', 'message_not_found');
    const problems = messageProblems(args.text, args.blocks);
    if (problems.length) return this.fail('chat.update', 'invalid_blocks', problems);
    message.text = jsonText(args.text, message.text);
    message.blocks = (args.blocks as Json[]) ?? message.blocks;
    message.edits += 1;
    return { ok: true, channel: message.channel, ts: message.ts };
  },
  'chat.delete'(args) {
    if (!this.channels.has(String(args.channel))) return this.fail('chat.delete', 'channel_not_found');
    const index = this.messages.findIndex((candidate) => candidate.channel === args.channel && candidate.ts === args.ts);
    if (index < 0) return this.fail('chat.delete', 'message_not_found');
    // A bot token deletes only the bot's own messages.
    if (this.messages[index]?.user !== this.botUserId) return this.fail('chat.delete', 'cant_delete_message');
    this.messages.splice(index, 1);
    return { ok: true, channel: String(args.channel), ts: String(args.ts) };
  },
  'chat.postEphemeral'(args) {
    const channel = this.resolveChannel(args.channel);
    if (!channel) return this.fail('chat.postEphemeral', 'channel_not_found');
    if (!channel.members.has(this.botUserId)) return this.fail('chat.postEphemeral', 'not_in_channel');
    if (!channel.members.has(String(args.user))) return this.fail('chat.postEphemeral', 'user_not_in_channel');
    const problems = messageProblems(args.text, args.blocks);
    if (problems.length) return this.fail('chat.postEphemeral', 'invalid_blocks', problems);
    this.ephemerals.push({
      at: Date.now(),
      channel: channel.id,
      user: String(args.user),
      text: jsonText(args.text),
      blocks: (args.blocks as Json[]) ?? [],
      via: 'chat.postEphemeral',
    });
    return { ok: true, message_ts: this.nextTs() };
  },
  'chat.getPermalink'(args) {
    const message = this.messages.find((candidate) => candidate.channel === args.channel && candidate.ts === args.message_ts);
    if (!this.channels.has(String(args.channel))) return this.fail('chat.getPermalink', 'channel_not_found');
    if (!message) return this.fail('chat.getPermalink', 'message_not_found');
    return {
      ok: true,
      channel: message.channel,
      permalink: `https://helpdesk-demo.slack.com/archives/${message.channel}/p${message.ts.replace('.', '')}`,
    };
  },
};
