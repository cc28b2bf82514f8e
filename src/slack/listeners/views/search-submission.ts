import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { ids } from '../../ids';
import { buildSearchModal, buildSearchResultBlocks, SEARCH_NOT_STAFF_TEXT } from '../../views/search-results.view';
import { ListenerDeps } from '../deps';

const inputState = z.object({ value: z.string().nullish(), selected_user: z.string().nullish() }).loose();
const stateSchema = z.record(z.string(), z.record(z.string(), inputState));

/** Slack's limit for an input block's error message is not documented beyond "short"; ours stay under 150 characters. */
const NOTHING_TO_SEARCH = 'Type words or a ticket number, or pick a requester.';

/**
 * The Search modal was submitted: the search runs and the modal is updated in place with the
 * results below the inputs (`response_action: update`, Slack's documented answer to a
 * view_submission), so the person can refine and search again. A refusal shows beside the input.
 */
export const handleSearchSubmission =
  (deps: ListenerDeps) =>
  async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const parsed = stateSchema.safeParse(view.state.values);
    const state = parsed.success ? parsed.data : {};
    const typed = state[ids.search.textBlock]?.[ids.modal.input]?.value ?? '';
    const requesterId = state[ids.search.requesterBlock]?.[ids.modal.input]?.selected_user ?? null;
    const answer = await deps.search.searchAs(body.user.id, typed, { requesterId });
    if (!answer.ok) {
      const error = answer.error === 'not_staff' ? SEARCH_NOT_STAFF_TEXT.split(':')[0] + '.' : NOTHING_TO_SEARCH;
      return ack({ response_action: 'errors', errors: { [ids.search.textBlock]: error } });
    }
    await ack({
      response_action: 'update',
      view: buildSearchModal(typed, requesterId, buildSearchResultBlocks(answer.value, [typed.trim(), requesterId ? `from <@${requesterId}>` : ''].filter(Boolean).join(' '))),
    });
  };
