import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { INTAKE_KEY_TAKEN } from '../../src/services/ticket-intake.service';
import { PostedMessage } from '../../src/sandbox/local-slack/local-slack';
import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { karenTicketSubmission } from '../support/ticket-submission';
import { buttonLabels, visibleText } from '../support/visible-text';

const karen = people.karen.id;
const john = people.john.id;

describe('the server decides which message to edit', () => {
  let harness: Harness;
  let scenes: Scenes;
  let resolution: PostedMessage;
  let otherCard: PostedMessage;
  let otherCardBefore: { text: string; blocks: string; edits: number };
  beforeEach(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    await scenes.fileTicket(people.ken.id, 'Report a Problem', 'Printer on 3rd floor is jammed');
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Resolve', { Resolution: 'Found and reconnected a failed load balancer' });
    const last = (await scenes.requesterThread(1001)).at(-1);
    if (!last || !buttonLabels(last).includes('That fixed it')) throw new Error('no resolution prompt');
    resolution = last;
    otherCard = await scenes.card(1002);
    otherCardBefore = { text: otherCard.text, blocks: JSON.stringify(otherCard.blocks), edits: otherCard.edits };
  });
  afterEach(async () => {
    await harness.stop();
  });

  const expectOtherCardUntouched = () => {
    expect({ text: otherCard.text, blocks: JSON.stringify(otherCard.blocks), edits: otherCard.edits }).toEqual(otherCardBefore);
    expect(harness.slack.callsTo('chat.update').filter((call) => call.args.ts === otherCard.ts)).toEqual([]);
  };

  it('settles the stored prompt, not the message a forged click names, on "That fixed it"', async () => {
    // The click carries the resolution's buttons but names another ticket's card as its message.
    await scenes.click(karen, { ...resolution, channel: otherCard.channel, ts: otherCard.ts }, 'That fixed it');
    expect((await scenes.ticket(1001)).status).toBe('closed');
    expectOtherCardUntouched();
    expect(visibleText(resolution)).toContain('You confirmed the fix; #1001 is closed.');
    expect(buttonLabels(resolution)).toEqual([]);
  });

  it('settles the stored prompt, not a location forged into the Reopen modal metadata', async () => {
    await harness.requests.clickButton(karen, resolution, 'Still broken');
    const modal = await harness.slack.waitFor(() => harness.slack.currentView(karen), 3000, 'the Reopen modal');
    const { payload } = harness.requests.viewSubmission(karen, { 'What is still wrong?': 'The app still shows a 404' }, modal);
    const view = payload.view as { private_metadata: string };
    view.private_metadata = JSON.stringify({ ...JSON.parse(view.private_metadata), p: { c: otherCard.channel, ts: otherCard.ts } });
    const response = await harness.requests.interaction(payload);
    expect(response.status).toBe(200);
    await harness.settle();
    expect((await scenes.ticket(1001)).status).toBe('open');
    expectOtherCardUntouched();
    expect(visibleText(resolution)).toContain('You said #1001 is still broken; it is reopened.');
    expect(buttonLabels(resolution)).toEqual([]);
  });
});

describe('an intake key answers only its own submitter', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.stop();
  });

  it("refuses Michael's submission with Karen's view id, filing nothing and naming nothing of hers", async () => {
    const karens = karenTicketSubmission(harness.slack, 'V0KAREN1', 'Entire mobile online banking is down');
    const filed = await harness.requests.interaction(karens);
    expect(filed.json()).toMatchObject({ response_action: 'update' });

    const michaels = { ...karens, user: { ...karens.user, id: people.michael.id, username: 'michael', name: 'michael' } };
    michaels.view = { ...karens.view, state: { values: { ...karens.view.state.values, summary: { value: { type: 'plain_text_input', value: 'My laptop will not boot' } } } } };
    const refused = await harness.requests.interaction(michaels);
    expect(refused.json()).toEqual({ response_action: 'errors', errors: { summary: INTAKE_KEY_TAKEN } });
    expect(refused.body).not.toMatch(/1001|banking|Support/);
    await harness.settle();
    expect(await harness.helpdesk.db.manager.count(TicketEntity)).toBe(1);

    // Karen's own repeat is still answered with her ticket.
    const again = await harness.requests.interaction(karens);
    expect(JSON.stringify(again.json())).toContain('#1001');
  });
});
