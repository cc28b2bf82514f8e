import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { LocalSlack, OpenView } from '../../src/sandbox/local-slack/local-slack';
import { channels, people } from '../support/demo-workspace';
import { FORMS_CONFIG } from '../support/topic-forms-config';
import { Harness, startHarness, startLocalSlack } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { visibleText } from '../support/visible-text';

const { karen, ken, john, jerry, boss } = people;

const STARTED = '2026-11-30T09:05:00Z';

describe('help-topic forms in the New ticket modal', () => {
  let harness: Harness;
  let scenes: Scenes;

  beforeEach(async () => {
    harness = await startHarness({ config: FORMS_CONFIG });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness?.stop();
  });

  const labels = (view: OpenView | null): string[] =>
    ((view?.view.blocks as { type: string; label?: { text: string } }[] | undefined) ?? []).filter((block) => block.type === 'input').map((block) => block.label?.text ?? '');

  /** `/ticket <summary>`, then the person picks `topic`: answers the modal once the app has redrawn it with the topic's fields. */
  const openAndPick = async (slack: LocalSlack, userId: string, summary: string, topic: string): Promise<OpenView> => {
    const { requests } = harness;
    await requests.slashCommand(userId, summary);
    const modal = await slack.waitFor(() => slack.currentView(userId), 3000, 'the New ticket modal');
    const updatesBefore = slack.callsTo('views.update').length;
    const picked = await requests.chooseInModal(userId, 'Help topic', topic);
    expect(picked?.status).toBe(200);
    await slack.waitFor(() => slack.callsTo('views.update').length > updatesBefore, 3000, 'the modal redrawn with the topic fields');
    await harness.settle();
    return modal;
  };

  it("files Karen's outage with the Business Critical Outage fields: the modal grows them in place, keeps her summary, and the card shows the answers", async () => {
    const { slack, requests, helpdesk } = harness;
    await requests.slashCommand(karen.id, '');
    const modal = await slack.waitFor(() => slack.currentView(karen.id), 3000, 'the New ticket modal');
    expect(labels(modal)).toEqual(['Help topic', 'Summary', 'Details']);
    const hashBefore = modal.hash;
    requests.typeInModal(karen.id, { Summary: 'Entire mobile online banking is down', Details: 'Customers get a 404 on every page since 9:05.' });

    await requests.chooseInModal(karen.id, 'Help topic', 'Business Critical Outage');
    await slack.waitFor(() => labels(slack.currentView(karen.id)).length > 3, 3000, 'the topic fields');
    // Updated in place: the same view, with the hash it had when Karen picked the topic.
    const update = slack.callsTo('views.update').at(-1);
    expect(update?.args).toMatchObject({ view_id: modal.id, hash: hashBefore });
    expect(update?.response.ok).toBe(true);
    expect(slack.currentView(karen.id)?.id).toBe(modal.id);
    expect(labels(slack.currentView(karen.id))).toEqual(['Help topic', 'Summary', 'Details', 'Affected system', 'Customers affected', 'Started at']);

    // She fills in only the new fields: what she typed before the redraw is still there.
    const submitted = await requests.submitModal(karen.id, { 'Affected system': 'Online banking', 'Customers affected': '12000', 'Started at': STARTED });
    expect(submitted.json()).toMatchObject({ response_action: 'update' });
    await harness.settle();

    const ticket = await helpdesk.db.manager.findOneByOrFail(TicketEntity, { number: 1001 });
    expect(ticket.summary).toBe('Entire mobile online banking is down');
    expect(ticket.details).toBe('Customers get a 404 on every page since 9:05.');
    expect(ticket.fieldAnswers).toEqual([
      { name: 'affected_system', label: 'Affected system', type: 'select', value: 'Online banking', text: 'Online banking' },
      { name: 'customers_affected', label: 'Customers affected', type: 'number', value: 12000, text: '12000' },
      { name: 'started_at', label: 'Started at', type: 'datetime', value: '2026-11-30T09:05:00.000Z', text: '2026-11-30T09:05:00.000Z' },
    ]);
    const card = visibleText(await scenes.card(1001));
    expect(card).toContain('*Affected system*\nOnline banking');
    expect(card).toContain('*Customers affected*\n12,000');
    expect(card).toContain(`*Started at*\n<!date^${Date.parse(STARTED) / 1000}^`);
    expect(slack.messagesIn(channels.support)).toHaveLength(1);

    // John sees the answers in /ticket status too.
    const before = slack.ephemeralsFor(john.id).length;
    await requests.slashCommand(john.id, 'status 1001');
    const status = visibleText(await slack.waitFor(() => slack.ephemeralsFor(john.id)[before], 3000, 'the status answer'));
    expect(status).toContain('*Affected system*\nOnline banking');
    expect(status).toContain('*Customers affected*\n12,000');

    // And Karen in her ticket's history, from her Home's View.
    slack.closeView(karen.id);
    await requests.openHome(karen.id);
    await requests.clickInHome(karen.id, 'View');
    const history = await slack.waitFor(() => (slack.currentView(karen.id)?.view.callback_id === 'ticket_history_modal' ? slack.currentView(karen.id) : null), 3000, 'the View modal');
    const told = visibleText({ blocks: history.view.blocks });
    expect(told).toContain('You filed the ticket');
    expect(told).toContain('>*Affected system*: Online banking');
    expect(told).toContain('>*Started at*: <!date^');
  });

  it('answers a missing required field and a bad number or email inline, keeping everything typed, and files once they are right', async () => {
    const { slack, requests, helpdesk } = harness;
    await openAndPick(slack, karen.id, 'Entire mobile online banking is down', 'Business Critical Outage');
    const refused = await requests.submitModal(karen.id, { 'Affected system': null, 'Customers affected': 'lots', 'Started at': STARTED });
    expect(refused.json()).toEqual({
      response_action: 'errors',
      errors: { 'field:affected_system': 'Please choose Affected system.', 'field:customers_affected': '“lots” is not a number. Write it in digits, like 1200.' },
    });
    expect(await helpdesk.db.manager.count(TicketEntity)).toBe(0);
    expect(slack.currentView(karen.id)?.closed).toBe(false);

    const filed = await requests.submitModal(karen.id, { 'Affected system': 'Mobile app', 'Customers affected': '1200' });
    expect(filed.json()).toMatchObject({ response_action: 'update' });
    const ticket = await helpdesk.db.manager.findOneByOrFail(TicketEntity, { number: 1001 });
    expect(ticket.summary).toBe('Entire mobile online banking is down');
    expect(ticket.fieldAnswers.map((answer) => answer.value)).toEqual(['Mobile app', 1200, '2026-11-30T09:05:00.000Z']);
    slack.closeView(karen.id);

    await openAndPick(slack, ken.id, 'I cannot log in to payroll', 'Access Issue');
    expect(labels(slack.currentView(ken.id))).toEqual(['Help topic', 'Summary', 'Details', 'Which system', 'Your manager', 'Reach me at']);
    const badEmail = await requests.submitModal(ken.id, { 'Which system': '   ', 'Your manager': boss.id, 'Reach me at': 'ken at the bank' });
    expect(badEmail.json()).toEqual({
      response_action: 'errors',
      errors: { 'field:which_system': 'Please fill in Which system.', 'field:reach_me_at': '“ken at the bank” is not an email address. Write it like karen@example.com.' },
    });
    const fixed = await requests.submitModal(ken.id, { 'Which system': 'Payroll portal', 'Reach me at': 'ken@example.com' });
    expect(fixed.json()).toMatchObject({ response_action: 'update' });
    await harness.settle();
    const card = visibleText(await scenes.card(1002));
    expect(card).toContain('*Which system*\nPayroll portal');
    expect(card).toContain(`*Your manager*\n<@${boss.id}>`);
    expect(card).toContain('*Reach me at*\nken@example.com');
  });

  it('asks the topic fields first when the modal was submitted without them, filing nothing until they are answered', async () => {
    const { slack, requests, helpdesk } = harness;
    await requests.slashCommand(karen.id, 'Entire mobile online banking is down');
    const modal = await slack.waitFor(() => slack.currentView(karen.id), 3000, 'the New ticket modal');
    // Submit before the redraw arrived: the modal has no fields yet.
    const first = await requests.submitModal(karen.id, { 'Help topic': 'Business Critical Outage' }, modal);
    expect(first.json()).toMatchObject({ response_action: 'update' });
    expect(await helpdesk.db.manager.count(TicketEntity)).toBe(0);
    const shown = slack.currentView(karen.id);
    expect(labels(shown)).toContain('Affected system');
    expect(visibleText({ blocks: shown?.view.blocks })).toContain('“Business Critical Outage” asks a few more questions below.');
    const second = await requests.submitModal(karen.id, { 'Affected system': 'Email', 'Started at': STARTED });
    expect(second.json()).toMatchObject({ response_action: 'update' });
    const ticket = await helpdesk.db.manager.findOneByOrFail(TicketEntity, { number: 1001 });
    expect(ticket.summary).toBe('Entire mobile online banking is down');
    expect(ticket.fieldAnswers.map((answer) => answer.name)).toEqual(['affected_system', 'started_at']);
  });

  it("keeps the modal's opening note when it redraws for a topic", async () => {
    const { slack } = harness;
    await openAndPick(slack, karen.id, `Entire mobile online banking is down\n${'404 on every page. '.repeat(200)}`, 'Business Critical Outage');
    const shown = visibleText({ blocks: slack.currentView(karen.id)?.view.blocks });
    expect(labels(slack.currentView(karen.id))).toContain('Affected system');
    expect(shown).toContain('only the start is copied below');
  });

  it('finds a ticket by the words of its answers', async () => {
    const { slack, requests } = harness;
    await openAndPick(slack, ken.id, 'I cannot log in', 'Access Issue');
    await requests.submitModal(ken.id, { 'Which system': 'Payroll portal', 'Your manager': boss.id });
    await harness.settle();
    const before = slack.ephemeralsFor(jerry.id).length;
    await requests.slashCommand(jerry.id, 'search payroll');
    const answer = visibleText(await slack.waitFor(() => slack.ephemeralsFor(jerry.id)[before], 3000, 'the search answer'));
    expect(answer).toContain('#1001');
    expect(answer).toContain('I cannot log in');
  });
});

describe('help-topic forms when helpdesk.yml changes', () => {
  let database: TestDatabase;
  let slack: LocalSlack;
  let harness: Harness | null = null;

  beforeEach(async () => {
    database = await createTestDatabase();
    slack = await startLocalSlack();
  });
  afterEach(async () => {
    await harness?.stop();
    await slack.stop();
    await database.drop();
  });

  it('keeps the answers of a field removed from the file, and a new required field asks nothing of tickets filed before it', async () => {
    harness = await startHarness({ config: FORMS_CONFIG, database, slack });
    await new Scenes(harness).fileTicket(ken.id, 'Report a Problem', 'Mail stopped on my iPhone');
    await harness.requests.slashCommand(karen.id, 'Entire mobile online banking is down');
    await slack.waitFor(() => slack.currentView(karen.id), 3000, 'the New ticket modal');
    await harness.requests.submitModal(karen.id, { 'Help topic': 'Business Critical Outage' });
    await harness.requests.submitModal(karen.id, { 'Affected system': 'Online banking', 'Started at': STARTED });
    slack.closeView(karen.id);
    await harness.settle();
    await harness.stop();

    // Affected system is gone from the file; Report a Problem now requires an answer.
    const changed = FORMS_CONFIG.replace(/ {6}- \{ name: affected_system[^\n]*\n/, '').replace(
      '  - name: Report a Problem\n    department: Support\n    priority: normal\n',
      '  - name: Report a Problem\n    department: Support\n    priority: normal\n    fields:\n      - { name: asset_tag, label: Asset tag, type: text, required: true }\n',
    );
    expect(changed).not.toContain('affected_system');
    harness = await startHarness({ config: changed, database, slack });
    const scenes = new Scenes(harness);
    // Both tickets are worked as before: the outage's card, redrawn, still shows the removed field's answer.
    await scenes.click(john.id, await scenes.card(1002), 'Assign to me');
    const card = visibleText(await scenes.card(1002));
    expect(card).toContain('*Affected system*\nOnline banking');
    expect(card).toContain(`<@${john.id}>`);
    await scenes.click(john.id, await scenes.card(1001), 'Assign to me');
    expect((await scenes.ticket(1001)).assigneeId).toBe(john.id);
    expect(visibleText(await scenes.card(1001))).not.toContain('Asset tag');
  });
});
