import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { storeEvents, storeTickets } from '../support/stored-tickets';
import { visibleText } from '../support/visible-text';
import { Json } from '../../src/sandbox/json';
import { OpenView } from '../../src/sandbox/local-slack/local-slack';

const MINUTE = 60_000;
const START = new Date('2026-11-23T14:00:00Z');

/** A clock the test moves by hand. */
const handClock = () => {
  let now = START;
  return { clock: () => now, advanceTo: (minutes: number) => (now = new Date(START.getTime() + minutes * MINUTE)) };
};

/** The text of a Home's rows, one string per ticket row (its section), in order. */
const rowsOf = (home: OpenView): string[] =>
  (home.view.blocks as Json[]).flatMap((block) => {
    const text = block.type === 'section' ? (block.text as Json | undefined)?.text : undefined;
    return typeof text === 'string' && /^\*#\d+\*/.test(text) ? [text] : [];
  });

const headingsOf = (home: OpenView): string[] => (home.view.blocks as Json[]).filter((block) => block.type === 'header').map((block) => String((block.text as Json).text));

describe('the App Home', () => {
  let harness: Harness;
  let scenes: Scenes;
  let time: ReturnType<typeof handClock>;
  beforeEach(async () => {
    time = handClock();
    harness = await startHarness({ clock: time.clock });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  const publishesTo = (userId: string) => harness.slack.callsTo('views.publish').filter((call) => call.args.user_id === userId && call.response.ok === true).length;
  const homeShows = (userId: string, text: string, timeoutMs = 8000) =>
    harness.slack.waitFor(() => visibleText({ blocks: harness.slack.homeOf(userId)?.view.blocks ?? [] }).includes(text), timeoutMs, `${userId}'s Home showing "${text}"`);

  /** Karen's outage, Michael's iPhone mail (Jane took it), Ken's VPN: a morning at the help desk. */
  const morning = async () => {
    await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down', 'Customers cannot log in to the app since 13:50.');
    time.advanceTo(10);
    await scenes.fileTicket(people.michael.id, 'Report a Problem', 'No new mail on my iPhone', 'Gmail app on an iPhone 14 Pro.');
    await scenes.click(people.jane.id, await scenes.card(1002), 'Assign to me');
    time.advanceTo(20);
    await scenes.fileTicket(people.ken.id, 'Access Issue', 'Locked out of the VPN');
  };

  it("shows each role its work: the requester's tickets, an agent's queues most urgent first with SLA states, several roles stacked", async () => {
    await morning();
    time.advanceTo(90);

    const karen = await harness.requests.openHome(people.karen.id);
    expect(headingsOf(karen)).toEqual(['Your tickets']);
    expect(rowsOf(karen)).toEqual([expect.stringContaining('*#1001* Entire mobile online banking is down')]);
    expect(rowsOf(karen)[0]).toContain('Open · Support · not assigned yet');

    const john = await harness.requests.openHome(people.john.id);
    expect(headingsOf(john)).toEqual(['Your queue', 'Your tickets']);
    const johnText = visibleText({ blocks: john.view.blocks });
    expect(johnText).toContain('My queue (0)');
    expect(johnText).toContain('Unassigned (1)');
    // SEV-A gives Karen's outage an hour: at 90 minutes it is half an hour overdue.
    expect(rowsOf(john)).toEqual([expect.stringMatching(/\*#1001\*[\s\S]*Emergency[\s\S]*\*Overdue\* by 30m/)]);

    const jane = await harness.requests.openHome(people.jane.id);
    expect(visibleText({ blocks: jane.view.blocks })).toContain('My queue (1)');
    expect(rowsOf(jane)).toEqual([expect.stringMatching(/\*#1002\* No new mail on my iPhone[\s\S]*In progress[\s\S]*left/), expect.stringContaining('*#1001*')]);

    const jerry = await harness.requests.openHome(people.jerry.id);
    expect(rowsOf(jerry)).toEqual([expect.stringMatching(/\*#1003\* Locked out of the VPN[\s\S]*High[\s\S]*No SLA/)]);

    // Sam manages Support: the department's figures above his own tickets, Karen's outage among the oldest open.
    const sam = await harness.requests.openHome(people.supportManager.id);
    expect(headingsOf(sam)).toEqual(['Departments you manage', 'Your tickets']);
    expect(visibleText({ blocks: sam.view.blocks })).toContain('#1001');
    expect(harness.slack.rejections).toEqual([]);
  });

  it('orders the unassigned queue most urgent first: overdue, then due soonest, then by priority', async () => {
    await scenes.fileTicket(people.michael.id, 'Report a Problem', 'No new mail on my iPhone');
    time.advanceTo(30);
    await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    time.advanceTo(120);
    await scenes.fileTicket(people.ken.id, 'Report a Problem', 'Printer jams on the 3rd floor');
    const john = await harness.requests.openHome(people.john.id);
    expect(rowsOf(john).map((row) => /#(\d+)/.exec(row)?.[1])).toEqual(['1002', '1001', '1003']);
    expect(rowsOf(john)[0]).toContain('Overdue');
  });

  it('publishes the Home afresh on app_home_opened and, through the outbox, after a change to the ticket', async () => {
    await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    const karen = await harness.requests.openHome(people.karen.id);
    expect(rowsOf(karen)[0]).toContain('not assigned yet');
    await scenes.click(people.john.id, await scenes.card(1001), 'Assign to me');
    await homeShows(people.karen.id, '<@U0JOHN>');
    expect(rowsOf(harness.slack.homeOf(people.karen.id) as OpenView)[0]).toContain('In progress · Support · <@U0JOHN>');
    // John's own Home, which he never opened, is published with the ticket in his queue.
    await homeShows(people.john.id, 'My queue (1)');
  });

  it("republishes the department's Homes when the SLA sweep finds a ticket overdue", async () => {
    await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    const john = await harness.requests.openHome(people.john.id);
    expect(rowsOf(john)[0]).toContain('left');
    time.advanceTo(75);
    await harness.helpdesk.slaSweep.tick();
    await homeShows(people.john.id, 'Overdue');
    expect(rowsOf(harness.slack.homeOf(people.john.id) as OpenView)[0]).toContain('*Overdue* by 15m');
  });

  it('coalesces a burst of changes: twenty messages from Karen become a few publishes of each Home', async () => {
    await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    await harness.requests.openHome(people.karen.id);
    await harness.slack.waitFor(() => publishesTo(people.john.id) > 0, 8000, "John's first publish");
    const before = { karen: publishesTo(people.karen.id), john: publishesTo(people.john.id) };
    const ticket = await scenes.ticket(1001);
    for (let index = 1; index <= 20; index += 1) await harness.requests.writeInDm(people.karen.id, `Still down, try ${index}`, ticket.requesterDmTs);
    await harness.settle();
    await homeShows(people.karen.id, 'updated', 8000);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const after = { karen: publishesTo(people.karen.id) - before.karen, john: publishesTo(people.john.id) - before.john };
    expect(after.karen).toBeGreaterThanOrEqual(1);
    expect(after.karen).toBeLessThanOrEqual(3);
    expect(after.john).toBeLessThanOrEqual(3);
  });

  it('assigns from the Home with Assign to me, and the Home shows the ticket in My queue', async () => {
    await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    await harness.requests.openHome(people.john.id);
    await harness.requests.clickInHome(people.john.id, 'Assign to me');
    await homeShows(people.john.id, 'My queue (1)');
    expect((await scenes.ticket(1001)).assigneeId).toBe(people.john.id);
    expect(visibleText({ blocks: harness.slack.homeOf(people.john.id)?.view.blocks ?? [] })).toContain('Unassigned (0)');
  });

  it("opens the View modal with the ticket's public history, never an internal note, and Reopen and New ticket open their forms", async () => {
    await scenes.fileTicket(people.michael.id, 'Report a Problem', 'No new mail on my iPhone', 'Gmail app on an iPhone 14 Pro.');
    await scenes.clickAndSubmit(people.jane.id, await scenes.card(1001), 'Internal note', { Note: 'His mailbox is over quota: do not tell him the admin password' });
    await scenes.clickAndSubmit(people.jane.id, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'Please restart the Gmail app and tell me if mail arrives.' });
    await scenes.clickAndSubmit(people.jane.id, await scenes.card(1001), 'Resolve', { Resolution: 'Mailbox quota raised.' });

    const home = await harness.requests.openHome(people.michael.id);
    expect(rowsOf(home)).toEqual([expect.stringContaining('Resolved')]);
    await harness.requests.clickInHome(people.michael.id, 'View');
    const modal = await harness.slack.waitFor(() => harness.slack.currentView(people.michael.id), 3000, 'the View modal');
    const text = visibleText({ blocks: modal.view.blocks });
    expect(text).toContain('Gmail app on an iPhone 14 Pro.');
    expect(text).toContain('Please restart the Gmail app');
    expect(text).toContain('Mailbox quota raised.');
    expect(text).not.toContain('over quota');
    harness.slack.closeView(people.michael.id);

    await harness.requests.clickInHome(people.michael.id, 'Reopen');
    const reopen = await harness.slack.waitFor(() => harness.slack.currentView(people.michael.id), 3000, 'the reopen form');
    expect((reopen.view.title as Json).text).toBe('Reopen ticket');
    harness.slack.closeView(people.michael.id);

    await harness.requests.clickInHome(people.michael.id, 'New ticket');
    const intake = await harness.slack.waitFor(() => harness.slack.currentView(people.michael.id), 3000, 'the New ticket modal');
    expect(intake.view.callback_id).toBe('ticket_new');
  });

  it('pages 500 open tickets within 100 blocks, Show more moving on, and the filters narrowing the queue', async () => {
    const support = (await harness.helpdesk.catalog.listActiveDepartments()).find((department) => department.name === 'Support');
    const stored = await storeTickets(
      harness.helpdesk.db,
      Array.from({ length: 500 }, (_, index) => ({
        number: 2001 + index,
        requesterId: people.karen.id,
        departmentId: support?.id ?? 1,
        assigneeId: null,
        status: 'open' as const,
        priority: index % 50 === 0 ? ('emergency' as const) : ('normal' as const),
        summary: `Branch ${index + 1} cannot print`,
        dueAt: new Date(START.getTime() + (index + 1) * MINUTE),
        createdAt: START,
        updatedAt: START,
      })),
    );
    await storeEvents(harness.helpdesk.db, stored[0]!.id, []);
    const karen = await harness.requests.openHome(people.karen.id);
    expect((karen.view.blocks as Json[]).length).toBeLessThanOrEqual(100);
    expect(visibleText({ blocks: karen.view.blocks })).toContain('of 500');

    const john = await harness.requests.openHome(people.john.id);
    expect((john.view.blocks as Json[]).length).toBeLessThanOrEqual(100);
    const firstPage = rowsOf(john);
    expect(firstPage[0]).toContain('#2001');
    expect(visibleText({ blocks: john.view.blocks })).toContain('Showing 1–10 of 500');

    const before = publishesTo(people.john.id);
    await harness.requests.clickInHome(people.john.id, 'Show more (490 more)');
    await harness.slack.waitFor(() => publishesTo(people.john.id) > before, 5000, 'the next page');
    expect(visibleText({ blocks: harness.slack.homeOf(people.john.id)?.view.blocks ?? [] })).toContain('Showing 11–20 of 500');
    expect(rowsOf(harness.slack.homeOf(people.john.id) as OpenView)[0]).toContain('#2011');

    const filtered = publishesTo(people.john.id);
    await harness.requests.chooseInHome(people.john.id, 'home_filter_priority', 'Emergency');
    await harness.slack.waitFor(() => publishesTo(people.john.id) > filtered, 5000, 'the filtered Home');
    const home = harness.slack.homeOf(people.john.id) as OpenView;
    expect(visibleText({ blocks: home.view.blocks })).toContain('Unassigned (10)');
    expect(rowsOf(home).every((row) => row.includes('Emergency'))).toBe(true);
    // The filter is kept: a refresh after a change shows the Home as John left it.
    const reopened = await harness.requests.openHome(people.john.id);
    expect(visibleText({ blocks: reopened.view.blocks })).toContain('Unassigned (10)');
    expect(harness.slack.rejections).toEqual([]);
  });
});
