import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';

const { karen, john } = people;

/** The fresh tester of issue 17: the longest words each new form takes reach Slack whole, with no call refused. */
describe('Edit and Withdraw at their edges (the fresh tester of issue 17)', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness({ config: DEMO_CONFIG });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  /** The longest text an input of the open modal takes (its max_length), filled with a line that has markup in it. */
  const longest = (userId: string, label: string): string => {
    const blocks = (harness.slack.currentView(userId)?.view.blocks ?? []) as { type: string; label?: { text: string }; element?: { max_length?: number } }[];
    const max = blocks.find((block) => block.type === 'input' && block.label?.text === label)?.element?.max_length ?? 3000;
    return '<!channel> *it works* again & '.repeat(200).slice(0, max);
  };
  const refusedCalls = () => harness.slack.calls.filter((call) => call.response && call.response.ok === false);

  it('Karen withdraws with the longest reason the form takes: the card thread and her thread carry it', async () => {
    await scenes.fileTicket(karen.id, 'Report a Problem', 'Mail stopped on my iPhone');
    const ticket = await scenes.ticket(1001);
    const confirmation = harness.slack.messages.find((message) => message.channel === ticket.requesterDmChannelId && message.ts === ticket.requesterDmTs);
    if (!confirmation) throw new Error('no confirmation');
    await harness.requests.clickButton(karen.id, confirmation, 'Withdraw ticket');
    await harness.slack.waitFor(() => harness.slack.currentView(karen.id), 3000, 'the Withdraw modal');
    const reason = longest(karen.id, 'Why are you withdrawing it?');
    expect((await harness.requests.submitModal(karen.id, { 'Why are you withdrawing it?': reason })).body).toBe('');
    await harness.settle();
    expect(refusedCalls()).toEqual([]);
    expect((await scenes.ticket(1001)).closeReason).toBe('withdrawn');
    expect((await scenes.history(1001)).at(-1)?.text).toBe(reason);
  });

  it('John edits with the longest summary and reason the form takes', async () => {
    await scenes.fileTicket(karen.id, 'Report a Problem', 'Mail stopped on my iPhone');
    await harness.requests.chooseOverflow(john.id, await scenes.card(1001), 'Edit…');
    await harness.slack.waitFor(() => harness.slack.currentView(john.id), 3000, 'the Edit modal');
    const fills = { Summary: longest(john.id, 'Summary'), Priority: 'Low', Reason: longest(john.id, 'Reason') };
    const response = await harness.requests.submitModal(john.id, fills);
    expect(response.body).toBe('');
    await harness.settle();
    expect(refusedCalls()).toEqual([]);
    expect((await scenes.ticket(1001)).summary).toBe(fills.Summary.trim());
  });
  it("Karen's Withdraw button after John resolved the ticket: answered, the resolution stands", async () => {
    await scenes.fileTicket(karen.id, 'Report a Problem', 'Mail stopped on my iPhone');
    const ticket = await scenes.ticket(1001);
    const confirmation = structuredClone(harness.slack.messages.find((message) => message.channel === ticket.requesterDmChannelId && message.ts === ticket.requesterDmTs));
    if (!confirmation) throw new Error('no confirmation');
    await scenes.clickAndSubmit(john.id, await scenes.card(1001), 'Resolve', { Resolution: 'Re-added the mail account' });
    expect((await scenes.ticket(1001)).status).toBe('resolved');
    await harness.requests.clickButton(karen.id, confirmation, 'Withdraw ticket');
    await harness.settle();
    expect(harness.slack.currentView(karen.id)).toBeNull();
    expect(harness.slack.ephemeralsFor(karen.id).at(-1)?.text).toBe('This ticket is resolved already, so there is nothing to withdraw.');
    expect(await scenes.ticket(1001)).toMatchObject({ status: 'resolved', closeReason: null });
  });
});
