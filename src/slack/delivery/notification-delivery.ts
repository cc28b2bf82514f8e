import { DeliveryOutcome } from '../../services/outbox-dispatcher';
import { OutboxMessage } from '../../services/outbox-messages';
import { TicketRow } from '../../services/ports/records';
import { assigneeDigest } from '../views/assignment.view';
import { buildRequesterConfirmation } from '../views/requester-confirmation.view';
import { DeliveryContext, retry, SENT, updateMessage } from './delivery-context';
import { PostOnce } from './post-once';

/**
 * Redraws the requester's top-level ticket DM (their confirmation, which their conversation hangs
 * from) with the ticket as it is now: department, priority, status, assignee, due time. Before
 * the confirmation is posted there is nothing to redraw; it will be drawn current. When Slack
 * refused the confirmation for good, the conversation hangs from the message that started it
 * instead (an agent's reply): that is never overwritten.
 */
export const updateRequesterSummary = async (context: DeliveryContext, ticket: TicketRow): Promise<DeliveryOutcome> => {
  if (!ticket.requesterDmChannelId || !ticket.requesterDmTs) return SENT;
  if (await context.reads.isConfirmationGivenUp(ticket.id)) return SENT;
  const department = await context.catalog.findDepartment(ticket.departmentId);
  const summary = buildRequesterConfirmation({
    number: ticket.number,
    summary: ticket.summary,
    departmentName: department?.name ?? 'The help desk',
    priority: ticket.priority,
    topicName: (await context.catalog.findTopic(ticket.helpTopicId))?.name ?? 'Unknown topic',
    ticket: { id: ticket.id, version: ticket.version },
    current: { status: ticket.status, assigneeId: ticket.assigneeId, dueAt: ticket.dueAt },
  });
  await updateMessage(context, { channel: ticket.requesterDmChannelId, ts: ticket.requesterDmTs, text: summary.text, blocks: summary.blocks });
  return SENT;
};

/**
 * The assignee's one DM about what the requester wrote since the digest was queued: to whoever has
 * the ticket when it is sent (nobody: no DM), counting every message of the burst, since the
 * digest waited for them (it is queued once per ticket while it waits).
 */
export const sendAssigneeDigest = async (context: DeliveryContext, ticket: TicketRow, message: Extract<OutboxMessage, { kind: 'assignee_digest' }>, poster: PostOnce): Promise<DeliveryOutcome> => {
  const assignee = ticket.assigneeId;
  if (!assignee || assignee === ticket.requesterId) return SENT;
  const written = (await context.reads.history(ticket.id)).filter((event) => event.type === 'requester_messaged' && event.id >= message.sinceEventId);
  if (written.length === 0) return SENT;
  const channel = await context.dmChannels.of(assignee, context.pace);
  if (!channel) return retry('conversations.open answered without a channel');
  await poster.post(
    channel,
    assigneeDigest(
      ticket,
      written.map((event) => event.text),
    ),
  );
  return SENT;
};
