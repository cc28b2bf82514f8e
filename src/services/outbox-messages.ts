import { z } from 'zod';

/**
 * What a committed change owes Slack. Messages carry references, not rendered text:
 * the dispatcher renders from the database when it sends, so a card always shows the latest state.
 */
export const outboxMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('post_ticket_card'), ticketId: z.number().int() }),
  z.object({ kind: z.literal('confirm_to_requester'), ticketId: z.number().int() }),
]);

export type OutboxMessage = z.infer<typeof outboxMessageSchema>;
export type OutboxKind = OutboxMessage['kind'];

export const toOutboxRow = (message: OutboxMessage) => ({
  ticketId: message.ticketId,
  kind: message.kind,
  payload: message,
});
