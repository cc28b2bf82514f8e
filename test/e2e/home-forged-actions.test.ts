import { selectOptions } from '../../src/sandbox/local-slack/select-options';
import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';
import { Json } from '../../src/sandbox/json';

/**
 * Home buttons as an attacker (or a stale Home) sends them: a block_actions payload from the Home
 * tab naming a ticket the Home never offered. The server decides from the stored ticket, not the payload.
 */
describe('Home actions the Home never offered', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
    await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down', 'Customers cannot log in.');
    await scenes.fileTicket(people.michael.id, 'Report a Problem', 'No new mail on my iPhone', 'Gmail app on an iPhone 14 Pro.');
    await scenes.click(people.jane.id, await scenes.card(1002), 'Assign to me');
  });
  afterEach(async () => harness.stop());

  /** `userId` sends a Home button click with `actionId` and the value of ticket `number` as it stands now. */
  const forgeHomeClick = async (userId: string, actionId: string, number: number) => {
    const ticket = await scenes.ticket(number);
    if (!harness.slack.homeOf(userId)) await harness.requests.openHome(userId);
    const value = JSON.stringify({ ticketId: ticket.id, version: ticket.version, number });
    await harness.requests.actInHome(userId, `home_forged_${number}`, { type: 'button', action_id: `${actionId}:unassigned:${ticket.id}`, text: { type: 'plain_text', text: 'x' }, value });
    await harness.settle();
  };

  it("Assign to me on a ticket someone else has asks first, in the clicker's DM, and Take it over tells the previous assignee", async () => {
    await forgeHomeClick(people.john.id, 'home_assign_self', 1002);
    expect((await scenes.ticket(1002)).assigneeId).toBe(people.jane.id);
    const question = scenes.dmsTo(people.john.id).at(-1);
    expect(question?.text).toBe(`<@${people.jane.id}> has #1002: take it over?`);
    await scenes.click(people.john.id, question as never, 'Take it over');
    await harness.settle();
    expect((await scenes.ticket(1002)).assigneeId).toBe(people.john.id);
    expect(scenes.dmsTo(people.jane.id).at(-1)?.text).toContain(`<@${people.john.id}> took over *#1002`);
  });

  it('Assign to me on a ticket that is already yours says so in the first person', async () => {
    await forgeHomeClick(people.jane.id, 'home_assign_self', 1002);
    const notice = await harness.slack.waitFor(() => harness.slack.currentView(people.jane.id), 3000, "Jane's notice");
    expect(visibleText({ blocks: notice.view.blocks })).toContain('already yours');
  });
});

describe('a Home page that emptied', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
  });
  afterEach(async () => harness.stop());

  const ticketRows = (userId: string): string[] =>
    ((harness.slack.homeOf(userId)?.view.blocks ?? []) as Json[]).flatMap((block) => {
      const text = block.type === 'section' ? (block.text as Json | undefined)?.text : undefined;
      return typeof text === 'string' && /^\*#\d+\*/.test(text) ? [text.slice(0, 6)] : [];
    });

  it("shows the last page that has rows when the tickets of the page Karen was on are gone, not an empty list with 'Showing 6–5 of 5'", async () => {
    for (let index = 1; index <= 7; index += 1) await scenes.fileTicket(people.karen.id, 'Report a Problem', `Printer ${index} is jammed`);
    await harness.requests.openHome(people.karen.id);
    await harness.requests.clickInHome(people.karen.id, 'Show more (2 more)');
    await harness.settle();
    expect(ticketRows(people.karen.id)).toHaveLength(2);
    for (const number of [1001, 1002]) await scenes.clickAndSubmit(people.jane.id, await scenes.card(number), 'Resolve', { Resolution: 'Paper tray cleared.' });
    const home = await harness.requests.openHome(people.karen.id);
    const shown = visibleText({ blocks: home.view.blocks });
    expect(shown).not.toContain('Showing 6');
    // The five open tickets, newest first, then the two resolved ones under "recently resolved or closed".
    expect(ticketRows(people.karen.id)).toEqual(['*#1007', '*#1006', '*#1005', '*#1004', '*#1003', '*#1002', '*#1001']);
  });
});

describe('an agent of many departments', () => {
  let harness: Harness;
  afterEach(async () => harness.stop());

  it('gets a Home when John works in 121 departments: the department filter lists all of them in groups, and a forged filter value changes nothing', async () => {
    const many = Array.from(
      { length: 120 },
      (_, index) => `  - name: "Dept ${index} <!channel> *bold* &lt; :tada: ${'long name '.repeat(6)}"\n    channel: C0SUPPORT\n    agents: [U0JOHN]\n    managers: [U0JOHN]\n`,
    ).join('');
    harness = await startHarness({ config: DEMO_CONFIG.replace('help_topics:', `${many}help_topics:`) });
    const home = await harness.requests.openHome(people.john.id);
    const select = (home.view.blocks as Json[]).flatMap((block) => (block.elements as Json[] | undefined) ?? []).find((element) => element.action_id === 'home_filter_department');
    expect(select?.options).toBeUndefined();
    expect(selectOptions(select as Json)).toHaveLength(122);
    expect(visibleText({ blocks: home.view.blocks })).not.toContain('The department filter lists');
    await harness.requests.actInHome(
      people.john.id,
      'home_agent_filters',
      { type: 'static_select', action_id: 'home_filter_department', options: [{ text: { type: 'plain_text', text: 'x' }, value: '99999' }] },
      '99999',
    );
    await harness.settle();
    const after = harness.slack.homeOf(people.john.id);
    const chosen = (after?.view.blocks as Json[]).flatMap((block) => (block.elements as Json[] | undefined) ?? []).find((element) => element.action_id === 'home_filter_department');
    expect(((chosen?.initial_option as Json).text as Json).text).toBe('All my departments');
  });
});

describe('the View modal of a long history', () => {
  let harness: Harness;
  afterEach(async () => harness.stop());

  it("opens for Karen after forty long messages full of emoji, within Slack's 250 kB, saying how many older entries it leaves out", async () => {
    harness = await startHarness();
    const scenes = new Scenes(harness);
    await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down', 'Customers cannot log in.');
    const ticket = await scenes.ticket(1001);
    for (let index = 1; index <= 40; index += 1) await harness.requests.writeInDm(people.karen.id, `Try ${index}: ${'🎉'.repeat(3000)}`, ticket.requesterDmTs);
    await harness.settle();
    await harness.requests.openHome(people.karen.id);
    await harness.requests.clickInHome(people.karen.id, 'View');
    const opened = await harness.slack.waitFor(() => harness.slack.currentView(people.karen.id), 5000, "Karen's View modal");
    const shown = visibleText({ blocks: opened.view.blocks });
    expect(shown).toContain('Try 40:');
    expect(shown).toMatch(/\d+ older entries are not shown here/);
    expect(harness.slack.callsTo('views.open').filter((call) => call.response.ok !== true)).toEqual([]);
  });
});
