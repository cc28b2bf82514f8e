import { DeliveryOutcome } from '../../services/outbox-dispatcher';
import { OutboxMessage } from '../../services/outbox-messages';
import { TicketRow } from '../../services/ports/records';
import { watcherUpdate } from '../views/watcher.view';
import { DeliveryContext, departmentNamer, failed, retry, SENT } from './delivery-context';
import { PostOnce } from './post-once';

/** Events a watcher should be notified of, as the requester is: broadcast from their thread to the DM itself. */
const BROADCAST = new Set<string>(['replied', 'resolved']);

/**
 * Tells a watcher of one ticket event in their own ticket conversation (their DM with the app).
 * Being added starts that conversation (the app learns where); a watcher removed meanwhile hears
 * nothing more, except that they were removed, which comes as a message of its own.
 */
export const deliverWatcherUpdate = async (context: DeliveryContext, ticket: TicketRow, message: Extract<OutboxMessage, { kind: 'watcher_update' }>, poster: PostOnce): Promise<DeliveryOutcome> => {
  const event = await context.reads.event(message.eventId);
  if (!event) return failed(`event ${message.eventId} not found`);
  const update = watcherUpdate({ ticket, event, departmentName: await departmentNamer(context) }, message.userId);
  if (!update) return SENT;
  const watcher = await context.reads.watcher(ticket.id, message.userId);
  if (!watcher && event.type !== 'watcher_removed') return SENT;
  const started = !watcher?.dmChannelId || !watcher.dmTs;
  const channel = started ? await context.dmChannels.of(message.userId, context.pace) : watcher.dmChannelId;
  if (!channel) return retry('conversations.open answered without a channel');
  const posted = await poster.post(channel, update, started ? null : watcher.dmTs, 0, !started && BROADCAST.has(event.type));
  if (!watcher || !started) return SENT;
  if (!posted.ts) return retry('chat.postMessage answered without a ts');
  return { status: 'sent', learned: { fact: 'watcher_thread_started', ticketId: ticket.id, userId: message.userId, channelId: channel, ts: posted.ts } };
};
