import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { ListenerDeps } from '../deps';
import { relayableSlackText } from '../../views/slack-markup';
import { fileNote, SharedFile } from '../../../services/attachments';
import { originOf } from '../../request-context';
import { ChangeOrigin } from '../../../services/ticket-change';

/** A file as Slack describes it in a message event (https://docs.slack.dev/reference/objects/file-object). */
const files = z
  .array(
    z
      .object({
        id: z.string().nullish(),
        name: z.string().nullish(),
        title: z.string().nullish(),
        size: z.number().nullish(),
        mimetype: z.string().nullish(),
        url_private_download: z.string().nullish(),
      })
      .loose(),
  )
  .optional();

/** The files of a new message: each by name, with what the app needs to copy it when Slack said (id, size, download URL). */
const sharedFiles = (message: { files?: z.infer<typeof files> }): SharedFile[] =>
  (message.files ?? []).map((file) => {
    const name = file.name ?? file.title ?? 'unnamed';
    const copy =
      file.id && file.url_private_download && typeof file.size === 'number'
        ? { id: file.id, name, size: file.size, mimetype: file.mimetype ?? 'application/octet-stream', url: file.url_private_download }
        : null;
    return { name, copy };
  });

const dmMessageSchema = z.object({
  channel: z.string(),
  channel_type: z.literal('im'),
  user: z.string(),
  text: z.string().default(''),
  ts: z.string(),
  thread_ts: z.string().optional(),
  subtype: z.enum(['file_share', 'thread_broadcast']).optional(),
  files,
});

/** A person's message as Slack nests it in an edit (`message`, `previous_message`); a bot's carries `bot_id`. */
const nestedMessageSchema = z.object({ user: z.string().optional(), bot_id: z.string().optional(), text: z.string().default(''), ts: z.string(), thread_ts: z.string().optional(), files }).loose();

/** Slack's `message_changed`: https://docs.slack.dev/reference/events/message/message_changed/ */
const dmEditSchema = z.object({
  subtype: z.literal('message_changed'),
  channel: z.string(),
  channel_type: z.literal('im'),
  ts: z.string(),
  message: nestedMessageSchema.extend({ edited: z.object({ ts: z.string() }).loose().optional() }),
  previous_message: nestedMessageSchema.optional(),
});

/** Slack's `message_deleted`: https://docs.slack.dev/reference/events/message/message_deleted/ */
const dmDeletionSchema = z.object({
  subtype: z.literal('message_deleted'),
  channel: z.string(),
  channel_type: z.literal('im'),
  deleted_ts: z.string(),
  previous_message: nestedMessageSchema.partial({ ts: true }).optional(),
});

/**
 * What the requester wrote as an edit leaves it, decoded here, once (`relayableSlackText`: mentions
 * of people and links stay markup, everything else is plain text), with a note for each file (a new
 * message's files are noted, and copied, by the conversation service). File names come unescaped
 * from Slack; like the text, they are made safe when posted (`relayText`, in the event views).
 */
const relayedText = (message: { text: string; files?: z.infer<typeof files> }): string => {
  const notes = sharedFiles(message).map((file) => fileNote(file.name));
  return [relayableSlackText(message.text), ...notes].filter((part) => part.trim() !== '').join('\n');
};

/** The requester writes in their ticket's DM thread: the message goes to the ticket and its card thread. */
export const handleRequesterDmMessage =
  (deps: ListenerDeps) =>
  async ({ event, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs) => {
    if ('subtype' in event && event.subtype === 'message_changed') return handleEdit(deps, event, originOf(context));
    if ('subtype' in event && event.subtype === 'message_deleted') return handleDeletion(deps, event, originOf(context));
    const parsed = dmMessageSchema.safeParse(event);
    // Bot messages and messages outside DMs carry other shapes and are not the requester speaking.
    if (!parsed.success || 'bot_id' in event) return;
    const message = parsed.data;
    await deps.conversation.received({
      channelId: message.channel,
      userId: message.user,
      ts: message.ts,
      threadTs: message.thread_ts ?? null,
      text: relayableSlackText(message.text),
      files: sharedFiles(message),
      changeOrigin: originOf(context),
    });
  };

/**
 * A person edited a message in their DM with the app. Edits of the app's own messages, and changes
 * that leave the words alone (Slack sends `message_changed` for unfurls and reply counts too), are
 * ignored without a database read.
 */
const handleEdit = async (deps: ListenerDeps, event: unknown, changeOrigin: ChangeOrigin | undefined): Promise<void> => {
  const parsed = dmEditSchema.safeParse(event);
  if (!parsed.success || parsed.data.message.bot_id) return;
  const { channel, message, previous_message: previous } = parsed.data;
  const userId = message.user;
  if (!userId) return;
  const text = relayedText(message);
  if (previous && relayedText(previous) === text) return;
  const editedTs = message.edited?.ts ?? parsed.data.ts;
  await deps.conversation.edited({
    channelId: channel,
    userId,
    ts: message.ts,
    threadTs: message.thread_ts ?? null,
    text,
    editedTs,
    requestKey: `edit:${channel}:${message.ts}:${editedTs}`,
    changeOrigin,
  });
};

/** A person deleted a message in their DM with the app; the app's own messages are not theirs to take back. */
const handleDeletion = async (deps: ListenerDeps, event: unknown, changeOrigin: ChangeOrigin | undefined): Promise<void> => {
  const parsed = dmDeletionSchema.safeParse(event);
  if (!parsed.success || parsed.data.previous_message?.bot_id) return;
  const { channel, deleted_ts: ts, previous_message: previous } = parsed.data;
  await deps.conversation.deleted({ channelId: channel, userId: previous?.user ?? null, ts, threadTs: previous?.thread_ts ?? null, requestKey: `del:${channel}:${ts}`, changeOrigin });
};
