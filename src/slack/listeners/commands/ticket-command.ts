import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { prefillFromCommandText } from '../../views/ticket-modal-prefill';
import { ListenerDeps } from '../deps';
import { openTicketModal } from '../open-ticket-modal';
import { readSlackText } from '../read-slack-text';

export const NO_TOPICS_TEXT = 'The help desk has no help topics yet, so tickets cannot be filed. Please tell your help desk admin.';

/** `/ticket [summary]` opens the New ticket modal, with the text as the summary. */
export const handleTicketCommand =
  (deps: ListenerDeps) =>
  async ({ ack, command, client, respond, logger }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const topics = await deps.intake.offeredTopics();
    if (topics.length === 0) return ack({ response_type: 'ephemeral', text: NO_TOPICS_TEXT });
    await ack();
    // Slack sends command text escaped, as every text (`&amp;`, `&lt;`, `&gt;`).
    const prefill = prefillFromCommandText(await readSlackText(client, command.text ?? '', logger));
    await openTicketModal(client, command.trigger_id, { topics, ...prefill, metadata: { source: null } }, respond, logger);
  };
