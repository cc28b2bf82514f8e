import { DeliveryOutcome } from '../../services/outbox-dispatcher';
import { OutboxMessage } from '../../services/outbox-messages';
import { TicketEventRow, TicketRow } from '../../services/ports/records';
import { historySummary } from '../views/ticket-event.view';
import { relationThreadLine } from '../views/ticket-relations.view';
import { DeliveryContext, departmentNamer, failed, retry, SENT } from './delivery-context';
import { PostOnce } from './post-once';
import { refreshRelay as rewriteRelay, rewritePieces } from './relay-refresh';

/** Piece numbers of a history rendered again start here, apart from its first posting's, so a retry tells the two apart. */
const HISTORY_REFRESH_PIECES = 1000;

/**
 * A transferred ticket's history summary: its events (up to `upToEventId`, when a posted history
 * is rendered again), each requester message with its latest edit, however late that came.
 */
const historyPieces = async (context: DeliveryContext, ticket: TicketRow, upToEventId = Number.POSITIVE_INFINITY): Promise<{ history: TicketEventRow[]; pieces: string[] }> => {
  const [departmentName, all, messages] = await Promise.all([departmentNamer(context), context.reads.history(ticket.id), context.reads.requesterMessagesOf(ticket.id)]);
  const byId = new Map(all.map((event) => [event.id, event]));
  const latestEdits = new Map<number, TicketEventRow>();
  for (const message of messages) {
    const edit = [...message.laterEventIds]
      .reverse()
      .map((id) => byId.get(id))
      .find((event) => event?.type === 'requester_edited');
    if (edit) latestEdits.set(message.eventId, edit);
  }
  const history = all.filter((event) => event.id <= upToEventId);
  return { history, pieces: historySummary(ticket, history, departmentName, latestEdits) };
};

/** Posts a transferred ticket's history under its new card, and teaches the app where it is (for when a message it quotes is edited or deleted). */
export const postHistory = async (context: DeliveryContext, ticket: TicketRow, poster: PostOnce): Promise<DeliveryOutcome> => {
  if (!ticket.cardChannelId || !ticket.cardTs) return failed('the ticket has no card to post under');
  const { history, pieces } = await historyPieces(context, ticket);
  const ts: string[] = [];
  for (const [index, text] of pieces.entries()) ts.push((await poster.post(ticket.cardChannelId, { text }, ticket.cardTs, index)).ts ?? '');
  const post = { ticketId: ticket.id, channelId: ticket.cardChannelId, threadTs: ticket.cardTs, upToEventId: history.at(-1)?.id ?? 0, ts };
  return { status: 'sent', learned: { fact: 'history_posted', post } };
};

/**
 * Under the card of the ticket a duplicate was merged into: who merged which ticket, then the
 * duplicate's history as a transfer's is shown (its requester's messages with their latest edits).
 */
export const postMergeHistory = async (context: DeliveryContext, ticket: TicketRow, message: Extract<OutboxMessage, { kind: 'merge_history' }>, poster: PostOnce): Promise<DeliveryOutcome> => {
  if (!ticket.cardChannelId || !ticket.cardTs) return failed('the ticket has no card to post under');
  const event = await context.reads.event(message.eventId);
  if (!event) return failed(`event ${message.eventId} not found`);
  const [duplicate] = await context.reads.ticketsByIds([Number(event.after.mergedTicketId)]);
  if (!duplicate) return failed(`merged ticket ${String(event.after.mergedTicketId)} not found`);
  const { pieces } = await historyPieces(context, duplicate);
  for (const [index, text] of [relationThreadLine(event) ?? '', ...pieces].entries()) await poster.post(ticket.cardChannelId, { text }, ticket.cardTs, index);
  return SENT;
};

/** Renders a history posted after a transfer again, with the events it showed: a message it quoted was edited or deleted. */
export const refreshHistory = async (context: DeliveryContext, ticket: TicketRow, message: Extract<OutboxMessage, { kind: 'refresh_history' }>, poster: PostOnce): Promise<DeliveryOutcome> => {
  const post = await context.reads.historyPost(message.channelId, message.threadTs);
  if (!post) {
    // Queued while the history was being posted: it waits for the history, which may show the change already.
    if (await context.reads.isHistoryPending(ticket.id)) return retry('the history to refresh is not posted yet');
    return failed('the history to refresh is not recorded');
  }
  const { pieces } = await historyPieces(context, ticket, post.upToEventId);
  const ts = await rewritePieces(context.client, poster, post, pieces, HISTORY_REFRESH_PIECES);
  if (!ts) return retry('chat.postMessage answered without a ts');
  return { status: 'sent', learned: { fact: 'history_posted', post: { ...post, ts } } };
};

/** Brings the card thread's copy of a requester message in line with its latest edit or its deletion. */
export const refreshRelay = async (context: DeliveryContext, ticket: TicketRow, eventId: number, poster: PostOnce): Promise<DeliveryOutcome> => {
  const message = await context.reads.requesterMessageOf(eventId);
  if (!message) return failed(`requester message of event ${eventId} not found`);
  // An edit waits for the copy it corrects, should the outbox ever send a ticket's messages out of order.
  if (!message.relay && !message.deletedAt && (await context.reads.isThreadLinePending(ticket.id, eventId))) return retry('the edited message is not relayed yet');
  const latest = await context.reads.event(message.laterEventIds.at(-1) ?? message.eventId);
  if (!latest) return failed(`event of requester message ${eventId} not found`);
  return rewriteRelay(context.client, poster, { ticket, message, latest, departmentName: await departmentNamer(context) });
};
