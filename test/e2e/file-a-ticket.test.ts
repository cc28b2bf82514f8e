import { DepartmentEntity } from '../../src/persistence/entities/department.entity';
import { HelpTopicEntity } from '../../src/persistence/entities/help-topic.entity';
import { TicketEventEntity } from '../../src/persistence/entities/ticket-event.entity';
import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { channels, people } from '../support/demo-workspace';
import { PostedMessage } from '../../src/sandbox/local-slack/local-slack';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { buttonLabels, initialValues, visibleText } from '../support/visible-text';

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
    expect(buttonLabels(card)).toEqual(['Assign to me', 'Reply to requester', 'Internal note', 'Transfer', 'Escalate', 'Resolve']);

    const dmChannel = await slack.waitFor(
      () => {
        const dm = slack.dmChannelOf(people.karen.id);
        return dm && slack.messagesIn(dm).length > 0 ? dm : null;
      },
      3000,
      'the requester DM',
    );
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

  it('fills the summary from `/ticket <text>`', async () => {
    const { slack, requests } = harness;
    await requests.slashCommand(people.michael.id, 'Printer on 3rd floor is jammed');
    const modal = await slack.waitFor(() => slack.currentView(people.michael.id), 3000, 'the ticket modal');
    expect(initialValues(modal.view)).toEqual({ 'Help topic': null, Summary: 'Printer on 3rd floor is jammed', Details: null });
  });

  it('keeps text too long for a summary whole in the details', async () => {
    const { slack, requests } = harness;
    const text = `Mail on my iPhone stopped syncing ${'and the calendar too '.repeat(10)}`.trim();
    await requests.slashCommand(people.michael.id, text);
    const modal = await slack.waitFor(() => slack.currentView(people.michael.id), 3000, 'the ticket modal');
    expect(initialValues(modal.view)).toMatchObject({ Summary: null, Details: text });
  });

  it('answers with a clear message when no help topics are configured', async () => {
    const { requests, helpdesk } = harness;
    await helpdesk.db.manager.getRepository(HelpTopicEntity).updateAll({ active: false });
    await helpdesk.catalog.refresh();
    const response = await requests.slashCommand(people.karen.id, '');
    expect(response.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('no help topics') });
    expect(harness.slack.callsTo('views.open')).toHaveLength(0);
  });
});

describe('invalid ticket input never loses what the user typed', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
    await harness.requests.slashCommand(people.karen.id, '');
    await harness.slack.waitFor(() => harness.slack.currentView(people.karen.id), 3000, 'the ticket modal');
  });
  afterEach(async () => {
    await harness.stop();
  });

  const ticketCount = () => harness.helpdesk.db.manager.count(TicketEntity);

  const expectErrors = async (fills: Record<string, string | null>, errors: Record<string, RegExp>) => {
    const response = await harness.requests.submitModal(people.karen.id, fills);
    expect(response.status).toBe(200);
    const body = response.json();
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors as object).sort()).toEqual(Object.keys(errors).sort());
    for (const [block, pattern] of Object.entries(errors)) expect((body.errors as Record<string, string>)[block]).toMatch(pattern);
    // The modal is still open, untouched: Slack keeps what was typed in it.
    const open = harness.slack.currentView(people.karen.id);
    expect(open?.view.callback_id).toBe('ticket_new');
    expect(await ticketCount()).toBe(0);
  };

  it('asks for a summary when it is empty', async () => {
    await expectErrors({ 'Help topic': 'Report a Problem', Summary: '', Details: 'The printer says PC LOAD LETTER' }, { summary: /short summary/ });
  });

  it('refuses a summary over 150 characters, even when the client limit was bypassed', async () => {
    await expectErrors({ 'Help topic': 'Report a Problem', Summary: 'x'.repeat(151) }, { summary: /151 characters.*150/ });
  });

  it('refuses details over 3,000 characters', async () => {
    await expectErrors({ 'Help topic': 'Report a Problem', Summary: 'Printer', Details: 'y'.repeat(3001) }, { details: /3001 characters/ });
  });

  it('asks for a help topic and a summary at once', async () => {
    await expectErrors({ 'Help topic': null, Summary: '' }, { help_topic: /choose a help topic/, summary: /short summary/ });
  });

  it('refuses a help topic that no longer exists', async () => {
    await harness.helpdesk.db.manager.getRepository(HelpTopicEntity).update({ name: 'Access Issue' }, { active: false });
    await harness.helpdesk.catalog.refresh();
    await expectErrors({ 'Help topic': 'Access Issue', Summary: 'Cannot log in' }, { help_topic: /no longer offered/ });
  });

  it('refuses a topic whose department is misconfigured', async () => {
    await harness.helpdesk.db.manager.getRepository(DepartmentEntity).update({ name: 'Sys Admins' }, { active: false });
    await harness.helpdesk.catalog.refresh();
    await expectErrors({ 'Help topic': 'Access Issue', Summary: 'Cannot log in' }, { help_topic: /department that handles “Access Issue” is not set up/ });
  });

  it('files the ticket once the person corrects the modal and submits it again', async () => {
    await expectErrors({ 'Help topic': 'Report a Problem', Summary: '' }, { summary: /short summary/ });
    const response = await harness.requests.submitModal(people.karen.id, { Summary: 'Printer on 3rd floor is jammed' });
    expect(response.json()).toMatchObject({ response_action: 'update' });
    expect(await ticketCount()).toBe(1);
  });
});

describe('a repeated submission of the same modal', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.stop();
  });

  const openFilledModal = async () => {
    await harness.requests.slashCommand(people.karen.id, 'Entire mobile online banking is down');
    const modal = await harness.slack.waitFor(() => harness.slack.currentView(people.karen.id), 3000, 'the ticket modal');
    return modal;
  };

  it('does not create a second ticket when Slack delivers it twice', async () => {
    const modal = await openFilledModal();
    const { payload } = harness.requests.viewSubmission(people.karen.id, { 'Help topic': 'Business Critical Outage' }, modal);
    const first = await harness.requests.interaction(payload);
    const second = await harness.requests.interaction(payload);
    expect(first.json()).toMatchObject({ response_action: 'update' });
    expect(second.json()).toEqual(first.json());
    await harness.settle();
    expect(await harness.helpdesk.db.manager.count(TicketEntity)).toBe(1);
    expect(harness.slack.messagesIn(channels.support)).toHaveLength(1);
  });

  it('creates one ticket when both deliveries arrive at the same moment', async () => {
    const modal = await openFilledModal();
    const { payload } = harness.requests.viewSubmission(people.karen.id, { 'Help topic': 'Business Critical Outage' }, modal);
    const responses = await Promise.all([1, 2, 3].map(() => harness.requests.interaction(payload)));
    expect(responses.map((response) => response.json().response_action)).toEqual(['update', 'update', 'update']);
    await harness.settle();
    expect(await harness.helpdesk.db.manager.count(TicketEntity)).toBe(1);
    expect(harness.slack.messagesIn(channels.support)).toHaveLength(1);
    expect(harness.slack.messagesIn(harness.slack.dmChannelOf(people.karen.id) ?? '')).toHaveLength(1);
  });

  it('numbers tickets from different modals one after another', async () => {
    for (const summary of ['Printer on 3rd floor is jammed', 'Mail on my iPhone stopped syncing']) {
      await harness.requests.slashCommand(people.michael.id, summary);
      await harness.slack.waitFor(() => harness.slack.currentView(people.michael.id), 3000, 'the ticket modal');
      await harness.requests.submitModal(people.michael.id, { 'Help topic': 'Report a Problem' });
      harness.slack.closeView(people.michael.id);
    }
    const numbers = (await harness.helpdesk.db.manager.find(TicketEntity, { order: { id: 'ASC' } })).map((ticket) => ticket.number);
    expect(numbers).toEqual([1001, 1002]);
  });
});
