import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { IntakeErrors, IntakeField } from '../../../services/ticket-intake.service';
import { ids } from '../../ids';
import { buildTicketModal, noticeOfModal } from '../../views/ticket-modal.view';
import { parseTicketModalMetadata } from '../../views/ticket-modal-metadata';
import { buildTicketSubmittedModal } from '../../views/ticket-submitted.view';
import { fieldBlockId } from '../../views/topic-fields.view';
import { ListenerDeps } from '../deps';
import { readTicketForm } from '../ticket-form-state';
import { originOf } from '../../request-context';

const BLOCK_FOR_FIELD: Record<IntakeField, string> = {
  helpTopic: ids.modal.helpTopicBlock,
  summary: ids.modal.summaryBlock,
  details: ids.modal.detailsBlock,
};

/** The modal's inline errors, by block id: the ticket's own inputs, then each topic field's. */
const inlineErrors = (errors: IntakeErrors): Record<string, string> => {
  const own = (Object.keys(BLOCK_FOR_FIELD) as IntakeField[]).flatMap((name) => {
    const message = errors[name];
    return message === undefined ? [] : [[BLOCK_FOR_FIELD[name], message] as const];
  });
  return {
    ...Object.fromEntries(own),
    ...Object.fromEntries(Object.entries(errors.fields ?? {}).map(([name, message]) => [fieldBlockId(name), message])),
  };
};

/** The New ticket modal was submitted: file the ticket, or keep the modal open with inline errors. */
export const handleTicketSubmission =
  (deps: ListenerDeps) =>
  async ({ ack, body, view, logger, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const form = readTicketForm(view.state.values);
    const metadata = parseTicketModalMetadata(view.private_metadata);
    try {
      const result = await deps.intake.submit({
        intakeKey: view.id,
        requesterId: body.user.id,
        ...form,
        source: metadata.source,
        changeOrigin: originOf(context),
        followsUpTicketId: metadata.followsUp?.ticketId ?? null,
      });
      if (!result.ok && result.error.askFirst) {
        // The topic asks questions the modal did not show yet: show them, keeping everything typed.
        const topics = await deps.intake.offeredTopics();
        const topic = result.error.askFirst;
        const fieldsNote = `“${topic.name}” asks a few more questions below. Answer them and press Submit again.`;
        const notice = noticeOfModal(view.blocks);
        const modal = buildTicketModal({ topics, summary: form.summary, details: form.details, metadata, ...(notice ? { notice } : {}), topic, fieldEntries: form.fieldEntries, fieldsNote });
        return await ack({ response_action: 'update', view: modal });
      }
      if (!result.ok) return await ack({ response_action: 'errors', errors: inlineErrors(result.error) });
      const { ticket, department } = result.value;
      await ack({
        response_action: 'update',
        view: buildTicketSubmittedModal({ number: ticket.number, summary: ticket.summary, departmentName: department.name, cardWaiting: deps.channelUnusable?.(department.channelId) ?? false }),
      });
    } catch (error) {
      logger.error('ticket submission failed', error);
      // The modal stays open with everything the person typed, so pressing Submit again loses nothing.
      await ack({
        response_action: 'errors',
        errors: { [ids.modal.summaryBlock]: 'Something went wrong saving your ticket. Nothing was lost: please press Submit again.' },
      });
    }
  };
