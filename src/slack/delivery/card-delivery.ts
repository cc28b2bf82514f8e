import { DeliveryOutcome } from '../../services/outbox-dispatcher';
import { OutboxMessage } from '../../services/outbox-messages';
import { TicketRow } from '../../services/ports/records';
import { messageLink } from '../home/home-publisher';
import { buildRequesterConfirmation } from '../views/requester-confirmation.view';
import { buildRetiredCard, buildTicketCard, pageMentions, TicketCardData } from '../views/ticket-card.view';
import { DeliveryContext, failed, retry, SENT, updateMessage } from './delivery-context';
import { PostOnce } from './post-once';
import { cardSatisfactionLine } from '../views/satisfaction.view';

/**
 * What the card of a ticket shows besides the ticket: its department, help topic and SLA plan by
 * name, the time it is drawn, the tickets related to it, and for a resolved or closed ticket who
 * did it and when (from its latest resolved or closed event, or, for a ticket withdrawn or merged,
 * its withdrawn or merged event).
 */
const cardData = async ({ catalog, clock, reads, teamUrl }: DeliveryContext, ticket: TicketRow): Promise<TicketCardData> => {
  const [department, topic, plan, relations] = await Promise.all([
    catalog.findDepartment(ticket.departmentId),
    catalog.findTopic(ticket.helpTopicId),
    catalog.findPlan(ticket.slaPlanId),
    reads.relationsOf(ticket.id),
  ]);
  const done = ticket.status === 'resolved' || ticket.status === 'closed';
  const settling = ticket.status === 'closed' && ticket.closeReason === 'withdrawn' ? 'withdrawn' : ticket.status === 'closed' && ticket.closeReason === 'merged' ? 'merged' : ticket.status;
  const settledBy = done ? (await reads.history(ticket.id)).filter((event) => event.type === settling).at(-1) : undefined;
  // Asked only once a ticket closed: an open ticket's card reads nothing more.
  const satisfaction = done ? cardSatisfactionLine(await reads.satisfactionOf(ticket.id)) : null;
  return {
    ticket,
    departmentName: department?.name ?? 'Unknown department',
    topicName: topic?.name ?? 'Unknown topic',
    slaPlanName: plan?.name ?? null,
    now: clock(),
    relations: relations.map((relation) => ({ kind: relation.kind, number: relation.number, url: messageLink(teamUrl, relation.cardChannelId, relation.cardTs) })),
    ...(settledBy ? { settled: { actorId: settledBy.actorId, at: settledBy.at } } : {}),
    ...(satisfaction ? { satisfaction } : {}),
  };
};

/** Looks up the link to the message a ticket was filed from; a message we cannot link to is no reason to hold the card. */
const resolvePermalink = async ({ client, reads, pace }: DeliveryContext, ticket: TicketRow): Promise<TicketRow> => {
  if (ticket.sourcePermalink || !ticket.sourceChannelId || !ticket.sourceMessageTs) return ticket;
  await pace({ method: 'chat.getPermalink' });
  try {
    const { permalink } = await client.chat.getPermalink({ channel: ticket.sourceChannelId, message_ts: ticket.sourceMessageTs });
    if (!permalink) return ticket;
    // Stored at once: it is the same link whether or not the card goes out this time.
    await reads.rememberPermalink(ticket.id, permalink);
    return { ...ticket, sourcePermalink: permalink };
  } catch {
    return ticket;
  }
};

/**
 * Posts a ticket's card in its department's channel, once; the card's channel and ts are what it
 * teaches the app. `page`: whom a new high or emergency ticket mentions on it (ticket-notifications.ts).
 */
export const postCard = async (context: DeliveryContext, ticket: TicketRow, poster: PostOnce, page?: Extract<OutboxMessage, { kind: 'post_ticket_card' }>['page']): Promise<DeliveryOutcome> => {
  if (ticket.cardTs) return SENT;
  const department = await context.catalog.findDepartment(ticket.departmentId);
  if (!department) return failed(`department ${ticket.departmentId} not found`);
  const withLink = await resolvePermalink(context, ticket);
  const posted = await poster.post(department.channelId, buildTicketCard({ ...(await cardData(context, withLink)), ...(page ? { page: pageMentions(page) } : {}) }));
  context.health.works(department.channelId);
  if (!posted.ts) return retry('chat.postMessage answered without a ts');
  return { status: 'sent', learned: { fact: 'card_posted', ticketId: ticket.id, channelId: posted.channel, ts: posted.ts } };
};

/** Redraws a ticket's card from the ticket as it is now. */
export const updateCard = async (context: DeliveryContext, ticket: TicketRow): Promise<DeliveryOutcome> => {
  if (!ticket.cardChannelId || !ticket.cardTs) return failed('the ticket has no card to update');
  const card = buildTicketCard(await cardData(context, ticket));
  await updateMessage(context, { channel: ticket.cardChannelId, ts: ticket.cardTs, text: card.text, blocks: card.blocks });
  return SENT;
};

/** Turns the card a transfer left behind into a pointer to the department that has the ticket now. */
export const retireCard = async (context: DeliveryContext, ticket: TicketRow, message: Extract<OutboxMessage, { kind: 'retire_ticket_card' }>): Promise<DeliveryOutcome> => {
  const target = (await context.catalog.listDepartments()).get(message.toDepartmentId);
  const retired = buildRetiredCard(ticket.number, ticket.summary, target?.name ?? 'another department', target?.channelId ?? '');
  await updateMessage(context, { channel: message.channelId, ts: message.ts, text: retired.text, blocks: retired.blocks });
  return SENT;
};

/** The requester's confirmation in their DM with the app, once: the top-level message their ticket's conversation hangs from. */
export const confirmToRequester = async (context: DeliveryContext, ticket: TicketRow, poster: PostOnce): Promise<DeliveryOutcome> => {
  if (ticket.requesterDmTs) return SENT;
  const department = await context.catalog.findDepartment(ticket.departmentId);
  const channel = await context.dmChannels.of(ticket.requesterId, context.pace);
  if (!channel) return retry('conversations.open answered without a channel');
  const message = buildRequesterConfirmation({
    number: ticket.number,
    summary: ticket.summary,
    departmentName: department?.name ?? 'The help desk',
    priority: ticket.priority,
    topicName: (await context.catalog.findTopic(ticket.helpTopicId))?.name ?? 'Unknown topic',
    ticket: { id: ticket.id, version: ticket.version },
    cardWaiting: !ticket.cardTs && department !== null && context.health.isUnusable(department.channelId),
  });
  const posted = await poster.post(channel, message);
  if (!posted.ts) return retry('chat.postMessage answered without a ts');
  return { status: 'sent', learned: { fact: 'requester_thread_started', ticketId: ticket.id, channelId: channel, ts: posted.ts } };
};
