import { TicketEvent } from '../domain/ticket-event';
import { OutboxMessage, toDelayedOutboxRow } from './outbox-messages';
import { DepartmentRow, TicketRow } from './ports/records';
import { TicketUnit } from './ports/ticket-store';
import { notificationsFor, TOLD_TO_WATCHERS } from './ticket-notifications';

/** How `recordEvents` queues what the events owe Slack. */
export interface RecordingOptions {
  /** Whether the event replaces the requester's pending prompt (its buttons) with what happened. */
  readonly settlesPrompt: (event: TicketEvent) => boolean;
  /** How long the assignee's digest waits to gather a burst of requester messages, in ms. */
  readonly digestDelayMs: number;
  /** The wall clock's reading the messages are queued at. */
  readonly queuedAt: Date;
  /** What not to queue after all (a burst's thread lines, which one summary replaces); everything by default. */
  readonly leaveOut?: (message: OutboxMessage) => boolean;
}

/**
 * Appends a ticket's events and queues, in the same unit, what each owes Slack (ticket-notifications.ts
 * decides; the watchers are read only when one of the events is told to them). Answers the new
 * events' ids, in order.
 */
export const recordEvents = async (unit: TicketUnit, before: TicketRow, after: TicketRow, department: DepartmentRow, events: readonly TicketEvent[], options: RecordingOptions): Promise<number[]> => {
  const ids = await unit.events.append(after.id, events);
  const watcherIds = events.some((event) => TOLD_TO_WATCHERS.has(event.type)) ? (await unit.watchers.of(after.id)).map((watcher) => watcher.userId) : [];
  const messages = events.flatMap((event, index) =>
    notificationsFor({
      before,
      after,
      event,
      eventId: ids[index] ?? 0,
      managerIds: department.managerIds,
      departmentChannelId: department.channelId,
      escalationChannelId: department.escalationChannelId,
      settlesPrompt: options.settlesPrompt(event),
      watcherIds,
    }),
  );
  const leaveOut = options.leaveOut ?? (() => false);
  await unit.outbox.enqueue(
    messages.filter((message) => !leaveOut(message)).map((message) => toDelayedOutboxRow(message, message.kind === 'assignee_digest' ? options.digestDelayMs : 0)),
    options.queuedAt,
  );
  return ids;
};
