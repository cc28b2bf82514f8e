import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { prefillFromCommandText } from '../../views/ticket-modal-prefill';
import { ListenerDeps } from '../deps';
import { openTicketModal } from '../open-ticket-modal';

export const NO_TOPICS_TEXT = 'The help desk has no help topics yet, so tickets cannot be filed. Please tell your help desk admin.';

/** `/ticket [summary]` opens the New ticket modal, with the text as the summary. */
export const handleTicketCommand =
  (deps: ListenerDeps) =>
  async ({ ack, command, client, respond, logger }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    const topics = await deps.intake.offeredTopics();
    if (topics.length === 0) return ack({ response_type: 'ephemeral', text: NO_TOPICS_TEXT });
    await ack();
    const prefill = prefillFromCommandText(command.text ?? '');
    await openTicketModal(client, command.trigger_id, { topics, ...prefill, metadata: { source: null } }, respond, logger);
  };
