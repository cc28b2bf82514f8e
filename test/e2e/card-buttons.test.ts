import { channels, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { TicketEntity } from '../../src/persistence/entities/ticket.entity';

describe('the ticket card buttons before their behaviour exists', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
    await harness.requests.slashCommand(people.karen.id, 'Entire mobile online banking is down');
    await harness.slack.waitFor(() => harness.slack.currentView(people.karen.id), 3000, 'the ticket modal');
    await harness.requests.submitModal(people.karen.id, { 'Help topic': 'Business Critical Outage' });
    await harness.settle();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it.each(['Assign to me', 'Transfer', 'Escalate', 'Resolve'])('"%s" tells the agent it is coming soon and changes nothing', async (label) => {
    const { slack, requests, helpdesk } = harness;
    const card = slack.messagesIn(channels.support)[0];
    if (!card) throw new Error('no card');
    const before = slack.ephemeralsFor(people.john.id).length;
    const response = await requests.clickButton(people.john.id, card, label);
    expect(response.status).toBe(200);
    const notice = await slack.waitFor(() => slack.ephemeralsFor(people.john.id)[before], 3000, 'the ephemeral notice');
    expect(notice).toMatchObject({ channel: channels.support, text: `“${label}” is coming soon: this button does not change the ticket yet.` });
    expect(await helpdesk.db.manager.findOneByOrFail(TicketEntity, { number: 1001 })).toMatchObject({ status: 'open', version: 1 });
    expect(card.edits).toBe(0);
  });
});
