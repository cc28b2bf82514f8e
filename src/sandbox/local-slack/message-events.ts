import { Json } from '../json';
import { PostedMessage } from './workspace-types';

/** A message as Slack nests it inside an edit or deletion event. */
const nested = (message: Pick<PostedMessage, 'user' | 'text' | 'ts' | 'threadTs'>): Json => ({
  type: 'message',
  user: message.user,
  text: message.text,
  ts: message.ts,
  ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
});

/**
 * The event Slack sends when a person edits a message: subtype `message_changed`, hidden, its own
 * ts (also `edited.ts`), the message as it now reads and as it read before
 * (https://docs.slack.dev/reference/events/message/message_changed/).
 */
export const messageChangedEvent = (before: PostedMessage, text: string, editedTs: string, channelType: 'im' | 'channel'): Json => ({
  type: 'message',
  subtype: 'message_changed',
  hidden: true,
  channel: before.channel,
  channel_type: channelType,
  ts: editedTs,
  event_ts: editedTs,
  message: { ...nested({ ...before, text }), edited: { user: before.user, ts: editedTs } },
  previous_message: nested(before),
});

/**
 * The event Slack sends when a person deletes a message: subtype `message_deleted`, hidden, its
 * own ts, `deleted_ts` naming the message, and the message as it read
 * (https://docs.slack.dev/reference/events/message/message_deleted/).
 */
export const messageDeletedEvent = (deleted: PostedMessage, eventTs: string, channelType: 'im' | 'channel'): Json => ({
  type: 'message',
  subtype: 'message_deleted',
  hidden: true,
  channel: deleted.channel,
  channel_type: channelType,
  ts: eventTs,
  event_ts: eventTs,
  deleted_ts: deleted.ts,
  previous_message: nested(deleted),
});
