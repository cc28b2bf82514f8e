import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { slackErrorName } from '../../delivery/classify-slack-error';
import { buildSearchModal } from '../../views/search-results.view';

/** The Home's Search button (`home_open_search`): opens the Search modal. Who may search is checked when it is submitted. */
export const handleOpenSearchModal = async ({ ack, body, client, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
  await ack();
  try {
    await client.views.open({ trigger_id: body.trigger_id, view: buildSearchModal() });
  } catch (error) {
    logger.warn('views.open of the Search modal failed', { reason: slackErrorName(error) });
  }
};
