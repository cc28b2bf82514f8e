import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { DETAILS_MAX_LENGTH, SUMMARY_MAX_LENGTH } from '../../domain/ticket-intake';
import { ids } from '../ids';
import { context, plain } from './blocks';
import { optionText } from './text-cuts';
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

const MAX_OPTIONS = 100;

const topicOption = (topic: TopicChoice): PlainTextOption => ({
  text: plain(optionText(topic.name)),
  value: String(topic.id),
});

/** The "New ticket" modal: help topic, summary and details. */
export const buildTicketModal = (input: TicketModalInput): ModalView => {
  const options = input.topics.slice(0, MAX_OPTIONS).map(topicOption);
  const blocks: KnownBlock[] = [];
  if (input.notice) blocks.push(context(input.notice));
  blocks.push(
    {
      type: 'input',
      block_id: ids.modal.helpTopicBlock,
      label: plain('Help topic'),
      element: {
        type: 'static_select',
        action_id: ids.modal.input,
        placeholder: plain('What is this about?'),
        options,
        ...(options.length === 1 && options[0] ? { initial_option: options[0] } : {}),
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
