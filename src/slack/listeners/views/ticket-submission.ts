import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { IntakeField } from '../../../services/ticket-intake.service';
import { ids } from '../../ids';
import { parseTicketModalMetadata } from '../../views/ticket-modal-metadata';
import { buildTicketSubmittedModal } from '../../views/ticket-submitted.view';
import { ListenerDeps } from '../deps';

const inputState = z.object({ value: z.string().nullish(), selected_option: z.object({ value: z.string() }).nullish() }).loose();
/** `view.state.values`: block id → action id → what the person entered. */
const stateSchema = z.record(z.string(), z.record(z.string(), inputState));

const BLOCK_FOR_FIELD: Record<IntakeField, string> = {
  helpTopic: ids.modal.helpTopicBlock,
  summary: ids.modal.summaryBlock,
  details: ids.modal.detailsBlock,
};

/** The New ticket modal was submitted: file the ticket, or keep the modal open with inline errors. */
export const handleTicketSubmission =
  (deps: ListenerDeps) =>
  async ({ ack, body, view, logger }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const state = stateSchema.safeParse(view.state.values);
    const values: z.infer<typeof stateSchema> = state.success ? state.data : {};
    const field = (block: string) => values[block]?.[ids.modal.input];
    const metadata = parseTicketModalMetadata(view.private_metadata);
    try {
      const result = await deps.intake.submit({
        intakeKey: view.id,
        requesterId: body.user.id,
        helpTopicId: field(ids.modal.helpTopicBlock)?.selected_option?.value ?? null,
        summary: field(ids.modal.summaryBlock)?.value ?? '',
        details: field(ids.modal.detailsBlock)?.value ?? '',
        source: metadata.source,
      });
      if (!result.ok) {
        const errors = Object.fromEntries(Object.entries(result.error).map(([name, message]) => [BLOCK_FOR_FIELD[name as IntakeField], message]));
        return await ack({ response_action: 'errors', errors });
      }
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
