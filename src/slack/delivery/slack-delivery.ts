import type { WebClient } from '@slack/web-api';
import { Database } from '../../persistence/database';
import { TicketRow } from '../../persistence/entities/ticket.entity';
import { CatalogRepository } from '../../persistence/repositories/catalog.repository';
import { TicketRepository } from '../../persistence/repositories/ticket.repository';
import { Clock } from '../../services/clock';
import { DeliveryOutcome } from '../../services/outbox-dispatcher';
import { OutboxMessage } from '../../services/outbox-messages';
import { buildRequesterConfirmation } from '../views/requester-confirmation.view';
import { buildTicketCard, TicketCardData } from '../views/ticket-card.view';
import { classifySlackError } from './classify-slack-error';

const SENT: DeliveryOutcome = { status: 'sent' };

/**
 * Delivers outbox messages with the Web API. Content is rendered from the database at send
 * time, and a delivery that already happened (its message ts is stored) is not repeated.
 */
export class SlackDelivery {
  constructor(
    private readonly db: Database,
    private readonly client: WebClient,
    private readonly clock: Clock,
  ) {}

  readonly deliver = async (message: OutboxMessage): Promise<DeliveryOutcome> => {
    const ticket = await new TicketRepository(this.db.manager).findById(message.ticketId);
    if (!ticket) return { status: 'failed', error: `ticket ${message.ticketId} not found` };
    try {
      switch (message.kind) {
        case 'post_ticket_card':
          return await this.postCard(ticket);
        case 'confirm_to_requester':
          return await this.confirmToRequester(ticket);
      }
    } catch (error) {
      return classifySlackError(error);
    }
  };

  async cardData(ticket: TicketRow): Promise<TicketCardData> {
    const catalog = new CatalogRepository(this.db.manager);
    const [department, topic, plan] = await Promise.all([
      catalog.findDepartment(ticket.departmentId),
      catalog.findTopic(ticket.helpTopicId),
      ticket.slaPlanId === null ? null : catalog.findPlan(ticket.slaPlanId),
    ]);
    return {
      ticket,
      departmentName: department?.name ?? 'Unknown department',
      topicName: topic?.name ?? 'Unknown topic',
      slaPlanName: plan?.name ?? null,
      now: this.clock(),
    };
  }

  private async postCard(ticket: TicketRow): Promise<DeliveryOutcome> {
    if (ticket.cardTs) return SENT;
    const department = await new CatalogRepository(this.db.manager).findDepartment(ticket.departmentId);
    if (!department) return { status: 'failed', error: `department ${ticket.departmentId} not found` };
    const withLink = await this.resolvePermalink(ticket);
    const card = buildTicketCard(await this.cardData(withLink));
    const posted = await this.client.chat.postMessage({ channel: department.channelId, text: card.text, blocks: card.blocks, unfurl_links: false });
    const cardTs = posted.ts;
    if (!cardTs) return { status: 'retry', error: 'chat.postMessage answered without a ts' };
    await this.db.transaction((manager) =>
      new TicketRepository(manager).setCard(ticket.id, { cardChannelId: posted.channel ?? department.channelId, cardTs }),
    );
    return SENT;
  }

  /** Looks up the link to the message a ticket was filed from; a message we cannot link to is no reason to hold the card. */
  private async resolvePermalink(ticket: TicketRow): Promise<TicketRow> {
    if (ticket.sourcePermalink || !ticket.sourceChannelId || !ticket.sourceMessageTs) return ticket;
    try {
      const { permalink } = await this.client.chat.getPermalink({ channel: ticket.sourceChannelId, message_ts: ticket.sourceMessageTs });
      if (!permalink) return ticket;
      await this.db.transaction((manager) => new TicketRepository(manager).setPermalink(ticket.id, permalink));
      return { ...ticket, sourcePermalink: permalink };
    } catch {
      return ticket;
    }
  }

  private async confirmToRequester(ticket: TicketRow): Promise<DeliveryOutcome> {
    if (ticket.requesterDmTs) return SENT;
    const department = await new CatalogRepository(this.db.manager).findDepartment(ticket.departmentId);
    const opened = await this.client.conversations.open({ users: ticket.requesterId });
    const channel = opened.channel?.id;
    if (!channel) return { status: 'retry', error: 'conversations.open answered without a channel' };
    const message = buildRequesterConfirmation({
      number: ticket.number,
      summary: ticket.summary,
      departmentName: department?.name ?? 'The help desk',
      priority: ticket.priority,
    });
    const posted = await this.client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
    if (!posted.ts) return { status: 'retry', error: 'chat.postMessage answered without a ts' };
    const requesterDmTs = posted.ts;
    await this.db.transaction((manager) =>
      new TicketRepository(manager).setRequesterDm(ticket.id, { requesterDmChannelId: channel, requesterDmTs }),
    );
    return SENT;
  }
}
