import { DepartmentOverview } from '../../src/services/manager-overview.service';
import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The moment the managers look at their figures (business clock). */
const NOW = new Date('2026-11-30T15:00:00Z');

/**
 * The managers' figures after a known month of tickets, played through the local Slack on a
 * business clock the test moves by hand (DEMO_CONFIG: Support's Default plan gives 24 hours,
 * SEV-A one hour, around the clock; Sys Admins has no plan). Every figure is asserted.
 */
describe('the manager statistics after a month of tickets', () => {
  let harness: Harness;
  let scenes: Scenes;
  let now = new Date(NOW.getTime() - 40 * DAY);
  const at = (offsetMs: number) => {
    now = new Date(NOW.getTime() + offsetMs);
  };
  const { karen, michael, ken, john, supportManager, boss } = people;

  const reply = async (number: number, message: string) => scenes.clickAndSubmit(john.id, await scenes.card(number), 'Reply to requester', { 'Message to the requester': message });
  const answer = async (userId: string, number: number, text: string) => {
    await harness.requests.writeInDm(userId, text, (await scenes.ticket(number)).requesterDmTs);
    await harness.settle();
  };
  const resolve = async (number: number, resolution: string) => scenes.clickAndSubmit(john.id, await scenes.card(number), 'Resolve', { Resolution: resolution });

  beforeAll(async () => {
    harness = await startHarness({ clock: () => now });
    scenes = new Scenes(harness);

    // #1001, 40 days ago: answered after 3 days, resolved after 5: outside every window.
    at(-40 * DAY);
    await scenes.fileTicket(ken.id, 'Report a Problem', 'VPN drops every hour');
    at(-37 * DAY);
    await reply(1001, 'Which VPN client version do you run?');
    at(-35 * DAY);
    await resolve(1001, 'Updated the VPN client');

    // #1002, Michael's iPhone mail, 12 days ago: first response after 115 minutes, resolved after
    // 30 hours, late (due 24 hours after filing, plus the 5 minutes it waited on Michael).
    at(-12 * DAY);
    await scenes.fileTicket(michael.id, 'Report a Problem', 'Mail does not sync on my iPhone', 'Since the iOS update');
    at(-12 * DAY + 115 * MINUTE);
    await reply(1002, 'Please remove and add the account again.');
    at(-12 * DAY + 120 * MINUTE);
    await answer(michael.id, 1002, 'Done, still nothing.');
    at(-12 * DAY + 30 * HOUR);
    await resolve(1002, 'Re-enabled ActiveSync for the mailbox');

    // #1003, Karen's outage, 2 days ago under SEV-A: answered after 10 minutes, resolved after 40,
    // within the hour (and the 10 minutes it waited on Karen).
    at(-2 * DAY);
    await scenes.fileTicket(karen.id, 'Business Critical Outage', 'Entire mobile online banking is down', '404 on every page');
    at(-2 * DAY + 10 * MINUTE);
    await reply(1003, 'We are on it. Does the website work for you, or only the app?');
    at(-2 * DAY + 20 * MINUTE);
    await answer(karen.id, 1003, 'Only the app.');
    at(-2 * DAY + 40 * MINUTE);
    await resolve(1003, 'Found and reconnected a failed load balancer');

    // #1004, Ken's, 5 hours ago: John takes it and escalates it (normal to high); due in 19 hours.
    at(-5 * HOUR);
    await scenes.fileTicket(ken.id, 'Report a Problem', 'Printer on floor 3 prints blank pages');
    await scenes.click(john.id, await scenes.card(1004), 'Assign to me');
    at(-4 * HOUR);
    await scenes.clickAndSubmit(john.id, await scenes.card(1004), 'Escalate', { Reason: 'The board meeting needs printouts' });
    await scenes.clickAndSubmit(john.id, await scenes.card(1004), 'Internal note', { Note: 'toner ordered' });

    // #1005, 3 hours ago under SEV-A, nobody on it: overdue since 2 hours ago.
    at(-3 * HOUR);
    await scenes.fileTicket(karen.id, 'Business Critical Outage', 'Card payments fail at checkout');

    // #1006, Sys Admins' (no plan), an hour ago.
    at(-1 * HOUR);
    await scenes.fileTicket(michael.id, 'Access Issue', 'Cannot log in to the VPN');
    at(0);
  });
  afterAll(async () => {
    await harness.stop();
  });

  const overviewOf = async (userId: string) => (await harness.helpdesk.managerOverview.overviewFor(userId)).departments;
  const oldest = (department: DepartmentOverview) => department.oldestOpen.map((ticket) => [ticket.number, ticket.summary, ticket.status, ticket.priority]);

  it('keeps the first response and the SLA outcome on each ticket as it is worked', async () => {
    expect(await scenes.ticket(1002)).toMatchObject({ firstResponseAt: new Date(NOW.getTime() - 12 * DAY + 115 * MINUTE), resolvedWithinSla: false });
    expect(await scenes.ticket(1003)).toMatchObject({ firstResponseAt: new Date(NOW.getTime() - 2 * DAY + 10 * MINUTE), resolvedWithinSla: true });
    // An internal note is not a response to the requester.
    expect(await scenes.ticket(1004)).toMatchObject({ firstResponseAt: null, resolvedWithinSla: null });
  });

  it("gives Support's manager every figure of Support, and nothing of Sys Admins", async () => {
    const [support, ...others] = await overviewOf(supportManager.id);
    expect(others).toEqual([]);
    expect(support).toMatchObject({
      name: 'Support',
      openByStatus: { open: 1, in_progress: 1, waiting: 0 },
      openByPriority: { low: 0, normal: 0, high: 1, emergency: 1 },
      overdue: 1,
      escalated: 1,
      // Karen's outage; Michael's mail was resolved 10 days ago.
      resolvedRecently: 1,
      // Over the last 30 days: Karen's 10 minutes and Michael's 115.
      medianFirstResponseMs: 62.5 * MINUTE,
      // Karen's 40 minutes and Michael's 30 hours.
      medianResolutionMs: (40 * MINUTE + 30 * HOUR) / 2,
      resolvedWithinSla: 1,
      resolvedWithSla: 2,
      withinSlaShare: 0.5,
    });
    expect(oldest(support as DepartmentOverview)).toEqual([
      [1004, 'Printer on floor 3 prints blank pages', 'in_progress', 'high'],
      [1005, 'Card payments fail at checkout', 'open', 'emergency'],
    ]);
    const card = await scenes.ticket(1005);
    expect(support?.oldestOpen[1]).toMatchObject({ cardChannelId: card.cardChannelId, cardTs: card.cardTs, dueAt: new Date(NOW.getTime() - 2 * HOUR) });
  });

  it("gives Sys Admins' manager theirs: one open ticket without a plan, nothing measured yet", async () => {
    const [sysAdmins] = await overviewOf(boss.id);
    expect(sysAdmins).toMatchObject({
      name: 'Sys Admins',
      openByStatus: { open: 1, in_progress: 0, waiting: 0 },
      openByPriority: { low: 0, normal: 0, high: 1, emergency: 0 },
      overdue: 0,
      escalated: 0,
      resolvedRecently: 0,
      medianFirstResponseMs: null,
      medianResolutionMs: null,
      resolvedWithinSla: 0,
      resolvedWithSla: 0,
      withinSlaShare: null,
    });
    expect(oldest(sysAdmins as DepartmentOverview)).toEqual([[1006, 'Cannot log in to the VPN', 'open', 'high']]);
  });

  it("follows the clock: 22 hours on, Ken's printer is overdue too; 6 days on, the outage is out of the last 7 days", async () => {
    // 22 hours on, Ken's printer (due 19 hours from now) is overdue too.
    at(22 * HOUR);
    const [support] = await overviewOf(supportManager.id);
    expect(support).toMatchObject({ overdue: 2, resolvedRecently: 1 });
    // Six days on, Karen's outage is more than 7 days old.
    at(6 * DAY);
    expect((await overviewOf(supportManager.id))[0]).toMatchObject({ resolvedRecently: 0, resolvedWithSla: 2 });
    at(0);
  });

  it('gives nobody else a section: an agent and a requester manage no department', async () => {
    expect(await overviewOf(john.id)).toEqual([]);
    expect(await overviewOf(karen.id)).toEqual([]);
  });
});
