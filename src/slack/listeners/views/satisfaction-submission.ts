import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { isSatisfactionRating } from '../../../domain/satisfaction';
import { ids } from '../../ids';
import { satisfactionModalMetadataSchema } from '../../views/satisfaction.view';
import { ListenerDeps } from '../deps';
import { originOf } from '../../request-context';

const inputState = z.object({ value: z.string().nullish(), selected_option: z.object({ value: z.string() }).nullish() }).loose();
const stateSchema = z.record(z.string(), z.record(z.string(), inputState));

const readMetadata = (text: string): { ticketId: number } | null => {
  try {
    const parsed = satisfactionModalMetadataSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

/**
 * How did we do?'s modal was submitted: the rating and the comment are stored once. A refusal
 * (answered already, not theirs) stays in the modal beside the rating, so the comment they typed
 * is still there to copy.
 */
export const handleSatisfactionSubmission =
  (deps: ListenerDeps) =>
  async ({ ack, body, view, logger, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const parsed = stateSchema.safeParse(view.state.values);
    const state = parsed.success ? parsed.data : {};
    const metadata = readMetadata(view.private_metadata);
    const rating = Number(state[ids.satisfaction.ratingBlock]?.[ids.modal.input]?.selected_option?.value);
    if (!isSatisfactionRating(rating)) return ack({ response_action: 'errors', errors: { [ids.satisfaction.ratingBlock]: 'Pick one of the five answers.' } });
    if (!metadata || !deps.satisfaction) {
      logger.warn('satisfaction modal with unreadable metadata');
      return ack({ response_action: 'errors', errors: { [ids.satisfaction.ratingBlock]: 'This form is out of date. Close it and click your answer again.' } });
    }
    const comment = state[ids.satisfaction.commentBlock]?.[ids.modal.input]?.value ?? null;
    try {
      const result = await deps.satisfaction.answer({ ticketId: metadata.ticketId, userId: body.user.id, rating, comment, requestKey: `view:${view.id}`, changeOrigin: originOf(context) });
      if (result.ok) return await ack();
      const block = result.error.code === 'TICKET.TEXT_TOO_LONG' ? ids.satisfaction.commentBlock : ids.satisfaction.ratingBlock;
      await ack({ response_action: 'errors', errors: { [block]: result.error.message } });
    } catch (error) {
      logger.error('satisfaction submission failed', error);
      await ack({ response_action: 'errors', errors: { [ids.satisfaction.ratingBlock]: 'Something went wrong saving this. Nothing was lost: please press Send again.' } });
    }
  };
