import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { people } from '../support/demo-workspace';
import { signRequest } from '../../src/sandbox/local-slack/slack-requests';
import { Harness, startHarness } from '../support/helpdesk-harness';

describe('requests that did not come from Slack', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('answers 401 to a forged signature and opens nothing', async () => {
    const response = await harness.requests.slashCommand(people.karen.id, 'hello', 'C0GENERAL', {
      signature: signRequest('not-the-signing-secret', Math.floor(Date.now() / 1000), 'anything'),
    });
    expect(response.status).toBe(401);
    expect(harness.slack.callsTo('views.open')).toHaveLength(0);
  });

  it('answers 401 to a correctly signed request older than five minutes (a replay)', async () => {
    const response = await harness.requests.slashCommand(people.karen.id, 'hello', 'C0GENERAL', {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(response.status).toBe(401);
    expect(harness.slack.callsTo('views.open')).toHaveLength(0);
  });

  it('creates no ticket from a forged view submission', async () => {
    await harness.requests.slashCommand(people.karen.id, 'Entire mobile online banking is down');
    await harness.slack.waitFor(() => harness.slack.currentView(people.karen.id), 3000, 'the ticket modal');
    const { payload } = harness.requests.viewSubmission(people.karen.id, { 'Help topic': 'Business Critical Outage' });
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const forged = await harness.requests.post(body, 'application/x-www-form-urlencoded', { signature: 'v0=deadbeef' });
    expect(forged.status).toBe(401);
    const stale = await harness.requests.post(body, 'application/x-www-form-urlencoded', { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(stale.status).toBe(401);
    expect(await harness.helpdesk.db.manager.count(TicketEntity)).toBe(0);
  });
});
