import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { selectOptions } from '../../src/sandbox/local-slack/select-options';
import { Json } from '../../src/sandbox/json';

const john = people.john.id;
const karen = people.karen.id;

/** 150 more departments than the demo's two, each with its own agent, and 150 more agents in Support. */
const EXTRA = 150;
const pad = (index: number) => String(index).padStart(3, '0');
const extraAgent = (index: number) => ({ id: `U0AGENT${pad(index)}`, name: `agent${pad(index)}`, realName: `Zed Agent ${pad(index)}` });
const config = DEMO_CONFIG.replace('    agents: [U0JOHN, U0JANE]', `    agents: [U0JOHN, U0JANE, ${Array.from({ length: EXTRA }, (_, index) => extraAgent(index + 1).id).join(', ')}]`).replace(
  'help_topics:',
  `${Array.from({ length: EXTRA }, (_, index) => `  - name: Regional Office ${pad(index + 1)}\n    channel: C0SYSADM\n    agents: [U0SYSA]\n`).join('')}help_topics:`,
);

const selectIn = (view: Json, label: string): Json => {
  const block = (view.blocks as Json[]).find((candidate) => candidate.type === 'input' && (candidate.label as Json).text === label);
  if (!block) throw new Error(`no input labelled ${label}`);
  return block.element as Json;
};
const optionTexts = (select: Json) => selectOptions(select).map((option) => String((option.text as Json).text));

describe('Transfer and Assign… reach every department and agent, past the 100 options of one list', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness({ config });
    for (let index = 1; index <= EXTRA; index += 1) harness.slack.addUser(extraAgent(index));
    scenes = new Scenes(harness);
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('offers all 151 other departments in groups, and John transfers the outage to the last one', async () => {
    await harness.requests.clickButton(john, await scenes.card(1001), 'Transfer');
    const modal = await harness.slack.waitFor(() => harness.slack.currentView(john), 3000, 'the Transfer modal');
    const select = selectIn(modal.view, 'Transfer to');
    expect(select.options).toBeUndefined();
    expect((select.option_groups as Json[]).length).toBe(2);
    const offered = optionTexts(select);
    expect(offered).toHaveLength(EXTRA + 1);
    expect(offered).toContain('Sys Admins');
    expect(offered.at(-1)).toBe('Sys Admins');
    expect(offered).toContain(`Regional Office ${pad(EXTRA)}`);
    await harness.requests.submitModal(john, { 'Transfer to': `Regional Office ${pad(EXTRA)}`, Reason: 'the regional office runs this branch' }, modal);
    await harness.settle();
    const ticket = await scenes.ticket(1001);
    expect((await harness.helpdesk.catalog.findDepartment(ticket.departmentId))?.name).toBe(`Regional Office ${pad(EXTRA)}`);
  });

  it('offers all 152 Support agents by name in groups, and John assigns the outage to the last of them', async () => {
    await harness.requests.chooseOverflow(john, await scenes.card(1001), 'Assign…');
    const modal = await harness.slack.waitFor(() => harness.slack.currentView(john), 3000, 'the Assign modal');
    const select = selectIn(modal.view, 'Agent');
    expect(select.options).toBeUndefined();
    const offered = optionTexts(select);
    expect(offered).toHaveLength(EXTRA + 2);
    expect(offered.slice(0, 2)).toEqual(['Jane Doe', 'John Doe']);
    expect(offered.at(-1)).toBe(`Zed Agent ${pad(EXTRA)}`);
    await harness.requests.submitModal(john, { Agent: `Zed Agent ${pad(EXTRA)}` }, modal);
    await harness.settle();
    expect((await scenes.ticket(1001)).assigneeId).toBe(extraAgent(EXTRA).id);
  });
});
