import { TicketEventEntity } from '../../src/persistence/entities/ticket-event.entity';
import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { channels, people } from '../support/demo-workspace';
import { PostedMessage } from '../support/fake-slack/fake-slack';
import { Harness, startHarness } from '../support/helpdesk-harness';

type Json = Record<string, unknown>;

/** All the text a person sees in a message: its fallback text and every text in its blocks. */
const visibleText = (message: { text: string; blocks: Json[] }): string => {
  const texts: string[] = [message.text];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value && typeof value === 'object') {
      const object = value as Json;
      if (typeof object.text === 'string') texts.push(object.text);
      Object.values(object).forEach(walk);
    }
  };
  walk(message.blocks);
  return texts.join('\n');
};

const buttonLabels = (message: PostedMessage): string[] =>
  message.blocks
    .filter((block) => block.type === 'actions')
    .flatMap((block) => (block.elements as Json[]).map((element) => String((element.text as Json).text)));

describe('an employee files a ticket with /ticket', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('opens the modal, files the ticket, posts the card to the department and confirms to the requester by DM', async () => {
    const { slack, requests, helpdesk } = harness;
    const command = await requests.slashCommand(people.karen.id, '');
    expect(command.status).toBe(200);

    const modal = await slack.waitFor(() => slack.currentView(people.karen.id), 3000, 'the ticket modal');
    expect(modal.view.title).toMatchObject({ text: 'New ticket' });

    const submitted = await requests.submitModal(people.karen.id, {
      'Help topic': 'Business Critical Outage',
      Summary: 'Entire mobile online banking is down',
      Details: 'Customers get a 404 on every page of the mobile banking app since 9:05.',
    });
    expect(submitted.status).toBe(200);
    expect(submitted.json()).toMatchObject({ response_action: 'update' });
    expect(visibleText(modal.view as never)).toContain('#1001');

    const card = await slack.waitFor(() => slack.messagesIn(channels.support)[0], 3000, 'the ticket card');
    const cardText = visibleText(card);
    expect(cardText).toContain('#1001 Entire mobile online banking is down');
    expect(cardText).toContain(`<@${people.karen.id}>`);
    expect(cardText).toContain('Business Critical Outage');
    expect(cardText).toContain('Emergency');
    expect(cardText).toContain('Open');
    expect(cardText).toContain('Unassigned');
    expect(cardText).toMatch(/<!date\^\d+\^/);
    expect(cardText).toContain('SEV-A');
    expect(cardText).toContain('Customers get a 404 on every page');
    expect(buttonLabels(card)).toEqual(['Assign to me', 'Transfer', 'Escalate', 'Resolve']);

    const dmChannel = await slack.waitFor(() => {
      const dm = slack.dmChannelOf(people.karen.id);
      return dm && slack.messagesIn(dm).length > 0 ? dm : null;
    }, 3000, 'the requester DM');
    const dm = slack.messagesIn(dmChannel);
    expect(dm).toHaveLength(1);
    const dmText = visibleText(dm[0] as PostedMessage);
    expect(dmText).toContain('#1001');
    expect(dmText).toContain('Entire mobile online banking is down');
    expect(dmText).toContain('Support');
    expect(dmText).toContain('Emergency');
    // The requester never sees the department channel's content.
    expect(dmText).not.toContain('Assign to me');

    await harness.settle();
    const ticket = await helpdesk.db.manager.findOneByOrFail(TicketEntity, { number: 1001 });
    expect(ticket).toMatchObject({
      status: 'open',
      priority: 'emergency',
      requesterId: people.karen.id,
      assigneeId: null,
      cardChannelId: channels.support,
      cardTs: card.ts,
      requesterDmChannelId: dmChannel,
      requesterDmTs: dm[0]?.ts,
    });
    expect((ticket.dueAt as Date).getTime() - ticket.createdAt.getTime()).toBe(3600 * 1000);
    const history = await helpdesk.db.manager.findBy(TicketEventEntity, { ticketId: ticket.id });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ type: 'created', actorId: people.karen.id });
    expect(slack.rejections).toEqual([]);
  });
});
