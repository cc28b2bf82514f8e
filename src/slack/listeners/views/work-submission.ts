import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { PRIORITIES } from '../../../domain/ticket';
import { TicketErrorCode } from '../../../domain/ticket-error';
import { WorkflowCommand } from '../../../services/ticket-workflow.service';
import { AttachedFile } from '../../../services/attachments';
import { ids } from '../../ids';
import { decodeWorkModalMetadata } from '../../views/ticket-ref';
import { ListenerDeps } from '../deps';
import { originOf } from '../../request-context';

const inputState = z
  .object({
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_options: z.array(z.object({ value: z.string() })).nullish(),
    selected_user: z.string().nullish(),
    // A file_input's files (https://docs.slack.dev/reference/block-kit/block-elements/file-input-element).
    files: z.array(z.object({ id: z.string(), name: z.string().nullish(), size: z.number(), mimetype: z.string().nullish(), url_private_download: z.string() }).loose()).nullish(),
  })
  .loose();
const stateSchema = z.record(z.string(), z.record(z.string(), inputState));

export interface WorkInputs {
  readonly text: string;
  readonly choice: string | null;
  readonly options: readonly string[];
  /** Files attached in the modal (the Reply to requester modal's file input). */
  readonly files: readonly AttachedFile[];
  /** The Edit modal's summary and help topic (its option value, the topic's id). */
  readonly summary: string | null;
  readonly topic: string | null;
}

export type CommandFromInputs = (inputs: WorkInputs) => WorkflowCommand | { readonly error: string; readonly block: string };

/** Which input an error belongs beside; problems with the ticket itself go beside the first input. */
const BLOCK_OF_ERROR: Partial<Record<TicketErrorCode, string>> = {
  'TICKET.TEXT_REQUIRED': ids.work.textBlock,
  'TICKET.ASSIGNEE_NOT_AN_AGENT': ids.work.choiceBlock,
  'TICKET.ALREADY_ASSIGNED': ids.work.choiceBlock,
  'TICKET.SAME_DEPARTMENT': ids.work.choiceBlock,
  'TICKET.PRIORITY_NOT_HIGHER': ids.work.choiceBlock,
  'TICKET.DEPARTMENT_UNAVAILABLE': ids.work.choiceBlock,
  'TICKET.FILE_REFUSED': ids.work.filesBlock,
  'TICKET.SUMMARY_INVALID': ids.work.summaryBlock,
  'TICKET.TOPIC_UNAVAILABLE': ids.work.topicBlock,
};

/**
 * The message input's block: `text`, or `text.<n>` once a canned response was inserted (a new
 * block id is how views.update replaces what an input holds; see canned-response-insert.ts).
 */
export const isTextBlock = (blockId: string): boolean => blockId === ids.work.textBlock || blockId.startsWith(`${ids.work.textBlock}.`);

const readInputs = (values: unknown): WorkInputs => {
  const parsed = stateSchema.safeParse(values);
  const state = parsed.success ? parsed.data : {};
  const input = (block: string) => state[block]?.[ids.modal.input];
  const choice = input(ids.work.choiceBlock);
  const textBlock = Object.keys(state).find(isTextBlock) ?? ids.work.textBlock;
  return {
    text: input(textBlock)?.value ?? '',
    choice: choice?.selected_option?.value ?? choice?.selected_user ?? null,
    options: input(ids.work.optionsBlock)?.selected_options?.map((option) => option.value) ?? [],
    files: (input(ids.work.filesBlock)?.files ?? []).map((file) => ({
      id: file.id,
      name: file.name ?? file.id,
      size: file.size,
      mimetype: file.mimetype ?? 'application/octet-stream',
      url: file.url_private_download,
    })),
    summary: input(ids.work.summaryBlock)?.value ?? null,
    topic: input(ids.work.topicBlock)?.selected_option?.value ?? null,
  };
};

/**
 * A workflow modal was submitted. The change applies to the ticket as it is now; if it no longer
 * makes sense (resolved meanwhile, say) the modal stays open with the reason beside the input.
 */
export const handleWorkSubmission =
  (deps: ListenerDeps, toCommand: CommandFromInputs, options: { readonly answersPrompt?: boolean; readonly checksVersion?: boolean } = {}) =>
  async ({ ack, body, view, logger, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const metadata = decodeWorkModalMetadata(view.private_metadata);
    // The canned-response select only fills the message: errors never go beside it.
    const firstInput = view.blocks.find((block) => block.type === 'input' && block.block_id !== ids.work.cannedBlock)?.block_id ?? ids.work.textBlock;
    if (!metadata) {
      logger.warn('workflow modal with unreadable metadata', { callbackId: view.callback_id });
      return ack({ response_action: 'errors', errors: { [firstInput]: 'This form is out of date. Close it and start again from the ticket.' } });
    }
    const inputs = readInputs(view.state.values);
    const command = toCommand(inputs);
    if ('error' in command) return ack({ response_action: 'errors', errors: { [command.block]: command.error } });
    // The text input's block id changes when a canned response is inserted: its errors go where it is now.
    const textBlock = view.blocks.find((block) => block.block_id !== undefined && isTextBlock(block.block_id))?.block_id ?? ids.work.textBlock;
    try {
      const result = await deps.workflow.perform({
        ticketId: metadata.ticketId,
        userId: body.user.id,
        command,
        requestKey: `view:${view.id}`,
        changeOrigin: originOf(context),
        ...(options.answersPrompt ? { answersPrompt: true } : {}),
        ...(inputs.files.length > 0 ? { files: inputs.files } : {}),
        // An edit is made to the ticket as the modal showed it: a change in between refuses it as stale.
        ...(options.checksVersion ? { expectedVersion: metadata.version } : {}),
      });
      if (result.ok) return await ack();
      const known = BLOCK_OF_ERROR[result.error.code];
      const block = known === ids.work.textBlock ? textBlock : (known ?? firstInput);
      await ack({ response_action: 'errors', errors: { [block]: result.error.message } });
    } catch (error) {
      logger.error('workflow submission failed', error);
      await ack({ response_action: 'errors', errors: { [firstInput]: 'Something went wrong saving this. Nothing was lost: please press the button again.' } });
    }
  };

const priority = z.enum(PRIORITIES);

/** How each workflow modal's inputs become a command. */
export const workCommands = {
  reply: ({ text, options }) => ({ type: 'reply', message: text, keepOpen: options.includes('keep_open') }),
  note: ({ text }) => ({ type: 'note', text }),
  resolve: ({ text }) => ({ type: 'resolve', note: text }),
  stillBroken: ({ text }) => ({ type: 'reopen', message: text.trim() === '' ? null : text }),
  assign: ({ choice }) => (choice ? { type: 'assign', assigneeId: choice } : { error: 'Pick an agent.', block: ids.work.choiceBlock }),
  transfer: ({ choice, text }) => {
    const departmentId = Number(choice);
    if (!choice || !Number.isSafeInteger(departmentId)) return { error: 'Pick a department.', block: ids.work.choiceBlock };
    return { type: 'transfer', toDepartmentId: departmentId, reason: text };
  },
  escalate: ({ choice, text }) => {
    const parsed = priority.safeParse(choice);
    if (!parsed.success) return { error: 'Pick a priority.', block: ids.work.choiceBlock };
    return { type: 'escalate', reason: text, priority: parsed.data };
  },
  edit: ({ summary, topic, choice, text }) => {
    const helpTopicId = Number(topic);
    if (!topic || !Number.isSafeInteger(helpTopicId)) return { error: 'Pick a help topic.', block: ids.work.topicBlock };
    const parsed = priority.safeParse(choice);
    if (!parsed.success) return { error: 'Pick a priority.', block: ids.work.choiceBlock };
    return { type: 'edit', summary: summary ?? '', helpTopicId, priority: parsed.data, reason: text };
  },
  withdraw: ({ text }) => ({ type: 'withdraw', reason: text.trim() === '' ? null : text }),
} satisfies Record<string, CommandFromInputs>;
