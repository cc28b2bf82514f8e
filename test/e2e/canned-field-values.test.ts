import { Json } from '../../src/sandbox/json';
import { OpenView } from '../../src/sandbox/local-slack/local-slack';
import { channels, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { FORMS_CONFIG } from '../support/topic-forms-config';

const { karen, ken, john, jerry, boss } = people;

/** The seeds' forms, Access Issue with a checkbox, a multi-select and a channel too, and responses that use every kind of answer. */
const CONFIG = `${FORMS_CONFIG.replace(
  '      - { name: reach_me_at, label: Reach me at, type: email }\n',
  `      - { name: reach_me_at, label: Reach me at, type: email }
      - { name: urgent, label: Blocked from working, type: checkbox }
      - { name: remote, label: Working remotely, type: checkbox }
      - { name: systems, label: Systems, type: multi_select, options: [VPN, Payroll portal, Email] }
      - { name: team_channel, label: Team channel, type: channel }
`,
)}
canned_responses:
  - title: Outage noted
    text: "Noted: {field.affected_system} down since {field.started_at}, {field.customers_affected} customers."
  - title: Access noted
    text: "Manager {field.manager}; blocked: {field.urgent}; remote: {field.remote}; systems: {field.systems}; team {field.team_channel}."
`;

/** The message box of the open Reply modal: what the agent reads there. */
const messageBox = (open: OpenView | null): string => {
  const block = ((open?.view.blocks as Json[] | undefined) ?? []).find((candidate) => candidate.type === 'input' && String(candidate.block_id).startsWith('text'));
  const initial = (block?.element as Json | undefined)?.initial_value;
  return typeof initial === 'string' ? initial : '';
};

/** `{field.<name>}` inserts what a person reads in the plain-text message box, never raw stored values or markup. */
describe("a canned response's field values, as a person reads them", () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness({ config: CONFIG });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  /** `/ticket`, the topic picked, the form filled and sent. */
  const file = async (userId: string, summary: string, topic: string, answers: Record<string, string | null>) => {
    const { slack, requests } = harness;
    await requests.slashCommand(userId, summary);
    await slack.waitFor(() => slack.currentView(userId), 3000, 'the New ticket modal');
    const updates = slack.callsTo('views.update').length;
    await requests.chooseInModal(userId, 'Help topic', topic);
    await slack.waitFor(() => slack.callsTo('views.update').length > updates, 3000, 'the topic fields');
    await harness.settle();
    expect((await requests.submitModal(userId, answers)).json()).toMatchObject({ response_action: 'update' });
    await harness.settle();
  };
  /** The agent opens Reply to requester on ticket `number` and inserts `title`: answers the message box. */
  const insert = async (agentId: string, number: number, title: string): Promise<string> => {
    await harness.requests.clickButton(agentId, await scenes.card(number), 'Reply to requester');
    const { hash } = await harness.slack.waitFor(() => harness.slack.currentView(agentId), 3000, 'the Reply modal');
    await harness.requests.chooseInModal(agentId, 'Insert a canned response', title);
    const updated = await harness.slack.waitFor(() => (harness.slack.currentView(agentId)?.hash !== hash ? harness.slack.currentView(agentId) : null), 3000, 'the updated modal');
    return messageBox(updated);
  };

  it("Karen's outage: the start as the card's fallback shows it (UTC, said), the count as the card shows it", async () => {
    await file(karen.id, 'Entire mobile online banking is down', 'Business Critical Outage', {
      'Affected system': 'Online banking',
      'Customers affected': '12000',
      'Started at': '2026-11-30T09:05:00Z',
    });
    expect(await insert(john.id, 1001, 'Outage noted')).toBe('Noted: Online banking down since 2026-11-30 09:05 UTC, 12,000 customers.');
  });

  it("Ken's access issue: his manager by name, a ticked and an unticked box as Yes/No, the systems as a list, the channel by name", async () => {
    await file(ken.id, 'I cannot log in', 'Access Issue', {
      'Which system': 'Payroll portal',
      'Your manager': boss.id,
      'Blocked from working': 'Blocked from working',
      Systems: 'VPN|Payroll portal',
      'Team channel': channels.sysadmins,
    });
    const text = await insert(jerry.id, 1001, 'Access noted');
    expect(text).toBe(`Manager @${boss.realName}; blocked: Yes; remote: No; systems: VPN, Payroll portal; team #sysadmins.`);
    expect(text).not.toMatch(/<[@#!]/);
  });
});
