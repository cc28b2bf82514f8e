import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { buttonLabels, visibleText } from '../support/visible-text';

const karen = people.karen.id;
const michael = people.michael.id;
const john = people.john.id;
const jerry = people.jerry.id;

/** Sys Admins ask nobody: `satisfaction: off`. */
const CONFIG = DEMO_CONFIG.replace('    managers: [U0BOSS]\n', '    managers: [U0BOSS]\n    satisfaction: off\n');

describe('How did we do? after a ticket closes', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness({ config: CONFIG });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  /** The questions posted in the requester's thread, answered (then thanking them) or not. */
  const questions = async (number: number) =>
    (await scenes.requesterThread(number)).filter((message) => visibleText(message).includes('How did we do?') || visibleText(message).includes('told us how we did'));

  /** Karen's outage, resolved by John and confirmed by Karen. */
  const confirmedOutage = async () => {
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    await scenes.click(john, await scenes.card(1001), 'Assign to me');
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Resolve', { Resolution: 'Found and reconnected a failed load balancer' });
    const resolution = (await scenes.requesterThread(1001)).at(-1);
    if (!resolution) throw new Error('no resolution message');
    await scenes.click(karen, resolution, 'That fixed it');
  };

  it('asks Karen once when she confirms the fix, and shows her answer on the card, in the card thread and in the history', async () => {
    await confirmedOutage();
    const [question, ...more] = await questions(1001);
    expect(more).toHaveLength(0);
    if (!question) throw new Error('no question');
    expect(buttonLabels(question)).toEqual(['Great', 'Good', 'Okay', 'Poor', 'Bad']);

    const { modal } = await scenes.clickAndSubmit(karen, question, 'Good', { Comment: 'Quick fix, thanks John <!channel>' });
    expect(modal.view.callback_id).toBe('satisfaction_modal');
    const card = visibleText(await scenes.card(1001));
    expect(card).toContain("*Requester's satisfaction*: ★★★★☆ Good");
    expect(card).toContain('Quick fix, thanks John');
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toContain('said how we did: *★★★★☆ Good*');
    expect(buttonLabels(question)).toEqual([]);
    expect(visibleText(question)).toContain('Thank you! You told us how we did on #1001: *★★★★☆ Good*');
    expect((await scenes.history(1001)).at(-1)).toEqual({ type: 'satisfaction_rated', actorId: karen, text: 'Quick fix, thanks John <!channel>' });
    // What she typed is shown as typed: it pings nobody.
    expect(harness.slack.messages.filter((message) => message.text.includes('<!channel>'))).toHaveLength(0);
  });

  it('takes the rating as chosen in the modal, without a comment', async () => {
    await confirmedOutage();
    const [question] = await questions(1001);
    if (!question) throw new Error('no question');
    await scenes.clickAndSubmit(karen, question, 'Great', { 'How was the help you got?': '★★☆☆☆ Poor' });
    expect(visibleText(await scenes.card(1001))).toContain("*Requester's satisfaction*: ★★☆☆☆ Poor");
    expect((await scenes.history(1001)).at(-1)).toEqual({ type: 'satisfaction_rated', actorId: karen, text: null });
  });

  it('never asks twice, even after a reopen and a second close by an agent, and refuses a second answer', async () => {
    await confirmedOutage();
    const [question] = await questions(1001);
    if (!question) throw new Error('no question');
    // An older copy of the question (as another device shows it) is clicked after the answer.
    const stale = { ...question, blocks: [...question.blocks] };
    await scenes.clickAndSubmit(karen, question, 'Great', {});
    await scenes.click(john, await scenes.card(1001), 'Reopen');
    expect((await scenes.ticket(1001)).status).toBe('in_progress');
    await harness.requests.chooseOverflow(john, await scenes.card(1001), 'Close');
    await harness.settle();
    expect((await scenes.ticket(1001)).status).toBe('closed');
    expect(await questions(1001)).toHaveLength(1);

    await harness.requests.clickButton(karen, stale, 'Bad');
    await harness.settle();
    expect(harness.slack.ephemerals.at(-1)?.text).toBe('You already told us how we did on #1001. Thank you! Your answer is unchanged.');
    expect((await scenes.history(1001)).filter((event) => event.type === 'satisfaction_rated')).toHaveLength(1);
  });

  it('asks the requester when an agent closes the ticket, and lets nobody else answer', async () => {
    await scenes.fileTicket(karen, 'Report a Problem', 'Printer on floor 3 jams');
    await harness.requests.chooseOverflow(john, await scenes.card(1001), 'Close');
    await harness.settle();
    const [question] = await questions(1001);
    if (!question) throw new Error('no question');
    await harness.requests.clickButton(michael, question, 'Bad');
    await harness.settle();
    expect(harness.slack.ephemerals.at(-1)?.text).toContain("You can't do that.");
    expect((await scenes.history(1001)).filter((event) => event.type === 'satisfaction_rated')).toHaveLength(0);
  });

  it('asks nobody when the requester withdraws the ticket (close reason withdrawn)', async () => {
    const filed = await scenes.fileTicket(karen, 'Report a Problem', 'Printer on floor 3 jams');
    const confirmation = harness.slack.messages.find((message) => message.channel === filed.requesterDmChannelId && message.ts === filed.requesterDmTs);
    if (!confirmation) throw new Error('no confirmation');
    await scenes.clickAndSubmit(karen, confirmation, 'Withdraw ticket', { 'Why are you withdrawing it?': 'A restart fixed it' });
    expect(await scenes.ticket(1001)).toMatchObject({ status: 'closed', closeReason: 'withdrawn' });
    expect(await questions(1001)).toHaveLength(0);
  });

  it('asks nobody in a department with satisfaction: off', async () => {
    await scenes.fileTicket(karen, 'Access Issue', 'Cannot log in to the VPN');
    await harness.requests.chooseOverflow(jerry, await scenes.card(1001), 'Close');
    await harness.settle();
    expect((await scenes.ticket(1001)).status).toBe('closed');
    expect(await questions(1001)).toHaveLength(0);
  });
});
