import { TicketEvent } from '../domain/ticket-event';
import { TicketRow } from '../persistence/entities/ticket.entity';
import { OutboxMessage } from './outbox-messages';

export interface NotificationContext {
  /** The ticket as it was before the change (card location included). */
  readonly before: TicketRow;
  readonly after: TicketRow;
  readonly event: TicketEvent;
  readonly eventId: number;
  /** Managers of the ticket's department after the change. */
  readonly managerIds: readonly string[];
  readonly departmentChannelId: string;
  readonly escalationChannelId: string | null;
  /** Whether this change is the requester's answer to their prompt, which is then replaced by the outcome. */
  readonly settlesPrompt: boolean;
}

/** Who hears about a change, and how: the fan-out of one ticket event into Slack messages. */
export const notificationsFor = (context: NotificationContext): OutboxMessage[] => {
  const { before, after, event, eventId } = context;
  const ticketId = after.id;
  const cardChanged = after.version !== before.version;
  const redraw: OutboxMessage[] = cardChanged ? [{ kind: 'update_ticket_card', ticketId }] : [];
  const line: OutboxMessage = { kind: 'thread_line', ticketId, eventId };
  const toRequester: OutboxMessage = { kind: 'requester_update', ticketId, eventId };
  const settle: OutboxMessage[] = context.settlesPrompt ? [{ kind: 'settle_requester_prompt', ticketId, eventId }] : [];
  switch (event.type) {
    case 'assigned': {
      const assignee = after.assigneeId;
      const dm: OutboxMessage[] = assignee && assignee !== event.actorId ? [{ kind: 'staff_dm', ticketId, eventId, userId: assignee }] : [];
      return [...redraw, line, ...dm, toRequester];
    }
    case 'transferred': {
      const retire: OutboxMessage[] =
        before.cardChannelId && before.cardTs
          ? [{ kind: 'retire_ticket_card', ticketId, channelId: before.cardChannelId, ts: before.cardTs, toDepartmentId: after.departmentId }]
          : [];
      // The new card's thread starts with the history; messages of a ticket go out in order, so the card exists by then.
      return [
        ...retire,
        { kind: 'post_ticket_card', ticketId },
        { kind: 'thread_history', ticketId },
        { kind: 'channel_alert', ticketId, eventId, channelId: context.departmentChannelId },
        toRequester,
      ];
    }
    case 'escalated': {
      const managers = context.managerIds.map((userId): OutboxMessage => ({ kind: 'staff_dm', ticketId, eventId, userId }));
      const channel: OutboxMessage[] = context.escalationChannelId ? [{ kind: 'channel_alert', ticketId, eventId, channelId: context.escalationChannelId }] : [];
      return [...redraw, line, ...managers, ...channel];
    }
    case 'replied':
      return [...redraw, line, toRequester];
    case 'resolved':
    case 'closed':
    case 'reopened':
      return [...settle, ...redraw, line, toRequester];
    case 'requester_edited':
    case 'requester_deleted':
      // The event of the message they change is not this one; the service queues the card-thread refresh.
      return [];
    case 'created':
    case 'released':
    case 'noted':
    case 'requester_messaged':
    case 'waiting':
    case 'refused':
    case 'sla_warning':
    case 'overdue':
    case 'sla_escalated':
      return [...redraw, line];
  }
};
