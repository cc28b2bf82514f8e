import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { people } from '../support/demo-workspace';
import { Harness, startHarness, startLocalSlack } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { visibleText } from '../support/visible-text';
import { officeHoursConfig, at } from '../support/office-hours';

/**
 * Issue 18's follow-ups, attacked again. Support works Monday to Friday 09:00–17:00 UTC; a
 * waiting ticket reminds Karen after 4 working hours and is resolved after 12, counted from John's
 * latest reply to her (osTicket's last response), not from the first wait.
 */
const CONFIG = officeHoursConfig(`    remind_requester_after: 4h
    close_waiting_after: 12h
`);

const karen = people.karen.id;
const john = people.john.id;

describe('replies to a silent requester while the ticket waits', () => {
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
  const sweepAt = async (hours: number) => {
    now = at(hours);
    const report = await harness.helpdesk.followUpSweep.tick();
    await harness.settle();
    return report;
  };
  const reply = async (hours: number, message: string) => {
    now = at(hours);
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': message });
    expect((await scenes.ticket(1001)).status).toBe('waiting');
  };
  const bells = async () => (await scenes.requesterThread(1001)).filter((message) => visibleText(message).includes(':bell:'));

  it("restart the reminder and the no-answer clocks from John's latest reply; a note does not", async () => {
    await scenes.fileTicket(karen, 'Report a Problem', 'Entire mobile online banking is down');
    await reply(0, 'Which app version do you use?');
    // Friday 16:00, Karen still silent: the reminder moves from Monday 10:00 to Monday 12:00.
    await reply(2, 'Also: does the website work for you?');
    expect(await sweepAt(68)).toMatchObject({ reminded: 0 }); // Monday 10:00
    expect(await sweepAt(70 - 1 / 60)).toMatchObject({ reminded: 0 });
    expect(await sweepAt(70)).toMatchObject({ reminded: 1 }); // Monday 12:00
    // Monday 13:00, after the reminder: a new silence, so one more reminder (Monday 17:00).
    await reply(71, 'We restarted the gateway; can you try again?');
    now = at(72);
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Internal note', { Note: 'Gateway logs look clean' });
    expect(await sweepAt(75 - 1 / 60)).toMatchObject({ reminded: 0 });
    expect(await sweepAt(75)).toMatchObject({ reminded: 1 });
    expect(await sweepAt(76)).toMatchObject({ reminded: 0 });
    expect(await bells()).toHaveLength(2);
    // 12 working hours from the first wait was Tuesday 10:00, from the second reply Tuesday 12:00; from the latest, Tuesday 17:00.
    expect(await sweepAt(92)).toMatchObject({ resolved: 0 });
    expect(await sweepAt(94)).toMatchObject({ resolved: 0 });
    expect(await sweepAt(99 - 1 / 60)).toMatchObject({ resolved: 0 });
    expect((await scenes.ticket(1001)).status).toBe('waiting');
    expect(await sweepAt(99)).toMatchObject({ resolved: 1 });
    expect((await scenes.ticket(1001)).status).toBe('resolved');
    expect(await bells()).toHaveLength(2);
  });
});

describe('a burst of nudges under a schedule', () => {
  let harness: Harness;
  let now: Date;
  afterEach(async () => {
    await harness.stop();
  });

  it('says the delay in working hours in the summary, as each nudge does', async () => {
    now = at(0);
    harness = await startHarness({ config: CONFIG.replace('    close_waiting_after: 12h\n', '    close_waiting_after: 12h\n    remind_assignee_after: 2h\n'), clock: () => now });
    const scenes = new Scenes(harness);
    for (const summary of ['Card payments failing', 'Online banking slow', 'Branch VPN down', 'Printer on 3rd floor is jammed']) {
      await scenes.fileTicket(people.ken.id, 'Report a Problem', summary);
    }
    now = at(2);
    expect(await harness.helpdesk.followUpSweep.tick()).toMatchObject({ nudged: 4 });
    await harness.settle();
    const inSupport = (text: string) => harness.slack.messagesIn('C0SUPPORT', null).filter((message) => visibleText(message).includes(text));
    expect(inSupport('*Nobody on these*: 4 unassigned Support tickets have had no activity for 2 working hours.')).toHaveLength(1);
    expect(scenes.thread(await scenes.card(1004)).at(-1)).toBe(':zzz: #1004 has had nobody on it for 2 working hours.');
    expect(harness.slack.messagesIn('C0SUPPORT', null).filter((message) => /for 2 hours/.test(visibleText(message)))).toEqual([]);
  });
});

describe('a burst of follow-ups under a schedule', () => {
  let harness: Harness;
  let now: Date;
  afterEach(async () => {
    await harness.stop();
  });

  it("says each delay in working hours in the department's summary, as each ticket's own step does", async () => {
    now = at(0);
    harness = await startHarness({ config: CONFIG.replace('    close_waiting_after: 12h\n', '    close_waiting_after: 12h\n    auto_close_after: 8h\n'), clock: () => now });
    const scenes = new Scenes(harness);
    const summaries = ['Card payments failing', 'Online banking slow', 'Branch VPN down', 'Printer on 3rd floor is jammed', 'Mail on my iPhone stopped syncing', 'Statements do not download'];
    for (const [index, summary] of summaries.entries()) {
      await scenes.fileTicket(people.ken.id, 'Report a Problem', summary);
      await scenes.clickAndSubmit(john, await scenes.card(1001 + index), 'Reply to requester', { 'Message to the requester': 'Which branch are you in?' });
    }
    const sweepAt = async (hours: number) => {
      now = at(hours);
      const report = await harness.helpdesk.followUpSweep.tick();
      await harness.settle();
      return report;
    };
    const summaryIn = (head: string) => {
      const found = harness.slack.messagesIn('C0SUPPORT', null).filter((message) => visibleText(message).includes(head));
      expect(found).toHaveLength(1);
      return visibleText(found[0] as never);
    };
    expect(await sweepAt(68)).toMatchObject({ reminded: 6 }); // Monday 10:00
    expect(summaryIn(':bell: *Requesters reminded* (6)')).toContain('no answer for 4 working hours; these wait on their answer.');
    expect(await sweepAt(92)).toMatchObject({ resolved: 6 }); // Tuesday 10:00
    expect(summaryIn(':hourglass: *Resolved for no answer* (6)')).toContain('no answer from their requesters in 12 working hours of waiting.');
    expect(await sweepAt(116)).toMatchObject({ closed: 6 }); // Wednesday 10:00
    expect(summaryIn(':lock: *Closed automatically* (6)')).toContain('nobody confirmed or reopened them in 8 working hours.');
    // The tickets' own words, in Ken's DM.
    expect((await scenes.requesterThread(1001)).map((message) => visibleText(message)).join('\n')).toContain('12 working hours');
  });
});

describe('remind_assignee_after turned on or changed at a restart', () => {
  let database: TestDatabase;
  let slack: LocalSlack;
  let harness: Harness;
  let now: Date;
  beforeEach(async () => {
    now = at(0);
    database = await createTestDatabase();
    slack = await startLocalSlack();
  });
  afterEach(async () => {
    await harness.stop();
    await slack.stop();
    await database.drop();
  });
  const restartWith = async (lines: string) => {
    await harness.stop();
    harness = await startHarness({ database, slack, clock: () => now, config: CONFIG.replace('    close_waiting_after: 12h\n', `    close_waiting_after: 12h\n${lines}`) });
    return new Scenes(harness);
  };
  const sweepAt = async (hours: number) => {
    now = at(hours);
    const report = await harness.helpdesk.followUpSweep.tick();
    await harness.settle();
    return report;
  };

  it('nudges tickets already open from their last change, in working hours, and follows a shortened delay', async () => {
    harness = await startHarness({ database, slack, clock: () => now, config: CONFIG });
    let scenes = new Scenes(harness);
    await scenes.fileTicket(karen, 'Report a Problem', 'Entire mobile online banking is down');
    await scenes.click(john, await scenes.card(1001), 'Assign to me');
    now = at(1); // Friday 15:00
    await scenes.fileTicket(people.michael.id, 'Report a Problem', 'Mail on my iPhone stopped syncing');
    expect(await sweepAt(24)).toMatchObject({ nudged: 0 });

    // Saturday: turned on at 8 working hours. #1001 is due Monday 14:00, #1002 Monday 15:00.
    scenes = await restartWith('    remind_assignee_after: 8h\n');
    expect(await sweepAt(72 - 1 / 60)).toMatchObject({ nudged: 0 });
    // Shortened to 2 working hours before then: due Friday 16:00 and 17:00, so both at once.
    scenes = await restartWith('    remind_assignee_after: 2h\n');
    expect(await sweepAt(72 - 1 / 60)).toMatchObject({ nudged: 2 });
    expect(await sweepAt(80)).toMatchObject({ nudged: 0 });
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toBe(':zzz: #1001 has had no activity from its assignee for 2 working hours.');
    expect(scenes.thread(await scenes.card(1002)).at(-1)).toBe(':zzz: #1002 has had nobody on it for 2 working hours.');

    // Lengthened again: a nudged ticket stays quiet; one filed Monday 22:00 counts from its filing.
    now = at(80);
    await scenes.fileTicket(karen, 'Report a Problem', 'Statements do not download');
    scenes = await restartWith('    remind_assignee_after: 3h\n');
    expect(await sweepAt(94 - 2 / 60)).toMatchObject({ nudged: 0 }); // Tuesday 11:58
    expect(await sweepAt(94)).toMatchObject({ nudged: 1 }); // Tuesday 12:00: #1003 only
    expect(scenes.thread(await scenes.card(1003)).at(-1)).toBe(':zzz: #1003 has had nobody on it for 3 working hours.');
  });

  it('stops nudging when turned off', async () => {
    harness = await startHarness({ database, slack, clock: () => now, config: CONFIG.replace('    close_waiting_after: 12h\n', '    close_waiting_after: 12h\n    remind_assignee_after: 2h\n') });
    await new Scenes(harness).fileTicket(karen, 'Report a Problem', 'Entire mobile online banking is down');
    const scenes = await restartWith('    remind_assignee_after: off\n');
    expect(await sweepAt(100)).toMatchObject({ nudged: 0 });
    expect(scenes.thread(await scenes.card(1001)).some((line) => line.includes(':zzz:'))).toBe(false);
  });
});
