import type { WebClient } from '@slack/web-api';
import { Catalog } from '../../services/catalog';
import { Clock } from '../../services/clock';
import { DeliveryAttempt, DeliveryBatch, DeliveryOutcome } from '../../services/outbox-dispatcher';
import { OutboxMessage } from '../../services/outbox-messages';
import { DeliveryReads } from '../../services/ports/delivery-reads';
import { TicketRow } from '../../services/ports/records';
import { confirmToRequester, postCard, retireCard, updateCard } from './card-delivery';
import { ChannelHealth } from './channel-health';
import { classifySlackError, isChannelProblem, slackErrorName } from './classify-slack-error';
import { DeliveryContext, failed } from './delivery-context';
import { DmChannels } from './dm-channels';
import { deliverEventMessage } from './event-delivery';
import { deliverWatcherUpdate } from './watcher-delivery';
import { copyFiles } from './file-delivery';
import { sendAssigneeDigest, updateRequesterSummary } from './notification-delivery';
import { answerEvent, postBreachSummary, reportFailure } from './failure-delivery';
import { postHistory, postMergeHistory, refreshHistory, refreshRelay } from './history-delivery';
import { publishHome } from './home-delivery';
import { askSatisfaction, sendManagerDigest, settleSatisfaction } from './satisfaction-delivery';
import { HomePublisher } from '../home/home-publisher';
import { BotIdentity, PostLookupLog, PostOnce } from './post-once';

/** Messages that belong in the department channel: refused by it, they wait for it (a `blocked` outcome) instead of being given up. */
const WAITS_FOR_CHANNEL = new Set(['post_ticket_card', 'thread_history', 'thread_line', 'update_ticket_card', 'copy_files_to_card', 'merge_history']);

/**
 * Delivers outbox messages with the Web API: the gateway the outbox dispatcher calls. Content is
 * rendered from the database at send time; a delivery that already happened (its message ts is
 * stored) is not repeated, and a retry skips what an earlier attempt already posted (see
 * PostOnce). Each message kind is rendered and sent by its own module (cards, histories, event
 * messages, failure notices); this class picks the module and turns a Slack error into an outcome.
 * A card-channel message refused by the channel (not_in_channel, channel_not_found, is_archived)
 * is `blocked` and waits for the channel; ChannelHealth learns of the refusal, and the requester's
 * confirmation says so.
 */
export class SlackDelivery {
  /** Everything a delivery shares but its pacing, which is the attempt's. */
  private readonly context: Omit<DeliveryContext, 'pace'>;
  /** The tickets of each batch being delivered, read in one query by the batch's first delivery. */
  private readonly batchTickets = new WeakMap<DeliveryBatch, Promise<ReadonlyMap<number, TicketRow>>>();

  constructor(
    reads: DeliveryReads,
    catalog: Catalog,
    private readonly client: WebClient,
    clock: Clock,
    private readonly log: PostLookupLog & { info(...message: unknown[]): void },
    private readonly bot: BotIdentity,
    private readonly health: ChannelHealth,
    /** Builds and publishes people's Home tabs (`publish_home`); none in a process without the App Home. */
    private readonly home: HomePublisher | null = null,
  ) {
    this.context = { reads, catalog, client, clock, log, health, dmChannels: new DmChannels(client), teamUrl: bot.teamUrl ?? null };
  }

  readonly deliver = async (message: OutboxMessage, attempt: DeliveryAttempt): Promise<DeliveryOutcome> => {
    const poster = new PostOnce(this.client, attempt, this.log, this.bot);
    const context: DeliveryContext = { ...this.context, pace: attempt.pace };
    let ticket: TicketRow | null = null;
    let outcome: DeliveryOutcome;
    try {
      if (message.kind === 'breach_summary') return await postBreachSummary(context, message, poster);
      if (message.kind === 'event_answer') return await answerEvent(message, poster);
      if (message.kind === 'publish_home') return await publishHome(this.home, context, message);
      if (message.kind === 'manager_digest') return await sendManagerDigest(context, message, poster, this.home?.teamUrl ?? null);
      ticket = await this.ticketOf(message.ticketId, attempt.batch);
      if (!ticket) return failed(`ticket ${message.ticketId} not found`);
      outcome = await this.send(context, message, ticket, poster);
    } catch (error) {
      outcome = (ticket && (await this.waitForChannel(message, ticket, slackErrorName(error)))) ?? this.alertRefused(message, slackErrorName(error)) ?? classifySlackError(error);
    }
    // The dispatcher logs what did not go through; the ticket's number is what people know it by.
    return outcome.status === 'sent' || !ticket ? outcome : { ...outcome, ticketNumber: ticket.number };
  };

  private send(
    context: DeliveryContext,
    message: Exclude<OutboxMessage, { kind: 'breach_summary' | 'event_answer' | 'publish_home' | 'manager_digest' }>,
    ticket: TicketRow,
    poster: PostOnce,
  ): Promise<DeliveryOutcome> {
    switch (message.kind) {
      case 'post_ticket_card':
        return postCard(context, ticket, poster, message.page);
      case 'requester_summary':
        return updateRequesterSummary(context, ticket);
      case 'assignee_digest':
        return sendAssigneeDigest(context, ticket, message, poster);
      case 'confirm_to_requester':
        return confirmToRequester(context, ticket, poster);
      case 'update_ticket_card':
        return updateCard(context, ticket);
      case 'retire_ticket_card':
        return retireCard(context, ticket, message);
      case 'delivery_failed':
        return reportFailure(context, ticket, message, poster);
      case 'thread_history':
        return postHistory(context, ticket, poster);
      case 'merge_history':
        return postMergeHistory(context, ticket, message, poster);
      case 'refresh_relay':
        return refreshRelay(context, ticket, message.eventId, poster);
      case 'refresh_history':
        return refreshHistory(context, ticket, message, poster);
      case 'watcher_update':
        return deliverWatcherUpdate(context, ticket, message, poster);
      case 'copy_files_to_card':
      case 'copy_files_to_requester':
      case 'copy_files_to_watcher':
        return copyFiles(context, ticket, message, poster);
      case 'thread_line':
      case 'requester_update':
      case 'staff_dm':
      case 'channel_alert':
      case 'settle_requester_prompt':
        return deliverEventMessage(context, ticket, message, poster);
      case 'satisfaction_question':
        return askSatisfaction(context, ticket, poster);
      case 'settle_satisfaction_question':
        return settleSatisfaction(context, ticket);
    }
  }

  /** A `blocked` outcome when the department channel refused a message that belongs there; null otherwise. */
  private async waitForChannel(message: OutboxMessage, ticket: TicketRow, error: string): Promise<DeliveryOutcome | null> {
    if (!isChannelProblem(error) || !WAITS_FOR_CHANNEL.has(message.kind)) return null;
    const channelId = message.kind === 'post_ticket_card' ? (await this.context.catalog.findDepartment(ticket.departmentId))?.channelId : ticket.cardChannelId;
    if (!channelId) return null;
    this.health.refused(channelId, error);
    return { status: 'blocked', error, channelId };
  }

  /**
   * An alert refused by the channel it is for (an escalation channel, or the new department's
   * channel after a transfer): given up, as any alert, but the channel is remembered as unusable
   * (the health report lists it) and the notice names the channel and the fix. Null otherwise.
   */
  private alertRefused(message: OutboxMessage, error: string): DeliveryOutcome | null {
    if (message.kind !== 'channel_alert' || !isChannelProblem(error)) return null;
    this.health.refused(message.channelId, error);
    const { name, fix } = this.health.describe(message.channelId, error);
    return failed(`${error} in ${name ? `#${name}` : message.channelId}: ${fix}`);
  }

  /**
   * A ticket as the database has it when its batch starts being delivered. A batch holds at most
   * one message per ticket and lane, and no lane reads what another lane's message records.
   */
  private async ticketOf(id: number, batch: DeliveryBatch): Promise<TicketRow | null> {
    let tickets = this.batchTickets.get(batch);
    if (!tickets) {
      tickets = this.context.reads.ticketsByIds(batch.ticketIds).then((rows) => new Map(rows.map((row) => [row.id, row])));
      this.batchTickets.set(batch, tickets);
    }
    return (await tickets).get(id) ?? null;
  }
}
