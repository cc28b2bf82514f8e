import { DeliveryReads } from '../../services/ports/delivery-reads';
import { TicketEventRow, TicketRow } from '../../services/ports/records';
import type { WebClient } from '@slack/web-api';
import { FieldValue } from '../../domain/ticket-event';
import { Catalog } from '../../services/catalog';
import { Clock } from '../../services/clock';
import { DeliveryAttempt, DeliveryBatch, DeliveryOutcome } from '../../services/outbox-dispatcher';
import { OutboxMessage } from '../../services/outbox-messages';
import { buildRequesterConfirmation } from '../views/requester-confirmation.view';
import { buildRetiredCard, buildTicketCard, SlackMessage, TicketCardData } from '../views/ticket-card.view';
import { breachSummary, channelAlert, deliveryFailure, eventAnswer, EventViewContext, historySummary, requesterUpdate, settledPrompt, staffMessage, threadLines } from '../views/ticket-event.view';
import { channelProblemNotice } from '../views/channel-problem.view';
import { ChannelHealth } from './channel-health';
import { classifySlackError, isChannelProblem, slackErrorName } from './classify-slack-error';
import { DmChannels } from './dm-channels';
import { assertSendable } from './sendable';
import { BotIdentity, PostLookupLog, PostOnce } from './post-once';
import { refreshRelay, rewritePieces } from './relay-refresh';

const SENT: DeliveryOutcome = { status: 'sent' };
/** Events whose message to the requester carries buttons they answer: their prompt. */
const PROMPTS = new Set<string>(['resolved', 'closed']);
const HISTORY_REFRESH_PIECES = 1000;
/** Messages that belong in the department channel: refused by it, they wait for it (a `blocked` outcome) instead of being given up. */
const WAITS_FOR_CHANNEL = new Set(['post_ticket_card', 'thread_history', 'thread_line', 'update_ticket_card']);
const failed = (error: string): DeliveryOutcome => ({ status: 'failed', error });

/**
 * Delivers outbox messages with the Web API. Content is rendered from the database at send
 * time; a delivery that already happened (its message ts is stored) is not repeated, and a retry
 * skips what an earlier attempt already posted (see PostOnce). A card-channel message refused by
 * the channel (not_in_channel, channel_not_found, is_archived) is `blocked` and waits for the
 * channel; ChannelHealth learns of the refusal, and the requester's confirmation says so.
 */
export class SlackDelivery {
  private readonly dmChannels: DmChannels;
  /** The tickets of each batch being delivered, read in one query by the batch's first delivery. */
  private readonly batchTickets = new WeakMap<DeliveryBatch, Promise<ReadonlyMap<number, TicketRow>>>();

  constructor(
    private readonly reads: DeliveryReads,
    private readonly catalog: Catalog,
    private readonly client: WebClient,
    private readonly clock: Clock,
    private readonly log: PostLookupLog & { info(...message: unknown[]): void },
    private readonly bot: BotIdentity,
    private readonly health: ChannelHealth,
  ) {
    this.dmChannels = new DmChannels(client);
  }

  readonly deliver = async (message: OutboxMessage, attempt: DeliveryAttempt): Promise<DeliveryOutcome> => {
    const poster = new PostOnce(this.client, attempt, this.log, this.bot);
    let ticket: TicketRow | null = null;
    let outcome: DeliveryOutcome;
    try {
      if (message.kind === 'breach_summary') return await this.breachSummary(message, poster);
      if (message.kind === 'event_answer') return await this.answerEvent(message, poster);
      ticket = await this.ticketOf(message.ticketId, attempt.batch);
      if (!ticket) return failed(`ticket ${message.ticketId} not found`);
      outcome = await this.send(message, ticket, poster);
    } catch (error) {
      outcome = (ticket && (await this.waitForChannel(message, ticket, slackErrorName(error)))) ?? this.alertRefused(message, slackErrorName(error)) ?? classifySlackError(error);
    }
    // The dispatcher logs what did not go through; the ticket's number is what people know it by.
    return outcome.status === 'sent' || !ticket ? outcome : { ...outcome, ticketNumber: ticket.number };
  };

  /** chat.update, after checking that its arguments can be sent at all. */
  private async update(args: { channel: string; ts: string; text: string; blocks: SlackMessage['blocks'] }): Promise<void> {
    assertSendable('chat.update', { text: args.text });
    await this.client.chat.update(args);
  }

  /** A `blocked` outcome when the department channel refused a message that belongs there; null otherwise. */
  private async waitForChannel(message: OutboxMessage, ticket: TicketRow, error: string): Promise<DeliveryOutcome | null> {
    if (!isChannelProblem(error) || !WAITS_FOR_CHANNEL.has(message.kind)) return null;
    const channelId = message.kind === 'post_ticket_card' ? (await this.catalog.findDepartment(ticket.departmentId))?.channelId : ticket.cardChannelId;
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
      tickets = this.reads.ticketsByIds(batch.ticketIds).then((rows) => new Map(rows.map((row) => [row.id, row])));
      this.batchTickets.set(batch, tickets);
    }
    return (await tickets).get(id) ?? null;
  }

  private async breachSummary(message: Extract<OutboxMessage, { kind: 'breach_summary' }>, poster: PostOnce): Promise<DeliveryOutcome> {
    const department = (await this.catalog.listDepartments()).get(message.departmentId);
    const tickets = await this.reads.ticketsByIds(message.ticketIds);
    const summary = breachSummary(
      department?.name ?? 'Department',
      tickets.map(({ number, summary }) => ({ number, summary })),
    );
    let channel = message.channelId;
    if (!channel && message.userId) channel = await this.dmChannels.of(message.userId);
    if (!channel) return { status: 'retry', error: 'no channel to post the breach summary in' };
    await poster.post(channel, summary);
    return SENT;
  }

  /** The answer to a requester's message that was not relayed, in the thread (or under the message) they wrote in. */
  private async answerEvent(message: Extract<OutboxMessage, { kind: 'event_answer' }>, poster: PostOnce): Promise<DeliveryOutcome> {
    await poster.post(message.channelId, eventAnswer(message.answer, message.detail), message.threadTs);
    return SENT;
  }

  private async refreshRelay(ticket: TicketRow, eventId: number, poster: PostOnce): Promise<DeliveryOutcome> {
    const message = await this.reads.requesterMessageOf(eventId);
    if (!message) return failed(`requester message of event ${eventId} not found`);
    // An edit waits for the copy it corrects, should the outbox ever send a ticket's messages out of order.
    if (!message.relay && !message.deletedAt && (await this.reads.isThreadLinePending(ticket.id, eventId))) {
      return { status: 'retry', error: 'the edited message is not relayed yet' };
    }
    const latest = await this.reads.event(message.laterEventIds.at(-1) ?? message.eventId);
    if (!latest) return failed(`event of requester message ${eventId} not found`);
    const departments = await this.catalog.listDepartments();
    return refreshRelay(this.client, poster, { ticket, message, latest, departmentName: (id) => departments.get(Number(id))?.name ?? 'another department' });
  }

  private async send(message: Exclude<OutboxMessage, { kind: 'breach_summary' | 'event_answer' }>, ticket: TicketRow, poster: PostOnce): Promise<DeliveryOutcome> {
    switch (message.kind) {
      case 'post_ticket_card':
        return this.postCard(ticket, poster);
      case 'confirm_to_requester':
        return this.confirmToRequester(ticket, poster);
      case 'update_ticket_card':
        return this.updateCard(ticket);
      case 'retire_ticket_card':
        return this.retireCard(ticket, message);
      case 'delivery_failed':
        return this.reportFailure(ticket, message, poster);
      case 'thread_history':
        return this.postHistory(ticket, poster);
      case 'refresh_relay':
        return this.refreshRelay(ticket, message.eventId, poster);
      case 'refresh_history':
        return this.refreshHistory(ticket, message, poster);
      case 'thread_line':
      case 'requester_update':
      case 'staff_dm':
      case 'channel_alert':
      case 'settle_requester_prompt':
        return this.sendAboutEvent(ticket, message, poster);
    }
  }

  private async cardData(ticket: TicketRow): Promise<TicketCardData> {
    const [department, topic, plan] = await Promise.all([this.catalog.findDepartment(ticket.departmentId), this.catalog.findTopic(ticket.helpTopicId), this.catalog.findPlan(ticket.slaPlanId)]);
    return {
      ticket,
      departmentName: department?.name ?? 'Unknown department',
      topicName: topic?.name ?? 'Unknown topic',
      slaPlanName: plan?.name ?? null,
      now: this.clock(),
    };
  }

  private async postCard(ticket: TicketRow, poster: PostOnce): Promise<DeliveryOutcome> {
    if (ticket.cardTs) return SENT;
    const department = await this.catalog.findDepartment(ticket.departmentId);
    if (!department) return failed(`department ${ticket.departmentId} not found`);
    const withLink = await this.resolvePermalink(ticket);
    const posted = await poster.post(department.channelId, buildTicketCard(await this.cardData(withLink)));
    this.health.works(department.channelId);
    const cardTs = posted.ts;
    if (!cardTs) return { status: 'retry', error: 'chat.postMessage answered without a ts' };
    const cardChannelId = posted.channel;
    return { status: 'sent', learned: { fact: 'card_posted', ticketId: ticket.id, channelId: cardChannelId, ts: cardTs } };
  }

  private async postHistory(ticket: TicketRow, poster: PostOnce): Promise<DeliveryOutcome> {
    if (!ticket.cardChannelId || !ticket.cardTs) return failed('the ticket has no card to post under');
    const { history, pieces } = await this.historyPieces(ticket);
    const ts: string[] = [];
    for (const [index, text] of pieces.entries()) ts.push((await poster.post(ticket.cardChannelId, { text }, ticket.cardTs, index)).ts ?? '');
    // Where it is, for when a message it quotes is deleted.
    const post = { ticketId: ticket.id, channelId: ticket.cardChannelId, threadTs: ticket.cardTs, upToEventId: history.at(-1)?.id ?? 0, ts };
    return { status: 'sent', learned: { fact: 'history_posted', post } };
  }

  /**
   * A transferred ticket's history summary: its events (up to `upToEventId`, when a posted history
   * is rendered again), each requester message with its latest edit, however late that came.
   */
  private async historyPieces(ticket: TicketRow, upToEventId = Number.POSITIVE_INFINITY): Promise<{ history: TicketEventRow[]; pieces: string[] }> {
    const [departments, all, messages] = await Promise.all([this.catalog.listDepartments(), this.reads.history(ticket.id), this.reads.requesterMessagesOf(ticket.id)]);
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
    const name = (id: FieldValue | undefined) => departments.get(Number(id))?.name ?? 'another department';
    return { history, pieces: historySummary(ticket, history, name, latestEdits) };
  }

  /** Renders a history posted after a transfer again, with the events it showed: a message it quoted was edited or deleted. */
  private async refreshHistory(ticket: TicketRow, message: Extract<OutboxMessage, { kind: 'refresh_history' }>, poster: PostOnce): Promise<DeliveryOutcome> {
    const post = await this.reads.historyPost(message.channelId, message.threadTs);
    if (!post) {
      // Queued while the history was being posted: it waits for the history, which may show the change already.
      if (await this.reads.isHistoryPending(ticket.id)) return { status: 'retry', error: 'the history to refresh is not posted yet' };
      return failed('the history to refresh is not recorded');
    }
    const { pieces } = await this.historyPieces(ticket, post.upToEventId);
    // Piece numbers apart from the history's first posting, so a retry tells the two apart.
    const ts = await rewritePieces(this.client, poster, post, pieces, HISTORY_REFRESH_PIECES);
    if (!ts) return { status: 'retry', error: 'chat.postMessage answered without a ts' };
    return { status: 'sent', learned: { fact: 'history_posted', post: { ...post, ts } } };
  }

  /** Looks up the link to the message a ticket was filed from; a message we cannot link to is no reason to hold the card. */
  private async resolvePermalink(ticket: TicketRow): Promise<TicketRow> {
    if (ticket.sourcePermalink || !ticket.sourceChannelId || !ticket.sourceMessageTs) return ticket;
    try {
      const { permalink } = await this.client.chat.getPermalink({ channel: ticket.sourceChannelId, message_ts: ticket.sourceMessageTs });
      if (!permalink) return ticket;
      // Stored at once: it is the same link whether or not the card goes out this time.
      await this.reads.rememberPermalink(ticket.id, permalink);
      return { ...ticket, sourcePermalink: permalink };
    } catch {
      return ticket;
    }
  }

  private async updateCard(ticket: TicketRow): Promise<DeliveryOutcome> {
    if (!ticket.cardChannelId || !ticket.cardTs) return failed('the ticket has no card to update');
    const card = buildTicketCard(await this.cardData(ticket));
    await this.update({ channel: ticket.cardChannelId, ts: ticket.cardTs, text: card.text, blocks: card.blocks });
    return SENT;
  }

  private async retireCard(ticket: TicketRow, message: Extract<OutboxMessage, { kind: 'retire_ticket_card' }>): Promise<DeliveryOutcome> {
    const target = (await this.catalog.listDepartments()).get(message.toDepartmentId);
    const retired = buildRetiredCard(ticket.number, ticket.summary, target?.name ?? 'another department', target?.channelId ?? '');
    await this.update({ channel: message.channelId, ts: message.ts, text: retired.text, blocks: retired.blocks });
    return SENT;
  }

  /**
   * Tells the department that a message could not be delivered: in its channel, or, when that
   * channel is the one refusing the app (or refuses this notice too), by DM to each of its managers
   * and agents, naming the ticket, the channel and the fix.
   */
  private async reportFailure(ticket: TicketRow, message: Extract<OutboxMessage, { kind: 'delivery_failed' }>, poster: PostOnce): Promise<DeliveryOutcome> {
    const department = (await this.catalog.listDepartments()).get(ticket.departmentId);
    if (!department) return failed(`department ${ticket.departmentId} not found`);
    const refusing = message.channelId && isChannelProblem(message.error) ? { channelId: message.channelId, problem: message.error } : null;
    if (!refusing && !this.health.isUnusable(department.channelId)) {
      try {
        await poster.post(department.channelId, deliveryFailure(ticket.number, message.failedKind, message.error));
        return SENT;
      } catch (error) {
        const name = slackErrorName(error);
        if (!isChannelProblem(name)) throw error;
        this.health.refused(department.channelId, name);
      }
    }
    const notice = refusing
      ? channelProblemNotice({
          number: ticket.number,
          summary: ticket.summary,
          failedKind: message.failedKind,
          channelId: refusing.channelId,
          channelName: this.health.describe(refusing.channelId, refusing.problem).name,
          error: refusing.problem,
          fix: this.health.describe(refusing.channelId, refusing.problem).fix,
        })
      : deliveryFailure(ticket.number, message.failedKind, message.error);
    return this.tellStaff([...department.managerIds, ...department.agentIds], notice, poster);
  }

  /** DMs each person once; one who cannot be reached (a deactivated account) does not keep the others from hearing. */
  private async tellStaff(userIds: readonly string[], notice: { text: string; blocks: SlackMessage['blocks'] }, poster: PostOnce): Promise<DeliveryOutcome> {
    const people = [...new Set(userIds)];
    const results = await Promise.allSettled(
      people.map(async (userId) => {
        const channel = await this.dmChannels.of(userId);
        if (!channel) throw new Error('conversations.open answered without a channel');
        await poster.post(channel, notice);
      }),
    );
    const refused = results.flatMap((result, index) => (result.status === 'rejected' ? [{ userId: people[index], error: slackErrorName(result.reason) }] : []));
    if (refused.length > 0) this.log.warn('a delivery failure notice could not reach some of the people concerned', { refused });
    // Transient trouble for everyone: try again (PostOnce skips the DMs already sent); otherwise what could be told was told.
    if (refused.length === people.length && people.length > 0) {
      const first = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      throw first?.reason;
    }
    return SENT;
  }

  private async cardLink(ticket: TicketRow): Promise<string | null> {
    if (!ticket.cardChannelId || !ticket.cardTs) return null;
    try {
      return (await this.client.chat.getPermalink({ channel: ticket.cardChannelId, message_ts: ticket.cardTs })).permalink ?? null;
    } catch {
      return null;
    }
  }

  private async sendAboutEvent(
    ticket: TicketRow,
    message: Extract<OutboxMessage, { kind: 'thread_line' | 'requester_update' | 'staff_dm' | 'channel_alert' | 'settle_requester_prompt' }>,
    poster: PostOnce,
  ): Promise<DeliveryOutcome> {
    const event = await this.reads.event(message.eventId);
    if (!event) return failed(`event ${message.eventId} not found`);
    const departments = await this.catalog.listDepartments();
    const needsLink = message.kind === 'staff_dm' || message.kind === 'channel_alert';
    const context: EventViewContext = {
      ticket,
      event,
      departmentName: (id) => departments.get(Number(id))?.name ?? 'another department',
      cardLink: needsLink ? await this.cardLink(ticket) : null,
    };
    switch (message.kind) {
      case 'thread_line': {
        if (!ticket.cardChannelId || !ticket.cardTs) return failed('the ticket has no card to post under');
        const ts: string[] = [];
        for (const [index, text] of threadLines(context).entries()) ts.push((await poster.post(ticket.cardChannelId, { text }, ticket.cardTs, index)).ts ?? '');
        if (event.type !== 'requester_messaged') return SENT;
        // Where the requester's message is relayed, for when they edit or delete it.
        const relay = { channelId: ticket.cardChannelId, threadTs: ticket.cardTs, ts };
        return { status: 'sent', learned: { fact: 'relay_posted', eventId: event.id, relay } };
      }
      case 'requester_update': {
        const update = requesterUpdate(context);
        if (!update) return SENT;
        // Without a conversation (Slack refused the confirmation for good) the update starts one, in the requester's DM.
        const started = !ticket.requesterDmChannelId || !ticket.requesterDmTs;
        const channel = started ? await this.dmChannels.of(ticket.requesterId) : ticket.requesterDmChannelId;
        if (!channel) return { status: 'retry', error: 'conversations.open answered without a channel' };
        const posted = await poster.post(channel, update, started ? null : ticket.requesterDmTs);
        const requesterDmTs = posted.ts;
        if (started && !requesterDmTs) return { status: 'retry', error: 'chat.postMessage answered without a ts' };
        // A prompt (buttons to answer) is recorded where it was posted, as a card is: the only message its answer may edit.
        const promptTs = PROMPTS.has(event.type) ? posted.ts : undefined;
        if (started && requesterDmTs)
          return { status: 'sent', learned: { fact: 'requester_thread_started', ticketId: ticket.id, channelId: channel, ts: requesterDmTs, ...(promptTs ? { promptTs } : {}) } };
        if (promptTs) return { status: 'sent', learned: { fact: 'prompt_posted', ticketId: ticket.id, ts: promptTs } };
        return SENT;
      }
      case 'staff_dm': {
        const dm = staffMessage(context);
        if (!dm) return SENT;
        const channel = await this.dmChannels.of(message.userId);
        if (!channel) return { status: 'retry', error: 'conversations.open answered without a channel' };
        await poster.post(channel, dm);
        return SENT;
      }
      case 'channel_alert': {
        const department = departments.get(ticket.departmentId);
        const staff = department ? [...department.agentIds, ...department.managerIds] : [];
        // The department's own channel gets the breach warning; an escalation channel, the escalation alert.
        // A message queued before templates were named: the department's own channel gets its alert, any other the staff's.
        const template = message.template ?? (message.channelId === department?.channelId ? 'department_alert' : 'staff_alert');
        const alert = template === 'department_alert' ? channelAlert(context, staff) : staffMessage(context);
        if (alert) {
          await poster.post(message.channelId, alert);
          this.health.works(message.channelId);
        }
        return SENT;
      }
      case 'settle_requester_prompt': {
        // Only the prompt the app stored when it posted it; a prompt never recorded (posted before the app kept them) stays as it is.
        const channel = ticket.requesterDmChannelId;
        const ts = ticket.requesterPromptTs;
        if (!channel || !ts) return SENT;
        const settled = settledPrompt(context);
        await this.update({ channel, ts, text: settled.text, blocks: settled.blocks });
        return { status: 'sent', learned: { fact: 'prompt_settled', ticketId: ticket.id, ts } };
      }
    }
  }

  private async confirmToRequester(ticket: TicketRow, poster: PostOnce): Promise<DeliveryOutcome> {
    if (ticket.requesterDmTs) return SENT;
    const department = await this.catalog.findDepartment(ticket.departmentId);
    const channel = await this.dmChannels.of(ticket.requesterId);
    if (!channel) return { status: 'retry', error: 'conversations.open answered without a channel' };
    const message = buildRequesterConfirmation({
      number: ticket.number,
      summary: ticket.summary,
      departmentName: department?.name ?? 'The help desk',
      priority: ticket.priority,
      cardWaiting: !ticket.cardTs && department !== null && this.health.isUnusable(department.channelId),
    });
    const posted = await poster.post(channel, message);
    if (!posted.ts) return { status: 'retry', error: 'chat.postMessage answered without a ts' };
    const requesterDmTs = posted.ts;
    return { status: 'sent', learned: { fact: 'requester_thread_started', ticketId: ticket.id, channelId: channel, ts: requesterDmTs } };
  }
}
