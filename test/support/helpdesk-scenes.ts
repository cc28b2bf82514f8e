import { TicketEventEntity } from '../../src/persistence/entities/ticket-event.entity';
import { TicketEntity, TicketRow } from '../../src/persistence/entities/ticket.entity';
import { PostedMessage } from '../../src/sandbox/local-slack/local-slack';
import { Harness } from './helpdesk-harness';

/** Scenes the end-to-end tests share, played as people would in Slack. */
export class Scenes {
  constructor(private readonly harness: Harness) {}

  /** `/ticket`, fill the modal, submit, and wait until Slack has the card and the requester's DM. */
  async fileTicket(userId: string, topic: string, summary: string, details = ''): Promise<TicketRow> {
    const { slack, requests } = this.harness;
    await requests.slashCommand(userId, summary);
    await slack.waitFor(() => slack.currentView(userId)?.view.callback_id === 'ticket_new', 3000, 'the ticket modal');
    const response = await requests.submitModal(userId, { 'Help topic': topic, Details: details });
    if (response.json().response_action !== 'update') throw new Error(`ticket not filed: ${response.body}`);
    slack.closeView(userId);
    await this.harness.settle();
    const tickets = await this.harness.helpdesk.db.manager.find(TicketEntity, { order: { id: 'DESC' }, take: 1 });
    return tickets[0] as TicketRow;
  }

  async ticket(number: number): Promise<TicketRow> {
    return this.harness.helpdesk.db.manager.findOneByOrFail(TicketEntity, { number });
  }

  /** The ticket's current card as Slack shows it. */
  async card(number: number): Promise<PostedMessage> {
    const ticket = await this.ticket(number);
    const card = this.harness.slack.messages.find((message) => message.channel === ticket.cardChannelId && message.ts === ticket.cardTs);
    if (!card) throw new Error(`#${number} has no card in Slack`);
    return card;
  }

  /** The texts in a message's thread, oldest first. */
  thread(message: PostedMessage): string[] {
    return this.harness.slack.messagesIn(message.channel, message.ts).map((reply) => reply.text);
  }

  /** The requester's ticket conversation: the confirmation and its thread. */
  async requesterThread(number: number): Promise<PostedMessage[]> {
    const ticket = await this.ticket(number);
    return this.harness.slack.messagesIn(ticket.requesterDmChannelId ?? '', ticket.requesterDmTs ?? '');
  }

  /** Every DM the app sent a user, outside ticket threads. */
  dmsTo(userId: string): PostedMessage[] {
    const channel = this.harness.slack.dmChannelOf(userId);
    return channel ? this.harness.slack.messagesIn(channel, null) : [];
  }

  async history(number: number): Promise<{ type: string; actorId: string; text: string | null }[]> {
    const ticket = await this.ticket(number);
    const events = await this.harness.helpdesk.db.manager.find(TicketEventEntity, { where: { ticketId: ticket.id }, order: { id: 'ASC' } });
    return events.map(({ type, actorId, text }) => ({ type, actorId, text }));
  }

  /** A person clicks a button on a message, then everything the click owes Slack is delivered. */
  async click(userId: string, message: PostedMessage, label: string): Promise<void> {
    const response = await this.harness.requests.clickButton(userId, message, label);
    if (response.status !== 200) throw new Error(`click answered ${response.status}`);
    await this.harness.settle();
  }

  /** A person clicks a button that opens a modal, fills it by label and submits it. */
  async clickAndSubmit(userId: string, message: PostedMessage, label: string, fills: Record<string, string | null>) {
    const { slack, requests } = this.harness;
    const before = slack.currentView(userId)?.id;
    await requests.clickButton(userId, message, label);
    const modal = await slack.waitFor(
      () => {
        const open = slack.currentView(userId);
        return open && open.id !== before ? open : null;
      },
      3000,
      `the modal behind "${label}"`,
    );
    const response = await requests.submitModal(userId, fills, modal);
    await this.harness.settle();
    return { modal, response, body: response.body ? response.json() : {} };
  }
}
