import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { messageContent } from '../../views/message-content';
import { prefillFromMessage } from '../../views/ticket-modal-prefill';
import { NO_TOPICS_TEXT } from '../commands/ticket-command';
import { ListenerDeps } from '../deps';
import { openTicketModal } from '../open-ticket-modal';
import { readSlackText } from '../read-slack-text';

/** The "Create ticket" message shortcut: the message becomes the details, and the ticket links back to it. */
export const handleCreateTicketFromMessage =
  (deps: ListenerDeps) =>
  async ({ ack, shortcut, client, respond, logger }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs) => {
    await ack();
    const topics = await deps.intake.offeredTopics();
    if (topics.length === 0) return void (await respond({ response_type: 'ephemeral', text: NO_TOPICS_TEXT }));
    // The modal's inputs are plain text: they show what people read, not Slack's escapes and ids.
    // A bot's alert may have no text, only attachments or blocks.
    const prefill = prefillFromMessage(await readSlackText(client, messageContent(shortcut.message), logger));
    const source = { channelId: shortcut.channel.id, messageTs: shortcut.message.ts };
    await openTicketModal(client, shortcut.trigger_id, { topics, ...prefill, metadata: { source } }, respond, logger);
  };
