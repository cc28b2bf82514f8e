import { NOT_PERMITTED_MESSAGE } from '../../src/domain/ticket-error';
import { PostedMessage } from '../../src/sandbox/local-slack/local-slack';
import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';

const MINUTE = 60_000;
const START = new Date('2026-11-23T14:00:00Z');
const at = (minutes: number) => new Date(START.getTime() + minutes * MINUTE);

const karen = people.karen.id;
const john = people.john.id;
const jane = people.jane.id;
const ken = people.ken.id;

describe('editing and withdrawing a ticket', () => {
  let harness: Harness;
  let scenes: Scenes;
  let now = START;
  beforeEach(async () => {
    now = START;
    harness = await startHarness({ config: DEMO_CONFIG, clock: () => now });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  /** A person picks Edit… in the card's ⋮ menu and waits for the modal (or for its refusal). */
  const openEdit = async (userId: string, card: PostedMessage) => {
    const before = harness.slack.currentView(userId)?.id;
    await harness.requests.chooseOverflow(userId, card, 'Edit…');
    await harness.settle();
    const open = harness.slack.currentView(userId);
    return open && open.id !== before ? open : null;
  };
  const topicIdOf = async (name: string) => (await harness.helpdesk.catalog.listActiveTopics()).find((topic) => topic.name === name)?.id;
  /** The requester's ticket DM: the top message their conversation hangs from. */
  const requesterDm = async (number: number): Promise<PostedMessage> => {
    const ticket = await scenes.ticket(number);
    const dm = harness.slack.messages.find((message) => message.channel === ticket.requesterDmChannelId && message.ts === ticket.requesterDmTs);
    if (!dm) throw new Error(`#${number} has no requester DM`);
    return dm;
  };
  const ephemeralsOf = (userId: string) => harness.slack.ephemeralsFor(userId).map((message) => message.text);

  it('John moves Karen’s ticket to Business Critical Outage: SEV-A replaces Default, keeping the time spent and the time she was waited on', async () => {
    await scenes.fileTicket(karen, 'Report a Problem', 'Entire mobile online banking is down', 'Customers get a 404 on online banking');
    expect(await scenes.ticket(1001)).toMatchObject({ priority: 'normal', dueAt: at(24 * 60), slaFromTopic: false });

    now = at(10);
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'Do you get the 404 on Wi-Fi too?' });
    now = at(40);
    await harness.requests.writeInDm(karen, 'Yes, on Wi-Fi and 4G', (await scenes.ticket(1001)).requesterDmTs);
    await harness.settle();

    now = at(60);
    const modal = await openEdit(john, await scenes.card(1001));
    expect(modal?.view.callback_id).toBe('ticket_edit_modal');
    const response = await harness.requests.submitModal(john, { 'Help topic': 'Business Critical Outage', Priority: 'Emergency', Reason: 'An outage of online banking, not a single problem' });
    expect(response.body).toBe('');
    await harness.settle();

    // One hour of SEV-A from the filing, plus the 30 minutes the clock stood still while Karen was asked.
    const edited = await scenes.ticket(1001);
    expect(edited).toMatchObject({ helpTopicId: await topicIdOf('Business Critical Outage'), priority: 'emergency', slaFromTopic: true, dueAt: at(90), escalationLevel: 0 });
    const card = visibleText(await scenes.card(1001));
    expect(card).toContain('Business Critical Outage');
    expect(card).toContain('(SEV-A)');
    const line = scenes.thread(await scenes.card(1001)).find((text) => text.includes('edited this ticket'));
    expect(line).toContain('Help topic: Report a Problem → Business Critical Outage');
    expect(line).toContain('Priority: Normal → :rotating_light: Emergency');
    expect(line).toContain('SLA plan: Default → SEV-A');
    expect(line).toContain('An outage of online banking, not a single problem');
    const history = await scenes.history(1001);
    expect(history.at(-1)).toMatchObject({ type: 'edited', actorId: john, text: 'An outage of online banking, not a single problem' });

    // Karen's ticket DM shows the new values; the reason stays with the staff.
    const dm = visibleText(await requesterDm(1001));
    expect(dm).toContain('Business Critical Outage');
    expect(dm).toContain('Emergency');
    expect((await scenes.requesterThread(1001)).map((reply) => reply.text).join('\n')).not.toContain('not a single problem');

    // The summary, and the priority down again.
    now = at(70);
    await openEdit(jane, await scenes.card(1001));
    await harness.requests.submitModal(jane, { Summary: 'Mobile online banking is down', Priority: 'High', Reason: 'Desktop banking works' });
    await harness.settle();
    expect(await scenes.ticket(1001)).toMatchObject({ summary: 'Mobile online banking is down', priority: 'high', dueAt: at(90) });
    expect(visibleText(await requesterDm(1001))).toContain('Mobile online banking is down');
    expect(visibleText(await scenes.card(1001))).toContain('#1001 Mobile online banking is down');
  });

  it('refuses Ken, who is not of the department, and Karen, who filed it; nothing changes', async () => {
    await scenes.fileTicket(karen, 'Report a Problem', 'Entire mobile online banking is down');
    const version = (await scenes.ticket(1001)).version;
    expect(await openEdit(ken, await scenes.card(1001))).toBeNull();
    expect(await openEdit(karen, await scenes.card(1001))).toBeNull();
    expect(ephemeralsOf(ken)).toEqual([NOT_PERMITTED_MESSAGE]);
    expect(ephemeralsOf(karen)).toEqual([NOT_PERMITTED_MESSAGE]);
    expect((await scenes.ticket(1001)).version).toBe(version);
  });

  it('does not open Edit on a closed ticket, and refuses a modal left open while the ticket changed', async () => {
    await scenes.fileTicket(karen, 'Report a Problem', 'Entire mobile online banking is down');
    const oldCard = structuredClone(await scenes.card(1001));

    // Jane escalates while John has the Edit modal open: his edit would undo hers unseen, so it is refused in the modal.
    await openEdit(john, await scenes.card(1001));
    await scenes.clickAndSubmit(jane, await scenes.card(1001), 'Escalate', { 'New priority': 'High', Reason: 'Customers calling' });
    const stale = await harness.requests.submitModal(john, { Priority: 'Low', Reason: 'Only one customer' });
    expect(stale.json()).toEqual({ response_action: 'errors', errors: { edit_summary: '#1001 changed since you last saw it.' } });
    expect((await scenes.ticket(1001)).priority).toBe('high');
    harness.slack.closeView(john);

    await harness.requests.chooseOverflow(john, await scenes.card(1001), 'Close');
    await harness.settle();
    expect((await scenes.ticket(1001)).status).toBe('closed');
    // The ⋮ menu of the card as it was before the close.
    expect(await openEdit(john, oldCard)).toBeNull();
    expect(ephemeralsOf(john).at(-1)).toBe('#1001 is closed; reopen it first to edit it.');
  });

  it('Karen withdraws her open ticket from her DM: it closes as withdrawn, the card says so, the agents are told, and she can reopen it', async () => {
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    await scenes.click(john, await scenes.card(1001), 'Assign to me');

    now = at(20);
    const confirmation = structuredClone(await requesterDm(1001));
    const { response } = await scenes.clickAndSubmit(karen, confirmation, 'Withdraw ticket', { 'Why are you withdrawing it?': 'It works again, a restart fixed it' });
    expect(response.body).toBe('');

    expect(await scenes.ticket(1001)).toMatchObject({ status: 'closed', closeReason: 'withdrawn', closedAt: at(20), slaNextCheckAt: null });
    const card = await scenes.card(1001);
    expect(visibleText(card)).toContain('Withdrawn');
    expect(visibleText(card)).toContain('withdrawn by the requester');
    expect(scenes.thread(card).at(-1)).toContain(`<@${karen}> (requester) withdrew this ticket; it is closed.\n>It works again, a restart fixed it`);
    expect(visibleText(await requesterDm(1001))).not.toContain('Withdraw ticket');
    const told = (await scenes.requesterThread(1001)).at(-1) as PostedMessage;
    expect(told.text).toContain('You withdrew your ticket #1001');

    // Withdrawing twice (an old DM's button) is answered, not applied.
    await harness.requests.clickButton(karen, confirmation, 'Withdraw ticket');
    await harness.settle();
    expect(ephemeralsOf(karen).at(-1)).toBe('This ticket is closed already, so there is nothing to withdraw.');

    now = at(30);
    await scenes.clickAndSubmit(karen, told, 'Reopen', { 'What is still wrong?': 'It is down again' });
    expect(await scenes.ticket(1001)).toMatchObject({ status: 'in_progress', closeReason: null, closedAt: null });
    expect(visibleText(await scenes.card(1001))).not.toContain('Withdrawn');
    // Her withdrawal message, its Reopen button settled, says what happened: not "resolved", not "still broken".
    const settled = visibleText((await scenes.requesterThread(1001)).find((message) => message.ts === told.ts) as PostedMessage);
    expect(settled).toContain('You withdrew #1001.');
    expect(settled).toContain('You reopened #1001.');
    expect(settled).not.toMatch(/resolved|still broken/);
  });

  it('only the requester may withdraw: John, clicking her button, is refused', async () => {
    await scenes.fileTicket(karen, 'Report a Problem', 'Entire mobile online banking is down');
    await harness.requests.clickButton(john, await requesterDm(1001), 'Withdraw ticket');
    await harness.settle();
    expect(ephemeralsOf(john)).toEqual([NOT_PERMITTED_MESSAGE]);
    expect((await scenes.ticket(1001)).status).toBe('open');
  });
});
