import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { ListenerDeps } from '../deps';
import { relayableSlackText } from '../../views/slack-markup';

const dmMessageSchema = z.object({
  channel: z.string(),
  channel_type: z.literal('im'),
  user: z.string(),
  text: z.string().default(''),
  ts: z.string(),
  thread_ts: z.string().optional(),
  subtype: z.enum(['file_share', 'thread_broadcast']).optional(),
  files: z.array(z.object({ name: z.string().nullish(), title: z.string().nullish() }).loose()).optional(),
});

const HINT = 'To add to a ticket, reply in its thread here. To file a new ticket, use `/ticket`.';

/**
 * What the requester wrote, decoded here, once (`relayableSlackText`: mentions of people and links
 * stay markup, everything else is plain text), with a note for each file: files stay in the DM, the
 * note says they exist. File names come unescaped from Slack; like the text, they are made safe
 * when posted (`relayText`, in the event views).
 */
const relayedText = (text: string, message: z.infer<typeof dmMessageSchema>): string => {
  const files = (message.files ?? []).map((file) => `:paperclip: attached a file in their DM: ${file.name ?? file.title ?? 'unnamed'}`);
  return [text, ...files].filter((part) => part.trim() !== '').join('\n');
};

/** The requester writes in their ticket's DM thread: the message goes to the ticket and its card thread. */
export const handleRequesterDmMessage =
  (deps: ListenerDeps) =>
  async ({ event, client, logger }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs) => {
    const parsed = dmMessageSchema.safeParse(event);
    // Bot messages, edits, deletions and messages outside DMs carry other shapes and are not the requester speaking.
    if (!parsed.success || 'bot_id' in event) return;
    const message = parsed.data;
    const reply = (text: string) =>
      client.chat.postMessage({ channel: message.channel, thread_ts: message.thread_ts ?? message.ts, text }).catch((error: unknown) => logger.warn('could not answer in the DM', error));
    const ticket = message.thread_ts ? await deps.workflow.findByRequesterThread(message.channel, message.thread_ts) : null;
    if (!ticket) return void (await reply(HINT));
    const text = relayedText(relayableSlackText(message.text), message);
    if (text === '') return;
    const result = await deps.workflow.perform({
      ticketId: ticket.id,
      userId: message.user,
      command: { type: 'requester_message', text },
      requestKey: `msg:${message.channel}:${message.ts}`,
    });
    if (!result.ok) {
      const why =
        result.error.code === 'TICKET.NOT_ACTIVE' || result.error.code === 'TICKET.CLOSED'
          ? 'This ticket is resolved or closed, so your message was not passed on. Use *Still broken* or *Reopen* above to reopen it, and your message can go with it.'
          : result.error.message;
      await reply(why);
    }
  };
