import { DEFAULT_FOLLOW_UPS, formatFollowUpDelay } from '../../domain/follow-ups';
import { followUpsOf } from '../../services/catalog';
import { DeliveryOutcome } from '../../services/outbox-dispatcher';
import { OutboxMessage } from '../../services/outbox-messages';
import { PacingDeferral } from '../../services/outbox-pacing';
import { TicketRow } from '../../services/ports/records';
import { channelProblemNotice } from '../views/channel-problem.view';
import { SlackMessage } from '../views/ticket-card.view';
import { breachSummary } from '../views/breach-summary.view';
import { deliveryFailure } from '../views/delivery-failure.view';
import { eventAnswer } from '../views/requester-update.view';
import { followUpSummary } from '../views/follow-up-summary.view';
import { isChannelProblem, slackErrorName } from './classify-slack-error';
import { DeliveryContext, failed, retry, SENT } from './delivery-context';
import { PostOnce } from './post-once';

/**
 * Tells the department that a message could not be delivered: in its channel, or, when that
 * channel is the one refusing the app (or refuses this notice too), by DM to each of its managers
 * and agents, naming the ticket, the channel and the fix.
 */
export const reportFailure = async (context: DeliveryContext, ticket: TicketRow, message: Extract<OutboxMessage, { kind: 'delivery_failed' }>, poster: PostOnce): Promise<DeliveryOutcome> => {
  const { health } = context;
  const department = (await context.catalog.listDepartments()).get(ticket.departmentId);
  if (!department) return failed(`department ${ticket.departmentId} not found`);
  const refusing = message.channelId && isChannelProblem(message.error) ? { channelId: message.channelId, problem: message.error } : null;
  if (!refusing && !health.isUnusable(department.channelId)) {
    try {
      await poster.post(department.channelId, deliveryFailure(ticket.number, message.failedKind, message.error));
      return SENT;
    } catch (error) {
      const name = slackErrorName(error);
      if (!isChannelProblem(name)) throw error;
      health.refused(department.channelId, name);
    }
  }
  const notice = refusing
    ? channelProblemNotice({
        number: ticket.number,
        summary: ticket.summary,
        failedKind: message.failedKind,
        channelId: refusing.channelId,
        channelName: health.describe(refusing.channelId, refusing.problem).name,
        error: refusing.problem,
        fix: health.describe(refusing.channelId, refusing.problem).fix,
      })
    : deliveryFailure(ticket.number, message.failedKind, message.error);
  return tellStaff(context, [...department.managerIds, ...department.agentIds], notice, poster);
};

/** DMs each person once; one who cannot be reached (a deactivated account) does not keep the others from hearing. */
const tellStaff = async (context: DeliveryContext, userIds: readonly string[], notice: { text: string; blocks: SlackMessage['blocks'] }, poster: PostOnce): Promise<DeliveryOutcome> => {
  const people = [...new Set(userIds)];
  const results = await Promise.allSettled(
    people.map(async (userId) => {
      const channel = await context.dmChannels.of(userId, context.pace);
      if (!channel) throw new Error('conversations.open answered without a channel');
      await poster.post(channel, notice);
    }),
  );
  // One DM waits for its slot under the rate limits: the whole notice is deferred (PostOnce skips the DMs sent).
  const deferred = results.find((result): result is PromiseRejectedResult => result.status === 'rejected' && result.reason instanceof PacingDeferral);
  if (deferred) throw deferred.reason;
  const refused = results.flatMap((result, index) => (result.status === 'rejected' ? [{ userId: people[index], error: slackErrorName(result.reason) }] : []));
  if (refused.length > 0) context.log.warn('a delivery failure notice could not reach some of the people concerned', { refused });
  // Transient trouble for everyone: try again (PostOnce skips the DMs already sent); otherwise what could be told was told.
  if (refused.length === people.length && people.length > 0) {
    const first = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    throw first?.reason;
  }
  return SENT;
};

/** One message for many breaches (or follow-ups) at once, in the department's channel or a manager's DM. */
export const postBreachSummary = async (context: DeliveryContext, message: Extract<OutboxMessage, { kind: 'breach_summary' }>, poster: PostOnce): Promise<DeliveryOutcome> => {
  const department = (await context.catalog.listDepartments()).get(message.departmentId);
  const tickets = await context.reads.ticketsByIds(message.ticketIds);
  const { followUps } = message;
  // Delays worded as each ticket's own follow-up says them (working hours under the department's schedule).
  const policy = department ? followUpsOf(department) : DEFAULT_FOLLOW_UPS;
  const delay = (seconds: number | null) => (seconds === null ? null : formatFollowUpDelay(seconds, policy));
  const itemsOf = (ids: readonly number[]) => tickets.filter((ticket) => ids.includes(ticket.id)).map(({ number, summary }) => ({ number, summary }));
  const summary = followUps
    ? followUpSummary(
        department?.name ?? 'Department',
        { closed: itemsOf(followUps.closed), resolved: itemsOf(followUps.resolved), reminded: itemsOf(followUps.reminded) },
        {
          autoClose: delay(policy.autoCloseSeconds),
          closeWaiting: delay(policy.closeWaitingSeconds),
          remindRequester: delay(policy.remindRequesterSeconds),
        },
      )
    : breachSummary(
        department?.name ?? 'Department',
        tickets.map(({ number, summary }) => ({ number, summary })),
        message.idleSeconds === undefined ? undefined : (delay(message.idleSeconds) ?? undefined),
      );
  let channel = message.channelId;
  if (!channel && message.userId) channel = await context.dmChannels.of(message.userId, context.pace);
  if (!channel) return retry('no channel to post the breach summary in');
  await poster.post(channel, summary);
  return SENT;
};

/** The answer to a requester's message that was not relayed, in the thread (or under the message) they wrote in. */
export const answerEvent = async (message: Extract<OutboxMessage, { kind: 'event_answer' }>, poster: PostOnce): Promise<DeliveryOutcome> => {
  await poster.post(message.channelId, eventAnswer(message.answer, message.detail), message.threadTs);
  return SENT;
};
