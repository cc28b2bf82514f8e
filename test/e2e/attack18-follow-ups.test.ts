import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness, startLocalSlack } from '../support/helpdesk-harness';
import { createTestDatabase } from '../support/test-database';
import { Scenes } from '../support/helpdesk-scenes';
import { buttonLabels, visibleText } from '../support/visible-text';
import { officeHoursConfig, at, HOUR, MONDAY_2PM } from '../support/office-hours';

/**
 * The fresh tester of issue 18's follow-ups. Support works Monday to Friday 09:00–17:00 UTC;
 * a resolved ticket closes itself after 8 working hours, the requester may reopen it for 2
 * calendar days, a waiting ticket reminds after 4 working hours and is resolved after 12.
 */
const CONFIG = officeHoursConfig(`    auto_close_after: 8h
    reopen_window: 2d
    remind_requester_after: 4h
    close_waiting_after: 12h
`);

describe('issue 18 follow-ups, attacked', () => {
  let harness: Harness;
  let scenes: Scenes;
  let now: Date;
  const karen = people.karen.id;
  const john = people.john.id;

  beforeEach(async () => {
    now = at(0);
    harness = await startHarness({ config: CONFIG, clock: () => now });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  const sweepAt = async (hours: number) => {
    now = at(hours);
    const report = await harness.helpdesk.followUpSweep.tick();
    await harness.settle();
    return report;
  };
  const toKaren = async (number: number) => (await scenes.requesterThread(number)).filter((message) => !message.text.startsWith('How did we do?'));
  const lastToKaren = async (number: number) => {
    const last = (await toKaren(number)).at(-1);
    if (!last) throw new Error('nothing to Karen');
    return last;
  };
  const resolveKarensTicket = async () => {
    await scenes.fileTicket(karen, 'Report a Problem', 'Entire mobile online banking is down');
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Resolve', { Resolution: 'Restarted the mobile gateway' });
  };

  it('lets Karen reopen one second before the window ends, and offers a new ticket one second after', async () => {
    await resolveKarensTicket();
    await sweepAt(MONDAY_2PM);
    expect((await scenes.ticket(1001)).status).toBe('closed');
    const closed = await lastToKaren(1001);
    now = new Date(at(MONDAY_2PM + 48).getTime() - 1000);
    await scenes.clickAndSubmit(karen, closed, 'Reopen', { 'What is still wrong?': 'The app still shows a 404' });
    expect((await scenes.ticket(1001)).status).toBe('open');

    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Resolve', { Resolution: 'Cleared the CDN cache' });
    await scenes.click(karen, await lastToKaren(1001), 'That fixed it');
    const closedAt = (await scenes.ticket(1001)).closedAt as Date;
    now = new Date(closedAt.getTime() + 48 * HOUR + 1000);
    await harness.requests.clickButton(karen, await lastToKaren(1001), 'Reopen');
    const modal = await harness.slack.waitFor(() => (harness.slack.currentView(karen)?.view.callback_id === 'ticket_new' ? harness.slack.currentView(karen) : null), 3000, 'the New ticket modal');
    expect(visibleText({ text: '', blocks: modal?.view.blocks })).toContain('#1001 was closed more than 2 days ago, so this files a new ticket, linked to #1001');
  });

  it('counts the auto-close afresh from a second resolution after a reopen', async () => {
    await resolveKarensTicket();
    now = at(MONDAY_2PM - 4); // Monday 10:00, before the first auto-close (Monday 14:00)
    await scenes.clickAndSubmit(karen, await lastToKaren(1001), 'Still broken', { 'What is still wrong?': 'Still a 404' });
    expect((await scenes.ticket(1001)).status).toBe('open');
    now = at(MONDAY_2PM - 1); // Monday 13:00
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Resolve', { Resolution: 'Cleared the CDN cache' });
    expect(await sweepAt(MONDAY_2PM)).toMatchObject({ closed: 0 });
    expect(await sweepAt(MONDAY_2PM + 24 - 1.01)).toMatchObject({ closed: 0 });
    expect(await sweepAt(MONDAY_2PM + 24 - 1)).toMatchObject({ closed: 1 }); // Tuesday 13:00
  });

  it('reminds Karen again when the ticket waits on her a second time, counted from the second wait', async () => {
    await scenes.fileTicket(karen, 'Report a Problem', 'Entire mobile online banking is down');
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'Which app version do you use?' });
    expect(await sweepAt(MONDAY_2PM - 4)).toMatchObject({ reminded: 1 }); // Monday 10:00
    now = at(MONDAY_2PM - 3);
    await harness.requests.writeInDm(karen, '4.2.1', (await scenes.ticket(1001)).requesterDmTs);
    await harness.settle();
    expect((await scenes.ticket(1001)).status).not.toBe('waiting');
    now = at(MONDAY_2PM - 2); // Monday 12:00
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'And which phone?' });
    expect((await scenes.ticket(1001)).status).toBe('waiting');
    expect(await sweepAt(MONDAY_2PM + 1.99)).toMatchObject({ reminded: 0, resolved: 0 });
    expect(await sweepAt(MONDAY_2PM + 2)).toMatchObject({ reminded: 1 }); // Monday 16:00
    // Not 12 working hours after the first wait (Tuesday 10:00), but after the second (Tuesday 16:00).
    expect(await sweepAt(MONDAY_2PM + 20)).toMatchObject({ resolved: 0 });
    expect(await sweepAt(MONDAY_2PM + 26 - 0.01)).toMatchObject({ resolved: 0 });
    expect(await sweepAt(MONDAY_2PM + 26)).toMatchObject({ resolved: 1 });
    expect((await toKaren(1001)).filter((message) => visibleText(message).includes(':bell:'))).toHaveLength(2);
  });

  it('closes once and asks How did we do? once when Karen confirms at the moment the sweep closes', async () => {
    await resolveKarensTicket();
    now = at(MONDAY_2PM);
    const prompt = await lastToKaren(1001);
    const [click, report] = await Promise.all([harness.requests.clickButton(karen, prompt, 'That fixed it'), harness.helpdesk.followUpSweep.tick()]);
    await harness.settle();
    expect(click.status).toBe(200);
    expect(report.closed + 0).toBeLessThanOrEqual(1);
    expect((await scenes.history(1001)).filter((event) => event.type === 'closed')).toHaveLength(1);
    expect((await scenes.requesterThread(1001)).filter((message) => message.text.startsWith('How did we do?'))).toHaveLength(1);
    expect((await scenes.requesterThread(1001)).filter((message) => buttonLabels(message).includes('That fixed it'))).toEqual([]);
    expect(harness.slack.rejections).toEqual([]);
  });
});

describe('a holiday in the schedule, and what the requester is told', () => {
  let harness: Harness;
  let scenes: Scenes;
  let now: Date;
  beforeEach(async () => {
    now = at(0);
    // Monday 30 November 2026 is a holiday: nothing counts that day.
    harness = await startHarness({ config: CONFIG.replace('fri: "09:00-17:00" }\n', 'fri: "09:00-17:00" }\n    holidays: ["2026-11-30"]\n'), clock: () => now });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });
  const sweepAt = async (hours: number) => {
    now = at(hours);
    const report = await harness.helpdesk.followUpSweep.tick();
    await harness.settle();
    return report;
  };

  it('closes on Tuesday, not on the holiday, and says the delay in working hours, not "resolved 8 hours ago" about a Friday', async () => {
    await scenes.fileTicket(people.karen.id, 'Report a Problem', 'Entire mobile online banking is down');
    await scenes.clickAndSubmit(people.john.id, await scenes.card(1001), 'Resolve', { Resolution: 'Restarted the mobile gateway' });
    expect(await sweepAt(MONDAY_2PM + 3)).toMatchObject({ closed: 0 });
    expect(await sweepAt(MONDAY_2PM + 24 - 0.01)).toMatchObject({ closed: 0 });
    expect(await sweepAt(MONDAY_2PM + 24)).toMatchObject({ closed: 1 });
    const told = (await scenes.requesterThread(1001)).filter((message) => !message.text.startsWith('How did we do?')).at(-1);
    expect(visibleText(told as never)).toContain('Your ticket #1001 was closed automatically: nobody confirmed the fix in the 8 working hours after it was resolved.');
  });

  it('reminds in working hours too', async () => {
    await scenes.fileTicket(people.karen.id, 'Report a Problem', 'Entire mobile online banking is down');
    await scenes.clickAndSubmit(people.john.id, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'Which app version do you use?' });
    expect(await sweepAt(MONDAY_2PM - 4)).toMatchObject({ reminded: 0 }); // the holiday's 10:00
    expect(await sweepAt(MONDAY_2PM + 24 - 4)).toMatchObject({ reminded: 1 }); // Tuesday 10:00
    const bell = (await scenes.requesterThread(1001)).filter((message) => visibleText(message).includes(':bell:'));
    expect(visibleText(bell[0] as never)).toContain('No answer for 4 working hours; without one it will be resolved after 12 working hours of waiting.');
  });
});

describe('Karen is typing Still broken when the sweep closes her ticket', () => {
  let harness: Harness;
  let scenes: Scenes;
  let now: Date;
  beforeEach(async () => {
    now = at(0);
    harness = await startHarness({ config: CONFIG, clock: () => now });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('reopens it with what she typed, and her later answer to How did we do? is still taken', async () => {
    const karen = people.karen.id;
    await scenes.fileTicket(karen, 'Report a Problem', 'Entire mobile online banking is down');
    await scenes.clickAndSubmit(people.john.id, await scenes.card(1001), 'Resolve', { Resolution: 'Restarted the mobile gateway' });
    now = at(MONDAY_2PM - 0.01);
    const prompt = (await scenes.requesterThread(1001)).at(-1);
    if (!prompt) throw new Error('no resolution prompt');
    await harness.requests.clickButton(karen, prompt, 'Still broken');
    const modal = await harness.slack.waitFor(() => harness.slack.currentView(karen), 3000, 'the Still broken modal');
    now = at(MONDAY_2PM);
    expect(await harness.helpdesk.followUpSweep.tick()).toMatchObject({ closed: 1 });
    await harness.settle();
    now = at(MONDAY_2PM + 0.01);
    const response = await harness.requests.submitModal(karen, { 'What is still wrong?': 'The app still shows a 404' }, modal);
    await harness.settle();
    expect(response.body ? response.json() : {}).not.toHaveProperty('response_action', 'errors');
    expect((await scenes.ticket(1001)).status).toBe('open');
    expect((await scenes.history(1001)).filter((event) => event.text === 'The app still shows a 404')).toHaveLength(1);

    // The question the automatic close asked is answered after the reopen.
    const question = (await scenes.requesterThread(1001)).find((message) => message.text.startsWith('How did we do?'));
    if (!question) throw new Error('no question');
    await scenes.clickAndSubmit(karen, question, 'Poor', {});
    expect((await scenes.history(1001)).filter((event) => event.type === 'satisfaction_rated')).toHaveLength(1);
    expect(harness.slack.rejections).toEqual([]);
  });
});

describe('close_waiting_after: off', () => {
  let harness: Harness;
  let scenes: Scenes;
  let now: Date;
  beforeEach(async () => {
    now = at(0);
    harness = await startHarness({ config: CONFIG.replace('    close_waiting_after: 12h\n', '    close_waiting_after: off\n'), clock: () => now });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('reminds once, never resolves, and the reminder promises nothing', async () => {
    await scenes.fileTicket(people.karen.id, 'Report a Problem', 'Entire mobile online banking is down');
    await scenes.clickAndSubmit(people.john.id, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'Which app version do you use?' });
    for (const hours of [MONDAY_2PM - 4, MONDAY_2PM + 24 * 30]) {
      now = at(hours);
      await harness.helpdesk.followUpSweep.tick();
      await harness.settle();
    }
    expect((await scenes.ticket(1001)).status).toBe('waiting');
    const bells = (await scenes.requesterThread(1001)).filter((message) => visibleText(message).includes(':bell:'));
    expect(bells).toHaveLength(1);
    expect(visibleText(bells[0] as never)).not.toContain('resolved');
  });
});

describe("an admin's mistakes in helpdesk.yml's issue 18 settings", () => {
  const startWith = (lines: string) => startHarness({ config: DEMO_CONFIG.replace('    managers: [U0MGR]\n', `    managers: [U0MGR]\n${lines}`) });

  it('stop the app with each mistake named and explained, instead of a bare "Invalid input" or a digest that is never sent', async () => {
    await expect(startWith('    auto_close_after: 3 days\n    remind_requester_after: -1d\n    satisfaction: no\n    digest: { cron: "99 8 * * 1-5" }\n')).rejects.toThrow(
      [
        '  - departments[0].auto_close_after: "3 days" is not a duration; write it like 90s, 15m, 4h or 2d; or off to turn it off',
        '  - departments[0].remind_requester_after: "-1d" is not a duration; write it like 90s, 15m, 4h or 2d; or off to turn it off',
        '  - departments[0].satisfaction: must be on or off',
        '  - departments[0].digest.cron: must be a cron expression such as "0 8 * * 1-5" (minute hour day month weekday)',
      ].join('\n'),
    );
  });

  it('refuse a plan too long for a due time, which made every ticket filed under it fail to save', async () => {
    await expect(startHarness({ config: DEMO_CONFIG.replace('grace_period: 1h', 'grace_period: 99999999d') })).rejects.toThrow(
      'sla_plans[1].grace_period: "99999999d" is too long; at most 3650d (ten years)',
    );
  });
});

describe('an admin changes the follow-up delays and restarts the app', () => {
  it('closes a ticket resolved while auto_close_after was off once it is on, and at the shorter delay once it is shortened', async () => {
    const database = await createTestDatabase();
    const slack = await startLocalSlack();
    let now = at(0);
    const clock = () => now;
    const withDelay = (delay: string) => DEMO_CONFIG.replace('    sla: Default\n', `    sla: Default\n    auto_close_after: ${delay}\n`);
    const startWith = async (delay: string) => {
      const harness = await startHarness({ config: withDelay(delay), clock, database, slack });
      return { harness, scenes: new Scenes(harness) };
    };
    try {
      const off = await startWith('off');
      await off.scenes.fileTicket(people.karen.id, 'Report a Problem', 'Entire mobile online banking is down');
      await off.scenes.clickAndSubmit(people.john.id, await off.scenes.card(1001), 'Resolve', { Resolution: 'Restarted the mobile gateway' });
      await off.scenes.fileTicket(people.michael.id, 'Report a Problem', 'Mail on my iPhone stopped syncing');
      expect(await off.harness.helpdesk.followUpSweep.tick()).toMatchObject({ closed: 0 });
      await off.harness.stop();

      const threeDays = await startWith('3d');
      now = at(1);
      await threeDays.scenes.clickAndSubmit(people.john.id, await threeDays.scenes.card(1002), 'Resolve', { Resolution: 'Re-added the account' });
      expect(await threeDays.harness.helpdesk.followUpSweep.tick()).toMatchObject({ closed: 0 });
      await threeDays.harness.stop();

      const oneDay = await startWith('1d');
      now = at(24.99);
      expect(await oneDay.harness.helpdesk.followUpSweep.tick()).toMatchObject({ closed: 1 });
      expect((await oneDay.scenes.ticket(1001)).status).toBe('closed');
      now = at(25);
      expect(await oneDay.harness.helpdesk.followUpSweep.tick()).toMatchObject({ closed: 1 });
      expect((await oneDay.scenes.ticket(1002)).status).toBe('closed');
      await oneDay.harness.stop();
    } finally {
      await slack.stop();
      await database.drop();
    }
  });
});
