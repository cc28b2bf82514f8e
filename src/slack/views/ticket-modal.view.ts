import type { KnownBlock, ModalView } from '@slack/types';
import { DETAILS_MAX_LENGTH, SUMMARY_MAX_LENGTH } from '../../domain/ticket-intake';
import { FieldEntry, TopicField } from '../../domain/topic-fields';
import { ids } from '../ids';
import { context, plain } from './blocks';
import { choicesLeftOut, offerChoices } from './select-choices';
import { TicketModalMetadata } from './ticket-modal-metadata';
import { topicFieldInputs } from './topic-fields.view';

export interface TopicChoice {
  readonly id: number;
  readonly name: string;
  /** Its fields; shown at once when it is the only topic (picked from the start). */
  readonly fields?: readonly TopicField[];
}

export interface TicketModalInput {
  readonly topics: readonly TopicChoice[];
  readonly summary?: string;
  readonly details?: string;
  readonly metadata: TicketModalMetadata;
  /** Shown above the inputs, e.g. that a long message was only partly copied. */
  readonly notice?: string;
  /** The help topic picked, with its fields: the modal shows them under Details. */
  readonly topic?: { readonly id: number; readonly fields: readonly TopicField[] };
  /** What the person entered in the topic's fields so far, by field name. */
  readonly fieldEntries?: Readonly<Record<string, FieldEntry>>;
  /** Shown just above the topic's fields, e.g. that they were added and need answers. */
  readonly fieldsNote?: string;
}

/** The note the modal was opened with (`notice`), from a modal as Slack sends it back; kept across redraws. */
export const noticeOfModal = (blocks: unknown): string | undefined => {
  const block: unknown = Array.isArray(blocks) ? blocks.find((candidate: { block_id?: unknown }) => candidate?.block_id === ids.modal.noticeBlock) : undefined;
  const element: unknown = typeof block === 'object' && block !== null ? (block as { elements?: unknown[] }).elements?.[0] : undefined;
  const text = typeof element === 'object' && element !== null ? (element as { text?: unknown }).text : undefined;
  return typeof text === 'string' ? text : undefined;
};

/**
 * The "New ticket" modal: help topic, summary and details, then the picked topic's fields. Every
 * help topic is offered, in the order of helpdesk.yml, in option groups of 100 when there are more
 * than 100 (select-choices.ts). Picking a topic sends a block action (`dispatch_action`), and the
 * app redraws the modal in place with that topic's fields (views.update): inputs keep their block
 * and action ids, so Slack keeps what was typed in them
 * (https://docs.slack.dev/reference/views/modal-views, "Preserving input entry").
 */
export const buildTicketModal = (input: TicketModalInput): ModalView => {
  const offered = offerChoices(input.topics.map((topic) => ({ name: topic.name, value: String(topic.id) })));
  const picked = input.topic ? offered.listed.find((option) => option.value === String(input.topic?.id)) : undefined;
  const initial = picked ?? (offered.listed.length === 1 ? offered.listed[0] : undefined);
  const only = input.topics.length === 1 ? input.topics[0] : undefined;
  const topic = input.topic ?? (only?.fields ? { id: only.id, fields: only.fields } : undefined);
  const blocks: KnownBlock[] = [];
  if (input.notice) blocks.push({ ...context(input.notice), block_id: ids.modal.noticeBlock });
  blocks.push(...choicesLeftOut(offered.left, 'help topics'));
  blocks.push(
    {
      type: 'input',
      block_id: ids.modal.helpTopicBlock,
      label: plain('Help topic'),
      dispatch_action: true,
      element: {
        type: 'static_select',
        action_id: ids.modal.topicPicked,
        placeholder: plain('What is this about?'),
        ...offered.choices,
        ...(initial ? { initial_option: initial } : {}),
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
    ...(topic && input.fieldsNote ? [context(input.fieldsNote)] : []),
    ...(topic ? topicFieldInputs(topic.fields, input.fieldEntries ?? {}) : []),
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
