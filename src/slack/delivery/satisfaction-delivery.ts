import { DeliveryOutcome } from '../../services/outbox-dispatcher';
import { OutboxMessage } from '../../services/outbox-messages';
import { TicketRow } from '../../services/ports/records';
import { messageLink } from '../home/home-publisher';
import { buildManagerDigest } from '../views/manager-digest.view';
import { buildSatisfactionAnswered, buildSatisfactionQuestion } from '../views/satisfaction.view';
import { DeliveryContext, retry, SENT, updateMessage } from './delivery-context';
import { PostOnce } from './post-once';

/**
 * Posts How did we do? in the requester's ticket DM thread (or, without a conversation, in their
 * DM); where it went is what it teaches the app, so the answer can replace it.
 */
export const askSatisfaction = async (context: DeliveryContext, ticket: TicketRow, poster: PostOnce): Promise<DeliveryOutcome> => {
  const channel = ticket.requesterDmChannelId ?? (await context.dmChannels.of(ticket.requesterId, context.pace));
  if (!channel) return retry('conversations.open answered without a channel');
  const threadTs = ticket.requesterDmChannelId ? ticket.requesterDmTs : null;
  // Sent to the DM as well as the thread: Slack notifies no one of a thread they never joined.
  const posted = await poster.post(channel, buildSatisfactionQuestion(ticket.id, ticket.number), threadTs, 0, threadTs !== null);
  if (!posted.ts) return retry('chat.postMessage answered without a ts');
  return { status: 'sent', learned: { fact: 'satisfaction_question_posted', ticketId: ticket.id, channelId: posted.channel, ts: posted.ts } };
};

/** Replaces the question with the requester's answer; a question never recorded (not yet posted) is left alone. */
export const settleSatisfaction = async (context: DeliveryContext, ticket: TicketRow): Promise<DeliveryOutcome> => {
  const record = await context.reads.satisfactionOf(ticket.id);
  if (!record?.questionChannelId || !record.questionTs || record.rating === null) return SENT;
  const answered = buildSatisfactionAnswered(ticket.number, record);
  await updateMessage(context, { channel: record.questionChannelId, ts: record.questionTs, text: answered.text, blocks: answered.blocks });
  return SENT;
};

/** A manager's digest or report, by DM, as figured when it was queued; its ticket links are permalinks formed from the workspace URL. */
export const sendManagerDigest = async (context: DeliveryContext, message: Extract<OutboxMessage, { kind: 'manager_digest' }>, poster: PostOnce, teamUrl: string | null): Promise<DeliveryOutcome> => {
  const channel = await context.dmChannels.of(message.userId, context.pace);
  if (!channel) return retry('conversations.open answered without a channel');
  await poster.post(
    channel,
    buildManagerDigest(message.digest, (channelId, ts) => messageLink(teamUrl, channelId, ts)),
  );
  return SENT;
};
