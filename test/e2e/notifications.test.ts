import { channels, DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { buttonLabels, visibleText } from '../support/visible-text';

type Json = Record<string, unknown>;

/** The demo workspace, with Support paging its on-call user group for emergencies. */
const ONCALL_CONFIG = DEMO_CONFIG.replace('    sla: Default\n', '    sla: Default\n    notify:\n      emergency: "<!subteam^S0ONCALL>"\n');

/**
 * Notifications that reach the right person, through the local Slack, which records whom each
 * message notifies as Slack would (mentions in the top-level text or a section; a DM thread only
 * when the reply is broadcast, mentions the person, or they joined it).
 */
describe('notifications that reach the right person', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeAll(async () => {
    // The digest gathers a burst for 2 s, long enough for three messages on a busy PostgreSQL run.
    harness = await startHarness({ config: ONCALL_CONFIG, digestDelayMs: 2000 });
    scenes = new Scenes(harness);
  });
  afterAll(async () => {
    await harness.stop();
  });

  const karen = people.karen.id;
  const john = people.john.id;
  const jane = people.jane.id;
  const jerry = people.jerry.id;
  const sam = people.supportManager.id;

  it("Karen's emergency outage pages Support's configured on-call group on the card; a normal ticket pages nobody", async () => {
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down', 'Every page of the app answers 404.');
    const card = await scenes.card(1001);
    expect(card.notifies).toEqual(['subteam:S0ONCALL']);
    expect(card.text.startsWith('<!subteam^S0ONCALL> #1001')).toBe(true);
    expect(visibleText(card)).toContain(':rotating_light: <!subteam^S0ONCALL> a new');

    await scenes.fileTicket(people.michael.id, 'Report a Problem', 'Mail does not sync on my iPhone');
    expect((await scenes.card(1002)).notifies).toEqual([]);
  });

  it("a high ticket of a department without notify: pages the department's agents", async () => {
    await scenes.fileTicket(people.ken.id, 'Access Issue', 'Locked out of the VPN');
    expect((await scenes.card(1003)).notifies).toEqual([jerry]);
  });

  it('John clicks Assign to me on a ticket already his: told in the first person, nothing changes', async () => {
    await scenes.click(john, await scenes.card(1001), 'Assign to me');
    const version = (await scenes.ticket(1001)).version;
    await scenes.click(john, await scenes.card(1001), 'Assign to me');
    expect(harness.slack.ephemeralsFor(john).at(-1)?.text).toBe('#1001 is already yours.');
    expect((await scenes.ticket(1001)).version).toBe(version);
  });

  it("Karen's top-level DM shows who has her ticket, edited in place", async () => {
    const ticket = await scenes.ticket(1001);
    const top = harness.slack.messages.find((message) => message.ts === ticket.requesterDmTs);
    expect(top?.edits).toBeGreaterThan(0);
    expect(visibleText(top as never)).toContain(`*Assignee*\n<@${john}>`);
    expect(visibleText(top as never)).toContain('*Status*\nIn progress');
  });

  it("John's reply notifies Karen though she never opened the thread: it is broadcast to her DM", async () => {
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'Does the website work for you, or only the app?' });
    const reply = (await scenes.requesterThread(1001)).at(-1);
    expect(reply?.text).toContain('Does the website work for you');
    expect(reply?.broadcast).toBe(true);
    expect(reply?.notifies).toEqual([karen]);
    // The assignment line before it was only for the record: it notified nobody.
    expect((await scenes.requesterThread(1001)).at(0)?.notifies).toEqual([]);
  });

  it('Karen writes three messages in a row: John, the assignee, gets one DM saying so', async () => {
    const ticket = await scenes.ticket(1001);
    const before = scenes.dmsTo(john).length;
    for (const text of ['Only the app', 'The website is fine', 'Customers are calling the branch']) await harness.requests.writeInDm(karen, text, ticket.requesterDmTs);
    const digest = await harness.slack.waitFor(() => scenes.dmsTo(john).at(before), 5000, "John's digest");
    await harness.settle();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(scenes.dmsTo(john)).toHaveLength(before + 1);
    expect(digest.text).toBe(`<@${karen}> wrote 3 messages on #1001`);
    expect(visibleText(digest)).toContain('>Customers are calling the branch');
    expect(digest.notifies).toEqual([john]);
  });

  it('Jane clicks Assign to me on John’s ticket: asked first with the live assignee, then John is told', async () => {
    await scenes.click(jane, await scenes.card(1001), 'Assign to me');
    expect((await scenes.ticket(1001)).assigneeId).toBe(john);
    const question = harness.slack.ephemeralsFor(jane).at(-1);
    expect(question?.text).toBe(`<@${john}> has #1001: take it over?`);
    expect(buttonLabels(question as never)).toEqual(['Take it over', 'Leave it with them']);
    await harness.requests.clickEphemeral(jane, question as never, 'Take it over');
    await harness.settle();
    expect((await scenes.ticket(1001)).assigneeId).toBe(jane);
    expect(harness.slack.ephemeralsFor(jane).map((message) => message.text)).not.toContain(question?.text);
    expect(harness.slack.ephemeralsFor(jane).at(-1)?.text).toBe('#1001 is yours now.');
    expect(scenes.dmsTo(john).at(-1)?.text).toContain(`<@${jane}> took over *#1001 Entire mobile online banking is down* from you. It is no longer yours.`);
  });

  it('Leave it with them changes nothing and takes the question away', async () => {
    await scenes.click(john, await scenes.card(1001), 'Assign to me');
    const question = harness.slack.ephemeralsFor(john).at(-1);
    expect(question?.text).toBe(`<@${jane}> has #1001: take it over?`);
    await harness.requests.clickEphemeral(john, question as never, 'Leave it with them');
    await harness.settle();
    expect(harness.slack.ephemeralsFor(john)).not.toContain(question);
    expect((await scenes.ticket(1001)).assigneeId).toBe(jane);
  });

  it("Assign… offers only Support's agents, by name", async () => {
    await harness.requests.chooseOverflow(john, await scenes.card(1001), 'Assign…');
    const modal = await harness.slack.waitFor(() => harness.slack.currentView(john), 3000, 'the Assign modal');
    const choice = (modal.view.blocks as Json[]).find((block) => block.type === 'input')?.element as Json;
    expect(choice.type).toBe('static_select');
    // In name order, as every long list of people is.
    expect((choice.options as Json[]).map((option) => (option.text as Json).text)).toEqual(['Jane Doe', 'John Doe']);
    expect(((choice.initial_option as Json).text as Json).text).toBe('Jane Doe');
    await harness.requests.submitModal(john, { Agent: 'John Doe' });
    await harness.settle();
    expect((await scenes.ticket(1001)).assigneeId).toBe(john);
    expect(scenes.dmsTo(jane).at(-1)?.text).toContain(`<@${john}> took over *#1001`);
  });

  it("Sam's escalation alert still leads to the live card after the transfer to Sys Admins, and Karen's top-level DM shows Sys Admins", async () => {
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Escalate', { Reason: 'Customers are calling the branch' });
    const alert = scenes.dmsTo(sam).at(-1);
    expect(visibleText(alert as never)).toContain('*Escalation alert*');
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Transfer', { 'Transfer to': 'Sys Admins', Reason: 'needs the load balancer team' });
    const card = await scenes.card(1001);
    expect(card.channel).toBe(channels.sysadmins);
    await harness.requests.clickButton(sam, alert as never, 'Open the ticket card');
    const answer = await harness.slack.waitFor(() => harness.slack.ephemeralsFor(sam).at(-1), 3000, 'the link');
    expect(answer.text).toBe(`#1001 is with Sys Admins (<#${channels.sysadmins}>): <https://helpdesk-demo.slack.com/archives/${channels.sysadmins}/p${card.ts.replace('.', '')}|open its card>.`);
    const ticket = await scenes.ticket(1001);
    const top = harness.slack.messages.find((message) => message.ts === ticket.requesterDmTs);
    expect(visibleText(top as never)).toContain('*Department*\nSys Admins');
    expect(visibleText(top as never)).toContain('*Assignee*\n_Not assigned yet_');
  });

  it('Jerry resolves it: the card shows who resolved it and when instead of the due time, and the prompt notifies Karen', async () => {
    await scenes.click(jerry, await scenes.card(1001), 'Assign to me');
    await scenes.clickAndSubmit(jerry, await scenes.card(1001), 'Resolve', { Resolution: 'Found and reconnected a failed load balancer' });
    const card = visibleText(await scenes.card(1001));
    expect(card).toMatch(new RegExp(`\\*Resolved\\*\\n<@${jerry}>, <!date\\^\\d+\\^`));
    expect(card).not.toContain('*Due*');
    const prompt = (await scenes.requesterThread(1001)).at(-1);
    expect(buttonLabels(prompt as never)).toEqual(['That fixed it', 'Still broken']);
    expect(prompt?.notifies).toEqual([karen]);
    await scenes.click(karen, prompt as never, 'That fixed it');
    expect(visibleText(await scenes.card(1001))).toMatch(new RegExp(`\\*Closed\\*\\n<@${karen}>, <!date\\^`));
    const ticket = await scenes.ticket(1001);
    expect(visibleText(harness.slack.messages.find((message) => message.ts === ticket.requesterDmTs) as never)).toContain('*Status*\nClosed');
    expect(harness.slack.rejections).toEqual([]);
  });
});
