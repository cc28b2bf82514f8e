import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';
import { selectOptions } from '../../src/sandbox/local-slack/select-options';
import { Json } from '../../src/sandbox/json';

const { john, karen, supportManager } = people;

/** Many departments with long names of emoji, markup and accents, John an agent and the Support manager a manager of each. */
const MANY = 3000;
const pad = (index: number) => String(index).padStart(5, '0');
const longName = (index: number) => `🏦 Regional Office ${pad(index)} <b>&amp; *Ærøskøbing* branch, a name past seventy-five characters`;
const manyConfig = DEMO_CONFIG.replace(
  'help_topics:',
  `${Array.from({ length: MANY }, (_, index) => `  - name: "${longName(index + 1)}"\n    channel: C0SYSADM\n    agents: [U0JOHN]\n    managers: [U0MGR]\n`).join('')}help_topics:`,
);

/** Issue 16, attacked as a new user would: an organisation with thousands of departments of long names, and people whose names carry accents. */
describe('attack16b: thousands of long department names', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness({ config: manyConfig });
  }, 60_000);
  afterEach(async () => {
    await harness.stop();
  });

  it('publishes John’s and the manager’s Homes, and opens Transfer, within Slack’s limits', async () => {
    const scenes = new Scenes(harness);
    await scenes.fileTicket(karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    const home = await harness.requests.openHome(john.id, 20_000);
    const shown = visibleText({ blocks: home.view.blocks });
    expect(shown).toContain('The department filter lists');
    const select = (home.view.blocks as Json[]).flatMap((block) => (block.elements as Json[] | undefined) ?? []).find((element) => element.action_id === 'home_filter_department') as Json;
    for (const group of (select.option_groups as Json[]) ?? []) expect(String((group.label as Json).text).length).toBeLessThanOrEqual(75);
    for (const option of selectOptions(select)) expect(String((option.text as Json).text).length).toBeLessThanOrEqual(75);
    // A manager of more than 500 departments: SQLite refused the oldest-open query (a compound SELECT of one term per department), and the Home was never published.
    const managerHome = await harness.requests.openHome(supportManager.id, 20_000);
    expect(harness.logs.filter((line) => line.includes('SQLITE_ERROR'))).toEqual([]);
    expect(visibleText({ blocks: managerHome.view.blocks })).toContain('Regional Office');
    expect((managerHome.view.blocks as Json[]).length).toBeLessThanOrEqual(100);
    await harness.requests.clickButton(john.id, await scenes.card(1001), 'Transfer');
    const modal = await harness.slack.waitFor(() => harness.slack.currentView(john.id), 10_000, 'the Transfer modal');
    expect(visibleText({ blocks: modal.view.blocks })).toMatch(/more departments do not fit/);
    expect(harness.slack.callsTo('views.publish').filter((call) => call.response.ok !== true)).toEqual([]);
  }, 120_000);
});

describe('attack16b: names with accents', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness();
    harness.slack.addUser({ id: 'U0JOSE', name: 'jn', realName: 'José Núñez' });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  const searchCommand = async (userId: string, text: string): Promise<string[]> => {
    const before = harness.slack.ephemeralsFor(userId).length;
    await harness.requests.slashCommand(userId, `search ${text}`);
    const answer = await harness.slack.waitFor(() => harness.slack.ephemeralsFor(userId)[before], 5000, `the answer to /ticket search ${text}`);
    return [...visibleText(answer).matchAll(/^\*(#\d+)\*/gm)].map((match) => match[1] ?? '');
  };

  it('finds José Núñez’s ticket by his name typed with or without accents, in any case or Unicode form', async () => {
    const filed = await scenes.fileTicket('U0JOSE', 'Report a Problem', 'Printer on 3rd floor is jammed');
    for (const typed of ['José', 'JOSÉ', 'José'.normalize('NFD'), 'jose', 'NUNEZ', 'núñez', 'Núñez'.normalize('NFD')]) {
      expect([typed, await searchCommand(john.id, typed)]).toEqual([typed, [`#${filed.number}`]]);
    }
  });
});
