import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { formatTicketNumber, Priority, PRIORITIES } from '../../domain/ticket';
import { FieldValue } from '../../domain/ticket-event';
import { HelpTopicRow, TicketEventRow, TicketRow } from '../../services/ports/records';
import { ids } from '../ids';
import { context, plain } from './blocks';
import { escapeMrkdwn, slackDate } from './mrkdwn';
import { quote } from './message-parts';
import { relayText } from './relay-text';
import { optionText } from './text-cuts';
import { PRIORITY_LABELS } from './ticket-labels';
import { WorkModalMetadata } from './ticket-ref';

/** The summary's limit in the Edit modal, as in the New ticket modal (SUMMARY_MAX_LENGTH). */
const SUMMARY_INPUT_MAX = 150;
/** Typed reasons: Slack's limit for a plain-text input, so nothing typed has to be cut. */
const REASON_MAX = 3000;

const option = (text: string, value: string): PlainTextOption => ({ text: plain(optionText(text)), value });
const priorityOption = (priority: Priority): PlainTextOption => option(PRIORITY_LABELS[priority].replace(/^:[a-z_]+: /, ''), priority);

const reasonInput = (label: string, optional: boolean, hint: string): KnownBlock => ({
  type: 'input',
  block_id: ids.work.textBlock,
  label: plain(label),
  optional,
  hint: plain(hint),
  element: { type: 'plain_text_input', action_id: ids.modal.input, multiline: true, max_length: REASON_MAX },
});

const workModal = (callbackId: string, title: string, submit: string, ticket: TicketRow, blocks: KnownBlock[]): ModalView => ({
  type: 'modal',
  callback_id: callbackId,
  title: plain(title),
  submit: plain(submit),
  close: plain('Cancel'),
  // The version it was opened on: an edit of a ticket changed meanwhile is refused as stale.
  private_metadata: JSON.stringify({ ticketId: ticket.id, version: ticket.version } satisfies WorkModalMetadata),
  blocks: [context(`*${formatTicketNumber(ticket.number)}* ${relayText(ticket.summary)}`), ...blocks],
});

/**
 * **Edit ticket** (the card's ⋮ menu): the summary, the help topic (the department's active
 * topics, the current one picked even if it was since removed) and the priority, up or down, and
 * a required reason. At most 100 topics (a select holds no more; the config allows no more).
 */
export const buildEditModal = (ticket: TicketRow, topics: readonly HelpTopicRow[], currentTopicName: string): ModalView => {
  const choices = topics.filter((topic) => topic.departmentId === ticket.departmentId && topic.id !== ticket.helpTopicId);
  const current = option(currentTopicName, String(ticket.helpTopicId));
  const topicOptions = [current, ...choices.slice(0, 99).map((topic) => option(topic.name, String(topic.id)))];
  return workModal(ids.work.edit, 'Edit ticket', 'Save', ticket, [
    {
      type: 'input',
      block_id: ids.work.summaryBlock,
      label: plain('Summary'),
      element: { type: 'plain_text_input', action_id: ids.modal.input, initial_value: ticket.summary, max_length: SUMMARY_INPUT_MAX },
    },
    {
      type: 'input',
      block_id: ids.work.topicBlock,
      label: plain('Help topic'),
      hint: plain('A topic with its own SLA plan brings that plan; the time already spent still counts.'),
      element: { type: 'static_select', action_id: ids.modal.input, options: topicOptions, initial_option: current },
    },
    {
      type: 'input',
      block_id: ids.work.choiceBlock,
      label: plain('Priority'),
      element: { type: 'static_select', action_id: ids.modal.input, options: PRIORITIES.map(priorityOption), initial_option: priorityOption(ticket.priority) },
    },
    reasonInput('Reason', false, 'Goes into the ticket history with what changed. The requester sees the new values, not the reason.'),
  ]);
};

/** **Withdraw ticket**, from the requester's ticket DM: an optional reason, then the ticket closes as withdrawn. */
export const buildWithdrawModal = (ticket: TicketRow): ModalView =>
  workModal(ids.work.withdraw, 'Withdraw ticket', 'Withdraw', ticket, [
    reasonInput('Why are you withdrawing it?', true, 'Optional. The agents are told in the ticket. You can reopen it later from its thread.'),
  ]);

/** Names of what an edit event's fields hold: help topics and SLA plans by id (removed ones read generically). */
export interface EditNames {
  readonly topicName: (id: FieldValue | undefined) => string;
  readonly planName: (id: FieldValue | undefined) => string;
}

const priorityLabel = (value: FieldValue | undefined): string => PRIORITY_LABELS[value as Priority] ?? String(value);
const due = (value: FieldValue | undefined): string => (typeof value === 'string' ? slackDate(new Date(value)) : 'none');

/**
 * What an `edited` event changed, one clause each, in the card thread's mrkdwn: "Priority: Normal
 * → High". Without `names` (a history rendered where the catalog is not at hand) a new topic or
 * plan reads "changed".
 */
export const editedChanges = (event: Pick<TicketEventRow, 'before' | 'after'>, names: EditNames | null): string[] => {
  const { before, after } = event;
  const changes: string[] = [];
  if ('summary' in after) changes.push(`Summary: “${relayText(String(before.summary))}” → “${relayText(String(after.summary))}”`);
  if ('helpTopicId' in after) {
    changes.push(names ? `Help topic: ${escapeMrkdwn(names.topicName(before.helpTopicId))} → ${escapeMrkdwn(names.topicName(after.helpTopicId))}` : 'Help topic: changed');
  }
  if ('priority' in after) changes.push(`Priority: ${priorityLabel(before.priority)} → ${priorityLabel(after.priority)}`);
  if ('slaPlanId' in after) {
    const plan = (id: FieldValue | undefined) => (id === null || id === undefined ? 'no SLA' : names ? escapeMrkdwn(names.planName(id)) : 'another plan');
    changes.push(`SLA plan: ${plan(before.slaPlanId)} → ${plan(after.slaPlanId)}`);
  }
  if ('dueAt' in after) changes.push(`Due: ${due(before.dueAt)} → ${due(after.dueAt)}`);
  return changes;
};

/** The card-thread line of an `edited` event: who, what changed, and the reason. */
export const editedLine = (actor: string, event: Pick<TicketEventRow, 'before' | 'after' | 'text'>, names: EditNames | null): string =>
  `:pencil2: ${actor} edited this ticket:\n${editedChanges(event, names)
    .map((change) => `• ${change}`)
    .join('\n')}\n*Reason*\n${quote(relayText(event.text ?? ''))}`;

/** The card-thread line of a `withdrawn` event: the requester withdrew it, with their reason if they gave one. */
export const withdrawnLine = (actor: string, event: Pick<TicketEventRow, 'text'>): string =>
  `:outbox_tray: ${actor} (requester) withdrew this ticket; it is closed.${event.text ? `\n${quote(relayText(event.text))}` : ''}`;
