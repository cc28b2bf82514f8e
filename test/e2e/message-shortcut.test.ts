import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { channels, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { initialValues, visibleText } from '../support/visible-text';

describe('the Create ticket message shortcut', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('files a ticket from a message, with the message as details and a link back to it', async () => {
    const { slack, requests, helpdesk } = harness;
    const message = slack.postAsUser(channels.general, people.karen.id, 'Mobile banking shows a 404 on every page\nStarted at 9:05, all customers affected.');
    const response = await requests.messageShortcut(people.ken.id, message);
    expect(response.status).toBe(200);

    const modal = await slack.waitFor(() => slack.currentView(people.ken.id), 3000, 'the ticket modal');
    expect(initialValues(modal.view)).toEqual({
      'Help topic': null,
      Summary: 'Mobile banking shows a 404 on every page',
      Details: 'Mobile banking shows a 404 on every page\nStarted at 9:05, all customers affected.',
    });
    await requests.submitModal(people.ken.id, { 'Help topic': 'Business Critical Outage', Summary: 'Entire mobile online banking is down' });

    const card = await slack.waitFor(() => slack.messagesIn(channels.support)[0], 3000, 'the ticket card');
    expect(visibleText(card)).toContain(`<https://helpdesk-demo.slack.com/archives/${channels.general}/p${message.ts.replace('.', '')}|a message>`);
    expect(visibleText(card)).toContain('Started at 9:05, all customers affected.');
    await harness.settle();
    const ticket = await helpdesk.db.manager.findOneByOrFail(TicketEntity, { number: 1001 });
    expect(ticket).toMatchObject({
      requesterId: people.ken.id,
      sourceChannelId: channels.general,
      sourceMessageTs: message.ts,
      sourcePermalink: expect.stringContaining('/archives/C0GENERAL/'),
    });
  });

  it('prefills what the person wrote, not the escapes Slack sends message text with', async () => {
    const { slack, requests } = harness;
    const message = slack.postAsUser(channels.general, people.michael.id, 'Mail &amp; calendar fail when the subject has &lt;angle brackets&gt;');
    await requests.messageShortcut(people.michael.id, message);
    const modal = await slack.waitFor(() => slack.currentView(people.michael.id), 3000, 'the ticket modal');
    expect(initialValues(modal.view).Summary).toBe('Mail & calendar fail when the subject has <angle brackets>');
    await requests.submitModal(people.michael.id, { 'Help topic': 'Report a Problem' });
    const card = await slack.waitFor(() => slack.messagesIn(channels.support)[0], 3000, 'the ticket card');
    expect(visibleText(card)).toContain('Mail &amp; calendar fail when the subject has &lt;angle brackets&gt;');
    expect(visibleText(card)).not.toContain('&amp;amp;');
  });

  it('says so when a message is too long to copy whole, and still links to it', async () => {
    const { slack, requests } = harness;
    const long = `Outage report\n${'Line of a very long incident log. '.repeat(120)}`;
    const message = slack.postAsUser(channels.general, people.karen.id, long);
    await requests.messageShortcut(people.karen.id, message);
    const modal = await slack.waitFor(() => slack.currentView(people.karen.id), 3000, 'the ticket modal');
    expect(visibleText(modal.view)).toContain('only the start is copied');
    expect(initialValues(modal.view).Details).toHaveLength(3000);
    expect(slack.rejections).toEqual([]);
  });

  it('still files the ticket when the original message cannot be linked to', async () => {
    const { slack, requests } = harness;
    const message = slack.postAsUser(channels.general, people.karen.id, 'VPN drops every 10 minutes');
    await requests.messageShortcut(people.karen.id, message);
    await slack.waitFor(() => slack.currentView(people.karen.id), 3000, 'the ticket modal');
    slack.failNext('chat.getPermalink', { error: 'message_not_found' });
    await requests.submitModal(people.karen.id, { 'Help topic': 'Report a Problem' });
    const card = await slack.waitFor(() => slack.messagesIn(channels.support)[0], 3000, 'the ticket card');
    expect(visibleText(card)).toContain('VPN drops every 10 minutes');
    expect(visibleText(card)).not.toContain('a message>');
  });
});
