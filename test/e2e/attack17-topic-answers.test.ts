import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';

const { karen, john } = people;

/** Forty branches, each named in 70 characters: a multi-select a bank could well list. */
const BRANCHES = Array.from({ length: 40 }, (_, index) => `Branch ${String(index + 1).padStart(2, '0')} & counter systems of the regional office, floor ${index % 9}`.padEnd(70, '.'));

const CONFIG = DEMO_CONFIG.replace(
  '    priority: emergency\n    sla: SEV-A\n',
  `    priority: emergency
    sla: SEV-A
    fields:
      - name: branches
        label: Branches affected
        type: multi_select
        options:
${BRANCHES.map((branch) => `          - "${branch}"`).join('\n')}
      - { name: customers_affected, label: Customers affected, type: number }
`,
);

/** The fresh tester of issue 17: answers to a topic's questions as large as the form lets a person give them. */
describe('help-topic answers at their limits (the fresh tester of issue 17)', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness({ config: CONFIG });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  /** Karen files the outage with the answers `fills`; answers Slack's reply to the last submission. */
  const fileOutage = async (fills: Record<string, string | null>) => {
    const { slack, requests } = harness;
    await requests.slashCommand(karen.id, 'Entire mobile online banking is down');
    await slack.waitFor(() => slack.currentView(karen.id), 3000, 'the New ticket modal');
    await requests.submitModal(karen.id, { 'Help topic': 'Business Critical Outage' });
    const response = await requests.submitModal(karen.id, fills);
    await harness.settle();
    return response.json() as { response_action?: string; errors?: Record<string, string> };
  };

  it('Karen ticks every branch: the card still reaches the department, saying which branches (Slack shows 2,000 characters of a field)', async () => {
    expect(await fileOutage({ 'Branches affected': BRANCHES.join('|') })).toMatchObject({ response_action: 'update' });
    const ticket = await harness.helpdesk.db.manager.findOneByOrFail(TicketEntity, { number: 1001 });
    expect(ticket.fieldAnswers[0]?.value).toEqual(BRANCHES);
    expect(harness.slack.callsTo('chat.postMessage').filter((call) => !call.response.ok)).toEqual([]);
    const card = visibleText(await scenes.card(1001));
    expect(card).toContain('*Branches affected*\nBranch 01 &amp; counter systems');
    expect(card).toMatch(/Branch \d\d [^\n]* and \d+ more\n/);
    // John sees it in /ticket status too.
    const before = harness.slack.ephemeralsFor(john.id).length;
    await harness.requests.slashCommand(john.id, 'status 1001');
    expect(visibleText(await harness.slack.waitFor(() => harness.slack.ephemeralsFor(john.id)[before], 3000, 'the status answer'))).toContain('*Branches affected*');
    // And Karen, in her ticket's history from her Home's View.
    harness.slack.closeView(karen.id);
    await harness.requests.openHome(karen.id);
    await harness.requests.clickInHome(karen.id, 'View');
    const history = await harness.slack.waitFor(
      () => (harness.slack.currentView(karen.id)?.view.callback_id === 'ticket_history_modal' ? harness.slack.currentView(karen.id) : null),
      3000,
      'the View modal',
    );
    expect(visibleText({ blocks: history.view.blocks })).toContain('*Branches affected*');
    expect(harness.slack.calls.filter((call) => call.response && call.response.ok === false)).toEqual([]);
  });

  it('a number longer than the help desk can keep exactly is refused beside its input, not stored changed', async () => {
    const answer = await fileOutage({ 'Customers affected': '12345678901234567891' });
    expect(answer.response_action).toBe('errors');
    expect(answer.errors?.['field:customers_affected']).toContain('12345678901234567891');
    expect(await harness.helpdesk.db.manager.count(TicketEntity)).toBe(0);
    // What she typed is still in the modal to round; rounded, it is filed.
    const rounded = await harness.requests.submitModal(karen.id, { 'Customers affected': '12345678901235000000' });
    expect(rounded.json()).toMatchObject({ response_action: 'update' });
    const ticket = await harness.helpdesk.db.manager.findOneByOrFail(TicketEntity, { number: 1001 });
    expect(ticket.fieldAnswers[0]).toMatchObject({ name: 'customers_affected', value: 12345678901235000000 });
  });
});
