import type { AckFn, Logger, RespondFn } from '@slack/bolt';
import { WorkflowCommand } from '../../../services/ticket-workflow.service';
import { TicketRef } from '../../views/ticket-ref';
import { ListenerDeps } from '../deps';
import { tellActor } from '../tell-actor';
import { ChangeOrigin } from '../../../services/ticket-change';

export interface CardRequest {
  readonly ref: TicketRef;
  readonly userId: string;
  readonly command: WorkflowCommand;
  /** The request it is asked in, for the change's log line (see `originOf`). */
  readonly changeOrigin?: ChangeOrigin;
}

/**
 * Applies a change asked for from a card, against the version the card showed: of two clicks
 * on the same card, one applies and the other is told why not (the card is then redrawn).
 */
export const applyFromCard = async (deps: ListenerDeps, ack: AckFn<void>, respond: RespondFn, logger: Logger, request: CardRequest): Promise<void> => {
  const result = await deps.workflow
    .perform({ ticketId: request.ref.ticketId, userId: request.userId, command: request.command, expectedVersion: request.ref.version, changeOrigin: request.changeOrigin })
    .finally(() => ack());
  if (!result.ok) await tellActor(respond, logger, result.error.message);
};
