import type { KnownBlock, ModalView } from '@slack/types';
import { DETAILS_MAX_LENGTH, SUMMARY_MAX_LENGTH } from '../../domain/ticket-intake';
import { ids } from '../ids';
import { context, plain } from './blocks';
import { choicesLeftOut, offerChoices } from './select-choices';
import { TicketModalMetadata } from './ticket-modal-metadata';

export interface TopicChoice {
  readonly id: number;
  readonly name: string;
}

export interface TicketModalInput {
  readonly topics: readonly TopicChoice[];
  readonly summary?: string;
  readonly details?: string;
  readonly metadata: TicketModalMetadata;
  /** Shown above the inputs, e.g. that a long message was only partly copied. */
  readonly notice?: string;
}

/**
 * The "New ticket" modal: help topic, summary and details. Every help topic is offered, in the
 * order of helpdesk.yml, in option groups of 100 when there are more than 100 (select-choices.ts).
 */
export const buildTicketModal = (input: TicketModalInput): ModalView => {
  const offered = offerChoices(input.topics.map((topic) => ({ name: topic.name, value: String(topic.id) })));
  const only = offered.listed.length === 1 ? offered.listed[0] : undefined;
  const blocks: KnownBlock[] = [];
  if (input.notice) blocks.push(context(input.notice));
  blocks.push(...choicesLeftOut(offered.left, 'help topics'));
  blocks.push(
    {
      type: 'input',
      block_id: ids.modal.helpTopicBlock,
      label: plain('Help topic'),
      element: {
        type: 'static_select',
        action_id: ids.modal.input,
        placeholder: plain('What is this about?'),
        ...offered.choices,
        ...(only ? { initial_option: only } : {}),
      },
    },
    {
      type: 'input',
      block_id: ids.modal.summaryBlock,
      label: plain('Summary'),
      hint: plain(`One line, at most ${SUMMARY_MAX_LENGTH} characters.`),
      element: {
        type: 'plain_text_input',
        action_id: ids.modal.input,
        max_length: SUMMARY_MAX_LENGTH,
        placeholder: plain('e.g. Entire mobile online banking is down'),
        ...(input.summary ? { initial_value: input.summary } : {}),
      },
    },
    {
      type: 'input',
      block_id: ids.modal.detailsBlock,
      label: plain('Details'),
      optional: true,
      hint: plain('What happened, since when, who is affected, what you tried.'),
      element: {
        type: 'plain_text_input',
        action_id: ids.modal.input,
        multiline: true,
        max_length: DETAILS_MAX_LENGTH,
        ...(input.details ? { initial_value: input.details } : {}),
      },
    },
  );
  return {
    type: 'modal',
    callback_id: ids.modal.newTicket,
    title: plain('New ticket'),
    submit: plain('Submit'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify(input.metadata),
    blocks,
  };
};
