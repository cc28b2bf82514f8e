import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { formatTicketNumber, nextPriority, Priority, PRIORITIES } from '../../domain/ticket';
import { DepartmentRow } from '../../services/ports/records';
import { TicketRow } from '../../services/ports/records';
import { ids } from '../ids';
import { context, plain } from './blocks';
import { byName, choicesLeftOut, offerChoices } from './select-choices';
import { optionText } from './text-cuts';
import { relayText } from './relay-text';
import { PRIORITY_LABELS } from './ticket-labels';
import { WorkModalMetadata } from './ticket-ref';

/** Typed messages in the workflow modals: Slack's input limit, so nothing typed has to be cut. */
export const WORK_TEXT_MAX = 3000;

const textInput = (label: string, options: { optional?: boolean; placeholder?: string; hint?: string; blockId?: string; initial?: string } = {}): InputBlock => ({
  type: 'input',
  block_id: options.blockId ?? ids.work.textBlock,
  label: plain(label),
  optional: options.optional ?? false,
  ...(options.hint ? { hint: plain(options.hint) } : {}),
  element: {
    type: 'plain_text_input',
    action_id: ids.modal.input,
    multiline: true,
    max_length: WORK_TEXT_MAX,
    ...(options.placeholder ? { placeholder: plain(options.placeholder) } : {}),
    ...(options.initial ? { initial_value: options.initial } : {}),
  },
});

/** A canned response as the modals offer it: by its title. */
export interface CannedChoice {
  readonly title: string;
}

/**
 * What the message input holds after a canned response was inserted: a new block id (Slack keeps
 * what a person typed in an input across views.update unless its block id changes) and the text,
 * or a notice beside the unchanged message when the response did not fit.
 */
export interface MessageDraft {
  readonly blockId: string;
  readonly text: string;
  readonly notice?: string;
}

/**
 * "Insert a canned response": a select whose choice is sent at once (`dispatch_action`), so the
 * app fills the message below with it (views.update); nothing when there are no responses.
 */
const cannedSelect = (canned: readonly CannedChoice[], notice: string | undefined): KnownBlock[] => {
  if (canned.length === 0) return [];
  const select: InputBlock = {
    type: 'input',
    block_id: ids.work.cannedBlock,
    optional: true,
    dispatch_action: true,
    label: plain('Insert a canned response'),
    hint: plain(notice ?? 'Fills the message below with its variables filled in; you can still edit it before sending.'),
    element: {
      type: 'static_select',
      action_id: ids.work.insertCanned,
      placeholder: plain('Canned response'),
      options: canned.slice(0, 100).map((response) => option(response.title, response.title)),
    },
  };
  return [select];
};

const option = (text: string, value: string): PlainTextOption => ({ text: plain(optionText(text)), value });

const modal = (callbackId: string, title: string, submit: string, ticket: TicketRow, blocks: KnownBlock[]): ModalView => ({
  type: 'modal',
  callback_id: callbackId,
  title: plain(title),
  submit: plain(submit),
  close: plain('Cancel'),
  private_metadata: JSON.stringify({ ticketId: ticket.id, version: ticket.version } satisfies WorkModalMetadata),
  blocks: [context(`*${formatTicketNumber(ticket.number)}* ${relayText(ticket.summary)}`), ...blocks],
});

export const buildReplyModal = (ticket: TicketRow, canned: readonly CannedChoice[] = [], draft?: MessageDraft): ModalView =>
  modal(ids.work.reply, 'Reply to requester', 'Send', ticket, [
    ...cannedSelect(canned, draft?.notice),
    textInput('Message to the requester', {
      hint: 'Sent to the requester in their ticket conversation, signed with your name.',
      ...(draft ? { blockId: draft.blockId, initial: draft.text } : {}),
    }),
    {
      type: 'input',
      block_id: ids.work.optionsBlock,
      optional: true,
      label: plain('Status'),
      element: {
        type: 'checkboxes',
        action_id: ids.modal.input,
        options: [option('Keep it open (do not wait for the requester)', 'keep_open')],
      },
    },
  ]);

export const buildNoteModal = (ticket: TicketRow, canned: readonly CannedChoice[] = [], draft?: MessageDraft): ModalView =>
  modal(ids.work.note, 'Internal note', 'Add note', ticket, [
    ...cannedSelect(canned, draft?.notice),
    textInput('Note', {
      hint: 'Only agents see this: it goes into the card thread and the history, never to the requester.',
      ...(draft ? { blockId: draft.blockId, initial: draft.text } : {}),
    }),
  ]);

export const buildResolveModal = (ticket: TicketRow): ModalView =>
  modal(ids.work.resolve, 'Resolve ticket', 'Resolve', ticket, [
    textInput('Resolution', { placeholder: 'e.g. Found and reconnected a failed load balancer', hint: 'The requester gets this, with buttons to confirm or reopen.' }),
  ]);

/** A department's agent as the Assign… modal lists them: by name (a name that could not be looked up shows the id). */
export interface AgentChoice {
  readonly userId: string;
  readonly name: string;
}

/**
 * Assign…: a static select of the department's agents by name, the current assignee picked, rather
 * than a users_select of the whole workspace. Every agent is listed: sorted by name, in option
 * groups of 100 when there are more than 100 (Slack's limit for a select's options, see
 * select-choices.ts).
 */
export const buildAssignModal = (ticket: TicketRow, agents: readonly AgentChoice[]): ModalView => {
  const offered = offerChoices(byName(agents.map((agent) => ({ name: agent.name, value: agent.userId }))));
  const current = offered.listed.find((choice) => choice.value === ticket.assigneeId);
  if (offered.listed.length === 0) return modal(ids.work.assign, 'Assign ticket', 'Assign', ticket, [context("The ticket's department has no agents in helpdesk.yml.")]);
  return modal(ids.work.assign, 'Assign ticket', 'Assign', ticket, [
    {
      type: 'input',
      block_id: ids.work.choiceBlock,
      label: plain('Agent'),
      hint: plain("The agents of the ticket's department."),
      element: { type: 'static_select', action_id: ids.modal.input, placeholder: plain('Agent'), ...offered.choices, ...(current ? { initial_option: current } : {}) },
    },
    ...choicesLeftOut(offered.left, 'agents'),
  ]);
};

/** Transfer: every other department, sorted by name, in option groups of 100 when there are more than 100. */
export const buildTransferModal = (ticket: TicketRow, departments: readonly DepartmentRow[]): ModalView => {
  const others = departments.filter((department) => department.id !== ticket.departmentId);
  const offered = offerChoices(byName(others.map((department) => ({ name: department.name, value: String(department.id) }))));
  const choice: KnownBlock[] =
    others.length > 0
      ? [
          {
            type: 'input',
            block_id: ids.work.choiceBlock,
            label: plain('Transfer to'),
            element: { type: 'static_select', action_id: ids.modal.input, placeholder: plain('Department'), ...offered.choices },
          },
          ...choicesLeftOut(offered.left, 'departments'),
        ]
      : [context('There is no other department to transfer to.')];
  return modal(ids.work.transfer, 'Transfer ticket', 'Transfer', ticket, [...choice, textInput('Reason', { placeholder: 'e.g. needs the load balancer team' })]);
};

export const buildEscalateModal = (ticket: TicketRow): ModalView => {
  const choices = PRIORITIES.filter((priority) => PRIORITIES.indexOf(priority) >= PRIORITIES.indexOf(ticket.priority));
  const initial = nextPriority(ticket.priority);
  const priorityOption = (priority: Priority) => option(PRIORITY_LABELS[priority].replace(/^:[a-z_]+: /, ''), priority);
  return modal(ids.work.escalate, 'Escalate ticket', 'Escalate', ticket, [
    {
      type: 'input',
      block_id: ids.work.choiceBlock,
      label: plain('New priority'),
      element: { type: 'static_select', action_id: ids.modal.input, options: choices.map(priorityOption), initial_option: priorityOption(initial) },
    },
    textInput('Reason', { hint: "The department's managers get it in their escalation alert." }),
  ]);
};

/** The requester's Reopen, from their resolution prompt or their closed ticket's message. */
export const buildStillBrokenModal = (ticket: TicketRow): ModalView =>
  modal(ids.work.stillBroken, 'Reopen ticket', 'Reopen', ticket, [textInput('What is still wrong?', { optional: true, hint: 'Goes to the agents working on your ticket.' })]);
