import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';

/** A click on an element whose action id this app does not know: answered at once (Slack allows 3 s), changing nothing, and logged. */
export const handleUnknownAction = async ({ ack, action, logger }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
  await ack();
  logger.warn('a click on an element this app does not know', { actionId: action.action_id });
};
