import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';

/** A submission of a modal whose callback id this app does not know: answered at once with an empty ack (the modal closes), and logged. */
export const handleUnknownView = async ({ ack, view, logger }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
  await ack();
  logger.warn('a submission of a modal this app does not know', { callbackId: view.callback_id });
};
