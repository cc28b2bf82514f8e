import { actorFor } from '../domain/actor';
import { TicketCommand, transition } from '../domain/ticket-transitions';
import { TicketUnit } from './ports/ticket-store';
import { toOutboxRow } from './outbox-messages';
import { compareSlackTs } from './slack-ts';
import { TicketChange } from './ticket-change';
import { recordRefusal } from './ticket-refusals';
import { RequesterCorrection, WorkflowContext } from './ticket-workflow.types';
import { loadTicket } from './workflow-loading';

/**
 * Applies an edit or a deletion of a relayed requester message inside `unit`: an event in the
 * history, the card-thread copy refreshed (through the outbox), and for a deletion the message's
 * text and its edits' erased from the history. A message this app never recorded, a repeat, an
 * edit older than the last one applied or of a deleted message change nothing. Answers whether
 * the message was known, and what changed.
 */
export const correctIn = async (context: WorkflowContext, unit: TicketUnit, correction: RequesterCorrection): Promise<{ known: boolean; change: TicketChange | null }> => {
  const messages = unit.requesterMessages;
  const message = await messages.find(correction.channelId, correction.ts);
  if (!message) return { known: false, change: null };
  const keys = unit.processedKeys;
  if (await keys.has(correction.requestKey)) return { known: true, change: null };
  const now = context.clock();
  await keys.claim(correction.requestKey, now);
  const { change } = correction;
  if (message.deletedAt) return { known: true, change: null };
  if (change.type === 'edit' && message.editedTs !== null && compareSlackTs(change.editedTs, message.editedTs) <= 0) return { known: true, change: null };
  const events = unit.events;
  // Words already relayed (an edit that overtook its message was relayed as the message) are no edit.
  if (change.type === 'edit' && (await events.findById(message.laterEventIds.at(-1) ?? message.eventId))?.text === change.text) return { known: true, change: null };
  const loaded = await loadTicket(unit, context.catalog, message.ticketId);
  if (!loaded) return { known: true, change: null };
  const { ticket, department } = loaded;
  const userId = correction.userId ?? ticket.requesterId;
  const command: TicketCommand = change.type === 'edit' ? { type: 'requester_edit', text: change.text } : { type: 'requester_delete' };
  const result = transition(ticket, command, actorFor(userId, ticket.requesterId, department), now);
  if (!result.ok) {
    const attempt = { userId, action: 'change a message in', reserved: 'requester' } as const;
    return { known: true, change: await recordRefusal(unit, ticket, attempt, command.type, result.error, now, context.wallClock()) };
  }
  const [eventId] = await events.append(ticket.id, result.value.events);
  if (eventId === undefined) throw new Error('a requester correction recorded no event');
  // The words go; the history keeps that there was a message, and that it was deleted.
  if (change.type === 'delete') await events.redact([message.eventId, ...message.laterEventIds]);
  await messages.addLaterEvent(message, eventId, change.type === 'edit' ? { editedTs: change.editedTs } : { deletedAt: now });
  // Every history posted after a transfer quotes the message too: each shows its latest words, or that it was deleted.
  const histories: { channelId: string; threadTs: string }[] = await unit.historyPosts.ofTicket(ticket.id);
  // A history still being posted may have been drawn before this change: it is redrawn once recorded.
  const { cardChannelId, cardTs } = ticket;
  const drawing = cardChannelId && cardTs && !histories.some((post) => post.threadTs === cardTs && post.channelId === cardChannelId);
  if (drawing && (await unit.outbox.isPending(ticket.id, 'thread_history'))) histories.push({ channelId: cardChannelId, threadTs: cardTs });
  await unit.outbox.enqueue(
    [
      toOutboxRow({ kind: 'refresh_relay', ticketId: ticket.id, eventId: message.eventId }),
      ...histories.map(({ channelId, threadTs }) => toOutboxRow({ kind: 'refresh_history', ticketId: ticket.id, channelId, threadTs })),
    ],
    context.wallClock(),
  );
  return { known: true, change: { ticketNumber: ticket.number, actorId: userId, events: result.value.events.map((event) => event.type) } };
};
