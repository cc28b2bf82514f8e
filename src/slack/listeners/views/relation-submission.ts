import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { TicketError } from '../../../domain/ticket-error';
import { Result } from '../../../domain/result';
import { RelationOutcome } from '../../../services/ticket-relations.service';
import { ids } from '../../ids';
import { decodeWorkModalMetadata, WorkModalMetadata } from '../../views/ticket-ref';
import { ListenerDeps } from '../deps';
import { originOf } from '../../request-context';
import { ChangeOrigin } from '../../../services/ticket-change';

const inputState = z.object({ value: z.string().nullish(), selected_option: z.object({ value: z.string() }).nullish() }).loose();
const stateSchema = z.record(z.string(), z.record(z.string(), inputState));
const NUMBER = /^\s*#?\s*(\d{1,9})\s*$/;

type Errors = Record<string, string>;
type Relate = (
  deps: ListenerDeps,
  request: { ticketId: number; userId: string; number: number; metadata: WorkModalMetadata; requestKey: string; changeOrigin: ChangeOrigin | undefined },
) => Promise<Result<RelationOutcome, TicketError>>;

/** Which ticket number the form names, and from which input; or the errors to show beside the inputs. */
const numberNamed = (values: unknown): { number: number; block: string } | { errors: Errors } => {
  const parsed = stateSchema.safeParse(values);
  const state = parsed.success ? parsed.data : {};
  const typed = state[ids.work.numberBlock]?.[ids.modal.input]?.value?.trim() ?? '';
  const picked = state[ids.work.choiceBlock]?.[ids.modal.input]?.selected_option?.value ?? null;
  const match = NUMBER.exec(typed);
  if (typed !== '' && !match) return { errors: { [ids.work.numberBlock]: `"${typed.slice(0, 20)}" is not a ticket number: type its digits, such as 1042.` } };
  const typedNumber = match ? Number(match[1]) : null;
  const pickedNumber = picked === null ? null : Number(picked);
  if (typedNumber !== null && pickedNumber !== null && typedNumber !== pickedNumber) {
    return { errors: { [ids.work.numberBlock]: `You picked #${pickedNumber} above and typed #${typedNumber}: keep one of them.` } };
  }
  if (typedNumber !== null) return { number: typedNumber, block: ids.work.numberBlock };
  if (pickedNumber !== null && Number.isSafeInteger(pickedNumber)) return { number: pickedNumber, block: ids.work.choiceBlock };
  return { errors: { [ids.work.numberBlock]: 'Pick a ticket above or type its number.' } };
};

/** Errors about the other ticket go beside the input that named it; errors about this ticket (stale, closed, not permitted) beside the first input. */
const ABOUT_THE_OTHER = new Set<TicketError['code']>(['TICKET.SAME_TICKET', 'TICKET.OTHER_DEPARTMENT', 'TICKET.TARGET_CLOSED', 'TICKET.UNKNOWN_NUMBER', 'TICKET.ALREADY_LINKED']);

/**
 * Merge into… or Link ticket… was submitted: the ticket named (picked or typed) is read, and the
 * service asked. Every refusal keeps the modal open with the reason beside the input it concerns.
 */
const handleRelationSubmission =
  (deps: ListenerDeps, relate: Relate) =>
  async ({ ack, body, view, logger, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const firstInput = view.blocks.find((block) => block.type === 'input')?.block_id ?? ids.work.numberBlock;
    const metadata = decodeWorkModalMetadata(view.private_metadata);
    if (!metadata) return ack({ response_action: 'errors', errors: { [firstInput]: 'This form is out of date. Close it and start again from the ticket.' } });
    const named = numberNamed(view.state.values);
    if ('errors' in named) return ack({ response_action: 'errors', errors: named.errors });
    try {
      const result = await relate(deps, { ticketId: metadata.ticketId, userId: body.user.id, number: named.number, metadata, requestKey: `view:${view.id}`, changeOrigin: originOf(context) });
      if (result.ok) return await ack();
      const block = ABOUT_THE_OTHER.has(result.error.code) ? named.block : firstInput;
      await ack({ response_action: 'errors', errors: { [block]: result.error.message } });
    } catch (error) {
      logger.error('merge or link submission failed', error);
      await ack({ response_action: 'errors', errors: { [firstInput]: 'Something went wrong saving this. Nothing was lost: please press the button again.' } });
    }
  };

/** Merge into…: against the version of the duplicate the form was opened on (a change since refuses it as stale). */
export const handleMergeSubmission = (deps: ListenerDeps) =>
  handleRelationSubmission(deps, (d, request) =>
    d.relations.merge({
      ticketId: request.ticketId,
      userId: request.userId,
      targetNumber: request.number,
      expectedVersion: request.metadata.version,
      requestKey: request.requestKey,
      changeOrigin: request.changeOrigin,
    }),
  );

/** Link ticket…: applies to the tickets as they are now. */
export const handleLinkSubmission = (deps: ListenerDeps) =>
  handleRelationSubmission(deps, (d, request) =>
    d.relations.link({ ticketId: request.ticketId, userId: request.userId, otherNumber: request.number, requestKey: request.requestKey, changeOrigin: request.changeOrigin }),
  );
