import type { AllMiddlewareArgs, BlockAction, BlockElementAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { slackErrorName } from '../../delivery/classify-slack-error';
import { buildTicketModal, noticeOfModal } from '../../views/ticket-modal.view';
import { parseTicketModalMetadata } from '../../views/ticket-modal-metadata';
import { ListenerDeps } from '../deps';
import { readTicketForm } from '../ticket-form-state';

/** The modal the topic was picked in, as Slack sends it with the block action. */
const pickedIn = z.object({
  id: z.string().min(1),
  hash: z.string().min(1),
  private_metadata: z.string().optional(),
  state: z.object({ values: z.unknown() }).loose(),
  blocks: z.unknown(),
});

/**
 * A help topic was picked in the New ticket modal (its select dispatches a block action): the
 * modal is redrawn in place with that topic's fields, everything typed kept. The update carries
 * the view's `hash`, so a redraw answering an older pick never overwrites a newer one: Slack
 * refuses it with `hash_conflict`, and the newer pick's redraw stands.
 */
export const handleTicketTopicPicked =
  (deps: ListenerDeps) =>
  async ({ ack, body, client, logger }: SlackActionMiddlewareArgs<BlockAction<BlockElementAction>> & AllMiddlewareArgs) => {
    await ack();
    const view = pickedIn.safeParse(body.view);
    if (!view.success) return logger.warn('a help topic was picked outside a modal; nothing to redraw');
    const form = readTicketForm(view.data.state.values);
    const [topics, topic] = await Promise.all([deps.intake.offeredTopics(), deps.intake.topicForm(form.helpTopicId)]);
    const notice = noticeOfModal(view.data.blocks);
    const modal = buildTicketModal({
      ...(notice ? { notice } : {}),
      topics,
      summary: form.summary,
      details: form.details,
      metadata: parseTicketModalMetadata(view.data.private_metadata),
      ...(topic ? { topic } : {}),
      fieldEntries: form.fieldEntries,
    });
    try {
      await client.views.update({ view_id: view.data.id, hash: view.data.hash, view: modal });
    } catch (error) {
      const reason = slackErrorName(error);
      // A newer pick redrew the modal first; its redraw is the one to keep. Submit still asks for any field not shown.
      if (reason === 'hash_conflict') return logger.debug('topic redraw superseded by a newer one');
      logger.warn('views.update of the New ticket modal failed', { reason });
    }
  };
