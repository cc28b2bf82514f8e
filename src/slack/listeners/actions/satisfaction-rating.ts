import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { slackErrorName } from '../../delivery/classify-slack-error';
import { buildSatisfactionModal, satisfactionChoiceSchema } from '../../views/satisfaction.view';
import { ListenerDeps } from '../deps';
import { tellActor } from '../tell-actor';

const readChoice = (value: string | undefined) => {
  try {
    const parsed = satisfactionChoiceSchema.safeParse(JSON.parse(value ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

/** One of How did we do?'s five buttons: opens the modal with that rating chosen and room for a comment. */
export const handleSatisfactionRating =
  (deps: ListenerDeps) =>
  async ({ ack, body, action, client, respond, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const choice = readChoice(action.value);
    if (!choice || !deps.satisfaction) return logger.warn('satisfaction button with an unreadable value');
    const question = await deps.satisfaction.question(choice.ticketId, body.user.id);
    if (!question.ok) return tellActor(respond, logger, question.error.message);
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: buildSatisfactionModal(question.value.ticketId, question.value.number, choice.rating) });
    } catch (error) {
      await tellActor(respond, logger, `The form could not be opened (${slackErrorName(error)}). Please click again.`);
    }
  };
