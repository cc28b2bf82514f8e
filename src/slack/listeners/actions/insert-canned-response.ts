import type { AllMiddlewareArgs, BlockStaticSelectAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { slackErrorName } from '../../delivery/classify-slack-error';
import { ids } from '../../ids';
import { decodeWorkModalMetadata } from '../../views/ticket-ref';
import { buildNoteModal, buildReplyModal, WORK_TEXT_MAX } from '../../views/work-modals.view';
import { ListenerDeps } from '../deps';
import { lookupMarkupNames } from '../read-slack-text';
import { answerPlainText } from '../../views/topic-fields.view';
import { isTextBlock } from '../views/work-submission';
import { originOf } from '../../request-context';

/** The parts of the modal a block_actions payload carries that the insert reads. */
const modalSchema = z.object({
  id: z.string(),
  hash: z.string().optional(),
  callback_id: z.string(),
  private_metadata: z.string().optional(),
  state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }).loose())) }).optional(),
});

/** Which modal the select is in: the message input's label differs, and so does who may act ("reply on", "add a note to"). */
const MODALS = {
  [ids.work.reply]: { build: buildReplyModal, action: 'reply on' },
  [ids.work.note]: { build: buildNoteModal, action: 'add a note to' },
} as const;

/** The next block id of the message input: `text`, then `text.1`, `text.2`, … */
const nextTextBlock = (current: string | undefined): string => {
  const count = current && current !== ids.work.textBlock ? Number(current.slice(ids.work.textBlock.length + 1)) : 0;
  return `${ids.work.textBlock}.${Number.isSafeInteger(count) ? count + 1 : 1}`;
};

/**
 * "Insert a canned response" in Reply to requester or Internal note: the chosen response, its
 * variables filled in for this ticket (the requester's and the agent's names looked up in Slack),
 * goes into the message input with views.update, after what the agent had typed, who can still
 * edit it. A response that would make the message longer than the input holds is not inserted,
 * and the select's hint says so; what was typed stays. The modal changed meanwhile (Slack's
 * `hash_conflict`): nothing is inserted, rather than overwrite what the person just did.
 */
export const handleInsertCannedResponse =
  (deps: ListenerDeps) =>
  async ({ ack, body, action, client, logger, context }: SlackActionMiddlewareArgs<BlockStaticSelectAction> & AllMiddlewareArgs) => {
    await ack();
    const parsed = modalSchema.safeParse(body.view);
    const metadata = parsed.success ? decodeWorkModalMetadata(parsed.data.private_metadata) : null;
    const modal = parsed.success ? MODALS[parsed.data.callback_id as keyof typeof MODALS] : undefined;
    const title = action.selected_option?.value;
    if (!parsed.success || !metadata || !modal || !title) return logger.debug('canned response chosen outside a Reply or Internal note modal');
    const view = parsed.data;
    const allowed = await deps.workflow.authorizeStaff(metadata.ticketId, body.user.id, modal.action, originOf(context));
    // The modal opens for staff only; a refusal here is a forged payload, answered by nothing.
    if (!allowed.ok) return logger.warn('canned response refused', { code: allowed.error.code });
    const { ticket, department } = allowed.value;
    const canned = deps.canned?.offeredTo(department) ?? [];
    // The people and channels the ticket's field answers name are looked up with the requester and the agent.
    const named = ticket.fieldAnswers.flatMap((answer) => (answer.type === 'user' ? [`<@${String(answer.value)}>`] : answer.type === 'channel' ? [`<#${String(answer.value)}>`] : []));
    const names = await lookupMarkupNames(client, [`<@${ticket.requesterId}>`, `<@${body.user.id}>`, ...named].join(' '), logger);
    const nameOf = (userId: string) => names.users.get(userId) ?? `<@${userId}>`;
    // `{field.<name>}`: the ticket's help-topic answers as a person reads them in the plain-text message box.
    const fields: Record<string, string> = Object.fromEntries(ticket.fieldAnswers.map((answer) => [answer.name, answerPlainText(answer, names)]));
    // A box left unticked stores no answer; the topic's form says it was a checkbox, so it reads "No".
    const form = await deps.intake.topicForm(String(ticket.helpTopicId));
    for (const field of form?.fields ?? []) if (field.type === 'checkbox' && !(field.name in fields)) fields[field.name] = 'No';
    const filled = deps.canned?.fill(title, ticket, department, { requesterName: nameOf(ticket.requesterId), agentName: nameOf(body.user.id) }, fields) ?? null;
    if (filled === null) return logger.warn('canned response not offered for this ticket', { title });
    const textBlock = Object.keys(view.state?.values ?? {}).find(isTextBlock);
    const typed = (textBlock ? Object.values(view.state?.values[textBlock] ?? {})[0]?.value : null) ?? '';
    const text = typed.trim() === '' ? filled : `${typed.trimEnd()}\n\n${filled}`;
    const draft =
      text.length <= WORK_TEXT_MAX
        ? { blockId: nextTextBlock(textBlock), text }
        : { blockId: textBlock ?? ids.work.textBlock, text: typed, notice: `"${title}" did not fit: the message would be over ${WORK_TEXT_MAX} characters. Shorten it first.` };
    try {
      await client.views.update({ view_id: view.id, ...(view.hash ? { hash: view.hash } : {}), view: modal.build(ticket, canned, draft) });
    } catch (error) {
      logger.warn('the canned response could not be inserted', { reason: slackErrorName(error) });
    }
  };
