import { PostedMessage } from '../../src/sandbox/local-slack/local-slack';
import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';

const karen = people.karen.id;
const john = people.john.id;

type Json = Record<string, unknown>;

/** A reference as the app wrote it before the wire keys were spelled out: `{ t, v }`, and `a` for an overflow option. */
const shortKeys = (value: string): string => {
  const { ticketId, version, action, ...rest } = JSON.parse(value) as Json;
  return JSON.stringify({ ...rest, t: ticketId, v: version, ...(action === undefined ? {} : { a: action }) });
};

/** The card as an app posted before the rename would have posted it: the same buttons, their values in short keys. */
const postedBefore = (card: PostedMessage): PostedMessage => ({
  ...card,
  blocks: card.blocks.map((block) =>
    block.type !== 'actions'
      ? block
      : {
          ...block,
          elements: (block.elements as Json[]).map((element) => ({
            ...element,
            ...(typeof element.value === 'string' ? { value: shortKeys(element.value) } : {}),
            ...(Array.isArray(element.options) ? { options: (element.options as Json[]).map((option) => ({ ...option, value: shortKeys(String(option.value)) })) } : {}),
          })),
        },
  ),
});

describe('cards and modals posted before the wire keys were spelled out', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('writes ticketId and version on the cards it posts now', async () => {
    const ticket = await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    const card = await scenes.card(ticket.number);
    const values = card.blocks
      .filter((block) => block.type === 'actions')
      .flatMap((block) => (block.elements as Json[]).map((element) => element.value).filter((value): value is string => typeof value === 'string'));
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(JSON.parse(value) as unknown).toEqual({ ticketId: ticket.id, version: ticket.version });
  });

  it("lets John assign, release and resolve Karen's ticket from a card and a modal carrying t and v", async () => {
    const ticket = await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');

    await scenes.click(john, postedBefore(await scenes.card(ticket.number)), 'Assign to me');
    expect((await scenes.ticket(ticket.number)).assigneeId).toBe(john);

    expect((await harness.requests.chooseOverflow(john, postedBefore(await scenes.card(ticket.number)), 'Release')).status).toBe(200);
    await harness.settle();
    expect((await scenes.ticket(ticket.number)).assigneeId).toBeNull();

    const current = await scenes.ticket(ticket.number);
    await harness.requests.clickButton(john, postedBefore(await scenes.card(ticket.number)), 'Resolve');
    const modal = await harness.slack.waitFor(() => harness.slack.currentView(john), 3000, 'the Resolve modal');
    const { payload } = harness.requests.viewSubmission(john, { Resolution: 'Restarted the mobile gateway' }, modal);
    // A Resolve modal opened before the rename carries its ticket as { t, v }.
    (payload.view as { private_metadata: string }).private_metadata = JSON.stringify({ t: current.id, v: current.version });
    expect((await harness.requests.interaction(payload)).status).toBe(200);
    await harness.settle();
    expect((await scenes.ticket(ticket.number)).status).toBe('resolved');
    expect(scenes.thread(await scenes.card(ticket.number)).some((line) => line.includes('Restarted the mobile gateway'))).toBe(true);
    expect(harness.slack.rejections).toEqual([]);
  });
});
