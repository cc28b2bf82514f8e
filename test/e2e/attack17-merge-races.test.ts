import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { OpenView } from '../../src/sandbox/local-slack/local-slack';
import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';

const { karen, michael, john, jane } = people;

/** The fresh tester of issue 17: two merges or links of the same tickets at the same moment happen one after the other (on PostgreSQL they did not). */
describe('merges and links at the same moment (the fresh tester of issue 17)', () => {
  jest.setTimeout(90_000);
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness({ config: DEMO_CONFIG });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  /** Opens the card's Merge into… modal for `userId` and answers it, unsubmitted. */
  const openMerge = async (userId: string, number: number): Promise<OpenView> => {
    await harness.requests.chooseOverflow(userId, await scenes.card(number), 'Merge into…');
    return harness.slack.waitFor(() => harness.slack.currentView(userId), 3000, 'the Merge modal');
  };

  it('John merges #1002 into #1001 while Jane merges #1001 into #1002: one of them wins, the other is refused, and one ticket stays open', async () => {
    for (let round = 0; round < 3; round += 1) {
      const first = await scenes.fileTicket(karen.id, 'Business Critical Outage', `Entire mobile online banking is down (${round})`);
      const second = await scenes.fileTicket(michael.id, 'Business Critical Outage', `Mobile banking down on my iPhone (${round})`);
      const johnsModal = await openMerge(john.id, second.number);
      const janesModal = await openMerge(jane.id, first.number);
      const [johns, janes] = await Promise.all([
        harness.requests.submitModal(john.id, { 'Or type its number': String(first.number) }, johnsModal),
        harness.requests.submitModal(jane.id, { 'Or type its number': String(second.number) }, janesModal),
      ]);
      await harness.settle();
      harness.slack.closeView(john.id);
      harness.slack.closeView(jane.id);
      const both = await harness.helpdesk.db.manager.find(TicketEntity, { where: [{ number: first.number }, { number: second.number }] });
      // Never both closed as merged into each other: the help desk would have lost the outage.
      expect(both.filter((ticket) => ticket.status !== 'closed')).toHaveLength(1);
      const answers = [johns, janes].map((response) => (response.body ? (response.json() as { response_action?: string }).response_action : 'closed'));
      expect(answers.sort()).toEqual(['closed', 'errors']);
    }
  });

  it('a merge into a ticket Jane closes at the same moment is refused: nothing is merged into a closed ticket', async () => {
    for (let round = 0; round < 3; round += 1) {
      const target = await scenes.fileTicket(karen.id, 'Business Critical Outage', `Entire mobile online banking is down (${round})`);
      const duplicate = await scenes.fileTicket(michael.id, 'Business Critical Outage', `Mobile banking down on my iPhone (${round})`);
      const johnsModal = await openMerge(john.id, duplicate.number);
      const targetCard = await scenes.card(target.number);
      await Promise.all([harness.requests.submitModal(john.id, { 'Or type its number': String(target.number) }, johnsModal), harness.requests.chooseOverflow(jane.id, targetCard, 'Close')]);
      await harness.settle();
      harness.slack.closeView(john.id);
      const [closed, merged] = [await scenes.ticket(target.number), await scenes.ticket(duplicate.number)];
      expect(closed.status).toBe('closed');
      // Merged only if the merge went first; never into a ticket already closed.
      if (merged.closeReason === 'merged') {
        const history = await scenes.history(target.number);
        const mergedAt = history.findIndex((event) => event.type === 'merged_from');
        const closedAt = history.findIndex((event) => event.type === 'closed');
        expect(mergedAt).toBeGreaterThanOrEqual(0);
        expect(mergedAt).toBeLessThan(closedAt);
      }
    }
  });
  it('John links #1002 to #1001 while Jane links #1001 to #1002: linked once, the other told they are linked already', async () => {
    for (let round = 0; round < 3; round += 1) {
      const first = await scenes.fileTicket(karen.id, 'Business Critical Outage', `Entire mobile online banking is down (${round})`);
      const second = await scenes.fileTicket(michael.id, 'Report a Problem', `Mail stopped on my iPhone (${round})`);
      const open = async (userId: string, number: number) => {
        await harness.requests.chooseOverflow(userId, await scenes.card(number), 'Link ticket…');
        return harness.slack.waitFor(() => harness.slack.currentView(userId), 3000, 'the Link modal');
      };
      const johnsModal = await open(john.id, second.number);
      const janesModal = await open(jane.id, first.number);
      const answers = await Promise.all([
        harness.requests.submitModal(john.id, { 'Related ticket number': String(first.number) }, johnsModal),
        harness.requests.submitModal(jane.id, { 'Related ticket number': String(second.number) }, janesModal),
      ]);
      await harness.settle();
      harness.slack.closeView(john.id);
      harness.slack.closeView(jane.id);
      for (const number of [first.number, second.number]) expect((await scenes.history(number)).filter((event) => event.type === 'linked')).toHaveLength(1);
      const refusals = answers.filter((response) => response.body).map((response) => Object.values((response.json() as { errors: Record<string, string> }).errors));
      expect(refusals).toEqual([[expect.stringContaining('are already linked')]]);
    }
  });
});
