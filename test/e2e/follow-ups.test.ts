import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { buttonLabels, visibleText } from '../support/visible-text';
import { officeHoursConfig, at, HOUR, MONDAY_2PM } from '../support/office-hours';

/**
 * Support works Monday to Friday, 09:00 to 17:00 UTC. A resolved ticket closes itself after 8
 * working hours; the requester may reopen it for 2 calendar days after that. A ticket waiting on
 * the requester gets a reminder after 4 working hours, and is resolved for no answer after 12.
 */
const FOLLOW_UP_CONFIG = officeHoursConfig(`    auto_close_after: 8h
    reopen_window: 2d
    remind_requester_after: 4h
    close_waiting_after: 12h
`);

describe('auto-close and the reminders', () => {
  let harness: Harness;
  let scenes: Scenes;
  let now: Date;
  const karen = people.karen.id;
  const john = people.john.id;

  beforeEach(async () => {
    now = at(0);
    harness = await startHarness({ config: FOLLOW_UP_CONFIG, clock: () => now });
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
  const resolveKarensTicket = async () => {
    await scenes.fileTicket(karen, 'Report a Problem', 'Entire mobile online banking is down');
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Resolve', { Resolution: 'Restarted the mobile gateway' });
  };
  /** The latest message to Karen in her ticket thread, leaving out the How did we do? question a close asks (test/e2e/satisfaction.test.ts). */
  const lastToKaren = async (number: number) => (await scenes.requesterThread(number)).filter((message) => !message.text.startsWith('How did we do?')).at(-1);

  it('closes a resolved ticket after 8 working hours, not before (the weekend does not count), tells Karen, and only once', async () => {
    await resolveKarensTicket();
    for (const hours of [2, 3, 24, 48, MONDAY_2PM - 0.02]) expect(await sweepAt(hours)).toMatchObject({ closed: 0 });
    expect((await scenes.ticket(1001)).status).toBe('resolved');

    expect(await sweepAt(MONDAY_2PM)).toMatchObject({ closed: 1 });
    expect(await sweepAt(MONDAY_2PM + 1)).toMatchObject({ closed: 0, checked: 0 });
    const ticket = await scenes.ticket(1001);
    expect(ticket.status).toBe('closed');
    expect(ticket.closedAt).toEqual(at(MONDAY_2PM));
    const told = await lastToKaren(1001);
    expect(visibleText(told as never)).toContain('Your ticket #1001 was closed automatically: nobody confirmed the fix in the 8 working hours after it was resolved.');
    expect(buttonLabels(told as never)).toEqual(['Reopen']);
    // An automatic close asks How did we do? as any close does, once.
    expect((await scenes.requesterThread(1001)).filter((message) => message.text.startsWith('How did we do?'))).toHaveLength(1);
    // The resolution's buttons are replaced by what happened.
    expect((await scenes.requesterThread(1001)).filter((message) => buttonLabels(message).includes('That fixed it'))).toEqual([]);
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toContain('The help desk closed this ticket.');
    expect((await scenes.history(1001)).filter((event) => event.type === 'closed')).toEqual([expect.objectContaining({ actorId: 'helpdesk' })]);
    expect(harness.slack.rejections).toEqual([]);
  });

  it("tells Karen's watcher of the automatic close, as of any close", async () => {
    await scenes.fileTicket(karen, 'Report a Problem', 'Entire mobile online banking is down');
    const card = await scenes.card(1001);
    await harness.requests.chooseOverflow(john, card, 'Watchers…');
    const modal = await harness.slack.waitFor(() => harness.slack.currentView(john), 3000, 'the Watchers modal');
    await harness.requests.submitModal(john, { Watchers: people.ken.id }, modal);
    await harness.settle();
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Resolve', { Resolution: 'Restarted the mobile gateway' });
    expect(await sweepAt(MONDAY_2PM)).toMatchObject({ closed: 1 });
    const kensDm = harness.slack.dmChannelOf(people.ken.id);
    const toKen = harness.slack.messages.filter((message) => message.channel === kensDm).map((message) => message.text);
    expect(toKen.at(-1)).toBe('#1001 is closed.');
    expect(toKen.filter((text) => text.includes('resolved by'))).toHaveLength(1);
  });

  it('lets Karen reopen within the window, and after it offers a new ticket linked to the old one', async () => {
    await resolveKarensTicket();
    await sweepAt(MONDAY_2PM);
    now = at(MONDAY_2PM + 47);
    await scenes.clickAndSubmit(karen, (await lastToKaren(1001)) as never, 'Reopen', { 'What is still wrong?': 'The app still shows a 404' });
    expect((await scenes.ticket(1001)).status).toBe('open');

    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Resolve', { Resolution: 'Cleared the CDN cache' });
    await sweepAt(MONDAY_2PM + 47 + 24); // 8 working hours after Wednesday 13:00: Thursday 13:00
    expect((await scenes.ticket(1001)).status).toBe('closed');
    now = at(MONDAY_2PM + 47 + 24 + 49);
    await harness.requests.clickButton(karen, (await lastToKaren(1001)) as never, 'Reopen');
    const modal = await harness.slack.waitFor(() => (harness.slack.currentView(karen)?.view.callback_id === 'ticket_new' ? harness.slack.currentView(karen) : null), 3000, 'the New ticket modal');
    expect(visibleText({ text: '', blocks: modal?.view.blocks })).toContain('#1001 was closed more than 2 days ago, so this files a new ticket, linked to #1001');
    await harness.requests.submitModal(karen, { 'Help topic': 'Report a Problem' }, modal);
    await harness.settle();
    expect((await scenes.ticket(1001)).status).toBe('closed');
    const filed = await scenes.ticket(1002);
    expect(filed.summary).toBe('Still broken after #1001: Entire mobile online banking is down');
    expect(filed.details).toBe('Follows up on #1001, which was closed and can no longer be reopened.');
    expect(filed.requesterId).toBe(karen);
    // A real link (issue 17's), not only text: both cards list the other, both threads and histories say so.
    const [oldCard, newCard] = [await scenes.card(1001), await scenes.card(1002)];
    const link = (card: typeof oldCard, number: number) => `<https://helpdesk-demo.slack.com/archives/${card.channel}/p${card.ts.replace('.', '')}|#${number}>`;
    expect(visibleText(oldCard)).toContain(`:link: Related ${link(newCard, 1002)}`);
    expect(visibleText(newCard)).toContain(`:link: Related ${link(oldCard, 1001)}`);
    expect(scenes.thread(oldCard)).toContain(`:link: <@${karen}> filed #1002 as a follow-up to this ticket: still broken after the reopen window.`);
    expect(scenes.thread(newCard)).toContain(`:link: <@${karen}> filed this ticket as a follow-up to #1001, closed too long ago to reopen.`);
    expect((await scenes.history(1002)).filter((event) => event.type === 'linked')).toEqual([expect.objectContaining({ actorId: karen })]);
    expect((await scenes.history(1001)).filter((event) => event.type === 'linked')).toHaveLength(1);
    expect(harness.slack.rejections).toEqual([]);
  });

  it("links nothing when the form names someone else's closed ticket (a forged follow-up)", async () => {
    await resolveKarensTicket();
    await sweepAt(MONDAY_2PM);
    const ken = people.ken.id;
    await harness.requests.slashCommand(ken, '');
    const modal = await harness.slack.waitFor(() => (harness.slack.currentView(ken)?.view.callback_id === 'ticket_new' ? harness.slack.currentView(ken) : null), 3000, 'the New ticket modal');
    if (!modal) throw new Error('no modal');
    const forged = { ...modal, view: { ...modal.view, private_metadata: JSON.stringify({ source: null, followsUp: { ticketId: (await scenes.ticket(1001)).id } }) } };
    await harness.requests.submitModal(ken, { 'Help topic': 'Report a Problem', Summary: 'ATMs offline in the north branch' }, forged);
    await harness.settle();
    expect((await scenes.ticket(1002)).requesterId).toBe(ken);
    expect((await scenes.history(1002)).filter((event) => event.type === 'linked')).toEqual([]);
    expect((await scenes.history(1001)).filter((event) => event.type === 'linked')).toEqual([]);
  });

  it('reminds Karen once after 4 working hours of waiting, then resolves the ticket for no answer after 12, and agents see both', async () => {
    await scenes.fileTicket(karen, 'Report a Problem', 'Entire mobile online banking is down');
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'Which app version do you use?' });
    expect(await sweepAt(2.9)).toMatchObject({ reminded: 0 });
    expect(await sweepAt(MONDAY_2PM - 4.02)).toMatchObject({ reminded: 0 }); // Monday 09:59
    expect(await sweepAt(MONDAY_2PM - 4)).toMatchObject({ reminded: 1 }); // Monday 10:00: 3 hours on Friday, 1 on Monday
    expect(await sweepAt(MONDAY_2PM)).toMatchObject({ reminded: 0, resolved: 0 });
    expect(visibleText((await lastToKaren(1001)) as never)).toContain(':bell: Your ticket #1001 is waiting on your answer.');
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toContain(':bell: The requester was reminded that this waits on their answer');

    expect(await sweepAt(MONDAY_2PM + 24 - 4.02)).toMatchObject({ resolved: 0 }); // Tuesday 09:59
    expect(await sweepAt(MONDAY_2PM + 24 - 4)).toMatchObject({ resolved: 1 }); // Tuesday 10:00: 3 + 8 + 1 working hours
    const ticket = await scenes.ticket(1001);
    expect(ticket.status).toBe('resolved');
    const prompt = await lastToKaren(1001);
    expect(visibleText(prompt as never)).toContain('No answer from the requester in 12 working hours; resolved automatically.');
    expect(buttonLabels(prompt as never)).toEqual(['That fixed it', 'Still broken']);
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toContain('The help desk resolved this');
    expect((await scenes.history(1001)).filter((event) => event.actorId === 'helpdesk').map((event) => event.type)).toEqual(['requester_reminded', 'resolved']);
  });

  it('stops the reminders once Karen answers', async () => {
    await scenes.fileTicket(karen, 'Report a Problem', 'Entire mobile online banking is down');
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'Which app version do you use?' });
    now = at(1);
    await harness.requests.writeInDm(karen, '4.2.1', (await scenes.ticket(1001)).requesterDmTs);
    await harness.settle();
    expect(await sweepAt(MONDAY_2PM + 48)).toMatchObject({ reminded: 0, resolved: 0 });
    expect((await scenes.ticket(1001)).status).toBe('open');
  });

  it('after downtime, resolves a ticket long past its no-answer time in one step, without a late reminder', async () => {
    await scenes.fileTicket(karen, 'Report a Problem', 'Entire mobile online banking is down');
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'Which app version do you use?' });
    expect(await sweepAt(MONDAY_2PM + 24 * 7)).toMatchObject({ reminded: 0, resolved: 1 });
    expect((await scenes.history(1001)).filter((event) => event.actorId === 'helpdesk').map((event) => event.type)).toEqual(['resolved']);
    expect((await scenes.requesterThread(1001)).filter((message) => visibleText(message).includes(':bell:'))).toEqual([]);
  });

  it('takes each step once when three sweeps run at the same moment', async () => {
    await resolveKarensTicket();
    await scenes.fileTicket(people.ken.id, 'Report a Problem', 'ATMs offline in the north branch');
    await scenes.clickAndSubmit(john, await scenes.card(1002), 'Reply to requester', { 'Message to the requester': 'Which branch?' });
    now = at(MONDAY_2PM);
    const reports = await Promise.all([1, 2, 3].map(() => harness.helpdesk.followUpSweep.tick()));
    await harness.settle();
    expect(reports.reduce((sum, report) => sum + report.closed, 0)).toBe(1);
    expect(reports.reduce((sum, report) => sum + report.reminded, 0)).toBe(1);
    expect((await scenes.history(1001)).filter((event) => event.type === 'closed')).toHaveLength(1);
    expect((await scenes.requesterThread(1001)).filter((message) => visibleText(message).includes('Your ticket #1001 was closed automatically'))).toHaveLength(1);
    expect((await scenes.requesterThread(1002)).filter((message) => visibleText(message).includes(':bell:'))).toHaveLength(1);
  });
});

describe('a burst of follow-ups after downtime', () => {
  let harness: Harness;
  let scenes: Scenes;
  let now: Date;
  const john = people.john.id;
  const requesters = [people.karen.id, people.michael.id, people.ken.id];

  beforeEach(async () => {
    now = at(0);
    harness = await startHarness({ config: FOLLOW_UP_CONFIG, clock: () => now });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('announces 20 follow-ups of one sweep in one summary in the channel, while each requester still hears of their own', async () => {
    // Twelve tickets resolved and eight waiting on their requesters on Friday afternoon.
    for (let index = 0; index < 20; index += 1) {
      const number = 1001 + index;
      await scenes.fileTicket(requesters[index % 3] ?? '', 'Report a Problem', `Branch ${index + 1} cannot print statements`);
      if (index < 12) await scenes.clickAndSubmit(john, await scenes.card(number), 'Resolve', { Resolution: 'Reinstalled the printer driver' });
      else await scenes.clickAndSubmit(john, await scenes.card(number), 'Reply to requester', { 'Message to the requester': 'Which printer model is it?' });
    }
    const threadLengths = await Promise.all([1001, 1013].map(async (number) => scenes.thread(await scenes.card(number)).length));
    const topLevelBefore = harness.slack.messagesIn('C0SUPPORT', null).length;

    // No sweep ran for a week (every instance was down): the first one after takes each ticket's step at once.
    now = at(MONDAY_2PM + 24 * 7);
    const report = await harness.helpdesk.followUpSweep.tick();
    await harness.settle();
    expect(report).toMatchObject({ closed: 12, resolved: 8, reminded: 0 });

    const posted = harness.slack.messagesIn('C0SUPPORT', null).slice(topLevelBefore);
    expect(posted).toHaveLength(1);
    const summary = visibleText(posted[0] as never);
    expect(summary).toContain(':broom: *Follow-ups*: the help desk followed up 20 Support tickets at once.');
    expect(summary).toContain(':lock: *Closed automatically* (12)');
    expect(summary).toContain('*#1001* Branch 1 cannot print statements');
    expect(summary).toContain(':hourglass: *Resolved for no answer* (8)');
    expect(summary).toContain('*#1020* Branch 20 cannot print statements');
    // Not a line per ticket in the cards' threads; each card shows its new state.
    expect(await Promise.all([1001, 1013].map(async (number) => scenes.thread(await scenes.card(number)).length))).toEqual(threadLengths);
    expect(visibleText(await scenes.card(1001))).toContain('Closed');
    // Each requester is told of their own ticket.
    for (let number = 1001; number <= 1012; number += 1) {
      expect((await scenes.requesterThread(number)).filter((message) => visibleText(message).includes(`Your ticket #${number} was closed automatically`))).toHaveLength(1);
    }
    for (let number = 1013; number <= 1020; number += 1) expect((await scenes.ticket(number)).status).toBe('resolved');
    expect(harness.slack.rejections).toEqual([]);

    // The next sweep has nothing left to announce.
    expect(await harness.helpdesk.followUpSweep.tick()).toMatchObject({ closed: 0, resolved: 0, reminded: 0 });
    await harness.settle();
    expect(harness.slack.messagesIn('C0SUPPORT', null).slice(topLevelBefore)).toHaveLength(1);
  }, 180_000);
});

describe('nudges about open tickets nobody touched (remind_assignee_after)', () => {
  const NUDGE_CONFIG = DEMO_CONFIG.replace('    sla: Default\n', '    sla: Default\n    remind_assignee_after: 2h\n');
  const START = Date.parse('2026-11-23T14:00:00Z');
  let harness: Harness;
  let scenes: Scenes;
  let now: Date;
  const john = people.john.id;

  beforeEach(async () => {
    now = new Date(START);
    harness = await startHarness({ config: NUDGE_CONFIG, clock: () => now });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  const sweepAt = async (hours: number) => {
    now = new Date(START + hours * HOUR);
    const report = await harness.helpdesk.followUpSweep.tick();
    await harness.settle();
    return report;
  };
  const inSupport = (text: string) => harness.slack.messagesIn('C0SUPPORT', null).filter((message) => visibleText(message).includes(text));

  it('nudges John once when his ticket has had nothing from him for 2 hours; his note starts the wait again', async () => {
    await scenes.fileTicket(people.karen.id, 'Report a Problem', 'Entire mobile online banking is down');
    await scenes.click(john, await scenes.card(1001), 'Assign to me');
    now = new Date(START + 1 * HOUR);
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Internal note', { Note: 'Looking at the gateway logs' });
    expect(await sweepAt(2.5)).toMatchObject({ nudged: 0 });
    expect(await sweepAt(3)).toMatchObject({ nudged: 1 });
    expect(await sweepAt(10)).toMatchObject({ nudged: 0 });
    const nudges = scenes.dmsTo(john).filter((message) => visibleText(message).includes(':zzz:'));
    expect(nudges.map((message) => message.text)).toEqual([':zzz: *#1001 Entire mobile online banking is down* has had no activity from its assignee for 2 hours.']);
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toBe(':zzz: #1001 has had no activity from its assignee for 2 hours.');
  });

  it('tells the channel of each unassigned ticket, and of a burst in one summary', async () => {
    await scenes.fileTicket(people.karen.id, 'Report a Problem', 'Entire mobile online banking is down');
    await scenes.fileTicket(people.ken.id, 'Report a Problem', 'ATMs offline in the north branch');
    expect(await sweepAt(2)).toMatchObject({ nudged: 2 });
    expect(inSupport('has had nobody on it for 2 hours')).toHaveLength(2);

    now = new Date(START + 3 * HOUR);
    for (const summary of ['Card payments failing', 'Online banking slow', 'Branch VPN down', 'Printer on 3rd floor is jammed']) {
      await scenes.fileTicket(people.ken.id, 'Report a Problem', summary);
    }
    expect(await sweepAt(5)).toMatchObject({ nudged: 4 });
    const summaries = inSupport('*Nobody on these*: 4 unassigned Support tickets have had no activity for 2 hours.');
    expect(summaries).toHaveLength(1);
    expect(visibleText(summaries[0] as never)).toContain('*#1006* Printer on 3rd floor is jammed');
    expect(inSupport('has had nobody on it for 2 hours')).toHaveLength(2);
    expect(harness.slack.rejections).toEqual([]);
  });
});
