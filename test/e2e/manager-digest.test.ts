import { IsNull, Not } from 'typeorm';
import { OutboxMessageEntity } from '../../src/persistence/entities/outbox-message.entity';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness, startLocalSlack } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { createTestDatabase, onPostgres, TestDatabase } from '../support/test-database';
import { visibleText } from '../support/visible-text';

const karen = people.karen.id;
const michael = people.michael.id;
const ken = people.ken.id;
const john = people.john.id;
const sam = people.supportManager.id;

/** Support's digest at 8 on weekdays; its Default plan asks for a first response within 20 minutes. */
const CONFIG = DEMO_CONFIG.replace('    managers: [U0MGR]\n', '    managers: [U0MGR]\n    digest:\n      cron: "0 8 * * 1-5"\n').replace(
  '    grace_period: 24h\n',
  '    grace_period: 24h\n    first_response: 20m\n',
);

const MINUTE = 60_000;
const START = new Date('2026-11-23T14:00:00Z');
const SLOT = new Date('2026-11-23T08:00:00Z');

/**
 * On PostgreSQL two instances of the app share one database and one Slack, as README's "Several
 * instances" describes, and both fire each digest slot. SQLite is the single-instance database
 * (a second instance on its file meets `database is locked`): there the one instance fires each
 * slot twice at once, as node-cron on two instances would. Known tickets make known figures.
 */
describe("the managers' digest", () => {
  let database: TestDatabase;
  let slack: LocalSlack;
  let instances: Harness[];
  let scenes: Scenes;
  let now: Date;
  const at = (minutes: number) => (now = new Date(START.getTime() + minutes * MINUTE));

  beforeEach(async () => {
    now = START;
    database = await createTestDatabase();
    slack = await startLocalSlack();
    const clock = () => now;
    const first = await startHarness({ database, slack, clock, config: CONFIG });
    instances = onPostgres() ? [first, await startHarness({ database, slack, clock, config: CONFIG })] : [first];
    // Either instance's dispatcher may deliver what a scene queued: the scenes wait for both.
    scenes = new Scenes({ ...first, settle: settleAll });
  });
  afterEach(async () => {
    for (const instance of uniqueInstances()) await instance.stop();
    await slack.stop();
    await database.drop();
  });

  /** Until both instances are idle and nothing is waiting to be sent but Home publishes (which wait to gather a burst). */
  async function settleAll(): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      for (const instance of uniqueInstances()) await instance.settle();
      const waiting = await instances[0]?.helpdesk.db.manager.countBy(OutboxMessageEntity, { sentAt: IsNull(), failedAt: IsNull(), kind: Not('publish_home') });
      if (waiting === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('the outbox did not drain');
  }
  const uniqueInstances = () => [...new Set(instances)];
  const digestsTo = (userId: string) => scenes.dmsTo(userId).filter((message) => visibleText(message).includes('Help desk digest'));
  const supportId = async () => {
    const support = (await instances[0]?.helpdesk.catalog.listActiveDepartments())?.find((department) => department.name === 'Support');
    if (!support) throw new Error('no Support department');
    return support.id;
  };
  const sendFromBoth = async (slot: Date) => {
    const departmentId = await supportId();
    const firing = instances.length > 1 ? instances : [...instances, ...instances];
    const sent = await Promise.all(firing.map((instance) => instance.helpdesk.managerDigest.sendDigest(departmentId, slot)));
    await settleAll();
    return sent;
  };

  /** #1001 open for three days, past its 24-hour due time; #1002 answered in 30 minutes (10 late), resolved in an hour within its SLA, rated Great; #1003 escalated and past its one hour. */
  const knownWeek = async () => {
    at(-3 * 24 * 60);
    await scenes.fileTicket(karen, 'Report a Problem', 'Printer on floor 3 jams');
    at(-120);
    await scenes.fileTicket(michael, 'Report a Problem', 'Mail on my iPhone stopped syncing');
    await scenes.click(john, await scenes.card(1002), 'Assign to me');
    at(-90);
    await scenes.clickAndSubmit(john, await scenes.card(1002), 'Reply to requester', {
      'Message to the requester': 'Remove and add the account again, please.',
      Status: 'Keep it open (do not wait for the requester)',
    });
    at(-60);
    await scenes.clickAndSubmit(john, await scenes.card(1002), 'Resolve', { Resolution: 'Account re-added' });
    const resolution = (await scenes.requesterThread(1002)).at(-1);
    if (!resolution) throw new Error('no resolution');
    await scenes.click(michael, resolution, 'That fixed it');
    const question = (await scenes.requesterThread(1002)).at(-1);
    if (!question) throw new Error('no question');
    await scenes.clickAndSubmit(michael, question, 'Great', {});
    await scenes.fileTicket(ken, 'Business Critical Outage', 'Entire mobile online banking is down');
    await scenes.clickAndSubmit(john, await scenes.card(1003), 'Escalate', { Reason: 'Every branch is calling' });
    at(10);
    await settleAll();
  };

  it('sends each manager one DM per slot with the last day and 7 days, though both instances fire it', async () => {
    await knownWeek();
    expect(await sendFromBoth(SLOT)).toEqual(expect.arrayContaining([true, false]));
    expect(await sendFromBoth(SLOT)).toEqual([false, false]);
    const [digest, ...more] = digestsTo(sam);
    expect(more).toHaveLength(0);
    if (!digest) throw new Error('no digest');
    const text = visibleText(digest);
    expect(text).toContain('*Support*: :warning: 2 overdue now · 1 escalated and open');
    expect(text).toContain(
      '*Last day*: 2 opened · 1 resolved · first-response SLA met 0 of 1 · resolution SLA met 1 of 1 · 1 first responses, median 30 min · median resolution 1 h · satisfaction 5.0/5 from 1',
    );
    expect(text).toContain('*Last 7 days*: 3 opened · 1 resolved');
    const oldest = text.slice(text.indexOf('*Oldest open*'));
    expect(oldest.indexOf('#1001')).toBeLessThan(oldest.indexOf('#1003'));
    expect(oldest).not.toContain('#1002');
    // Linked to their cards.
    const card = await scenes.card(1001);
    expect(text).toContain(`archives/${card.channel}/p${card.ts.replace('.', '')}|#1001>`);
    // Nobody but the department's managers hears of it.
    expect(digestsTo(people.boss.id)).toHaveLength(0);
    expect(digestsTo(john)).toHaveLength(0);

    expect(await sendFromBoth(new Date(SLOT.getTime() + 24 * 60 * MINUTE))).toEqual(expect.arrayContaining([true, false]));
    expect(digestsTo(sam)).toHaveLength(2);
  });

  it('sends nothing for a department without a digest schedule', async () => {
    const sysAdmins = (await instances[0]?.helpdesk.catalog.listActiveDepartments())?.find((department) => department.name === 'Sys Admins');
    expect(sysAdmins?.digestCron).toBeNull();
    expect(await instances[0]?.helpdesk.managerDigest.schedules()).toEqual([{ departmentId: await supportId(), name: 'Support', cron: '0 8 * * 1-5', timezone: null }]);
  });
});

describe("the managers' digest on its schedule", () => {
  let harness: Harness;
  afterEach(async () => {
    await harness.stop();
  });

  it('is sent by the app itself when its cron fires', async () => {
    // Every second (node-cron's six-field form), so the test need not wait for a minute.
    const everySecond = DEMO_CONFIG.replace('    managers: [U0MGR]\n', '    managers: [U0MGR]\n    digest:\n      cron: "* * * * * *"\n');
    harness = await startHarness({ config: everySecond, slaSweepCron: '0 0 1 1 *' });
    const scenes = new Scenes(harness);
    await harness.slack.waitFor(() => scenes.dmsTo(sam).some((message) => visibleText(message).includes('Help desk digest')), 5000, "Sam's digest");
    expect(harness.logs.some((line) => line.includes('manager digest queued'))).toBe(true);
  });
});

describe("the managers' digest after downtime", () => {
  let database: TestDatabase;
  let slack: LocalSlack;
  let running: Harness[] = [];
  /** The wall clock runs, from wherever the test last set it (a local time of the server's zone, as the cron reads it). */
  let offset = 0;
  const wallClock = () => new Date(Date.now() + offset);
  const setWall = (at: Date) => (offset = at.getTime() - Date.now());
  // Friday 27 November and Wednesday 2 December 2026.
  const FRIDAY_SLOT = new Date(2026, 10, 27, 8, 0);
  const WEDNESDAY_SLOT = new Date(2026, 11, 2, 8, 0);

  beforeEach(async () => {
    database = await createTestDatabase();
    slack = await startLocalSlack();
  });
  afterEach(async () => {
    for (const instance of running) await instance.stop();
    running = [];
    await slack.stop();
    await database.drop();
  });

  /** Starts the app (two instances together on PostgreSQL), with its schedules, as at `at`. */
  const start = async (at: Date) => {
    setWall(at);
    const options = { database, slack, clock: wallClock, wallClock, config: CONFIG, slaSweepCron: '0 0 1 1 *' };
    running = await Promise.all((onPostgres() ? [1, 2] : [1]).map(() => startHarness(options)));
    return running;
  };
  const stopAll = async () => {
    for (const instance of running) await instance.stop();
    running = [];
  };
  const digestsToSam = () => slack.messages.filter((message) => message.channel === slack.dmChannelOf(sam) && visibleText(message).includes('Help desk digest'));
  const slotsSent = async (instance: Harness) =>
    (await instance.helpdesk.db.manager.query<{ slot_at: unknown }[]>('SELECT slot_at FROM manager_digests ORDER BY slot_at')).map((row) => new Date(Number(row.slot_at)));
  const settle = async () => {
    for (const instance of running) await instance.settle();
  };

  it('sends one digest for the slots missed while every instance was down, once, and not again at the next start', async () => {
    // Friday: the app runs and sends the 08:00 digest.
    const [friday] = await start(new Date(2026, 10, 27, 8, 0, 5));
    const support = (await friday?.helpdesk.catalog.listActiveDepartments())?.find((department) => department.name === 'Support');
    if (!friday || !support) throw new Error('no app');
    expect(await friday.helpdesk.managerDigest.sendDigest(support.id, FRIDAY_SLOT)).toBe(true);
    await settle();
    expect(digestsToSam()).toHaveLength(1);
    await stopAll();

    // Down from Friday to Wednesday 09:30: Monday's, Tuesday's and Wednesday's 08:00 were missed.
    const [first] = await start(new Date(2026, 11, 2, 9, 30));
    if (!first) throw new Error('no app');
    await slack.waitFor(() => (digestsToSam().length === 2 ? true : null), 15_000, "Sam's catch-up digest");
    await settle();
    expect(digestsToSam()).toHaveLength(2);
    expect(await slotsSent(first)).toEqual([FRIDAY_SLOT, WEDNESDAY_SLOT]);
    expect(running.flatMap((instance) => instance.logs).filter((line) => line.includes('a slot missed while the app was down is sent now'))).toHaveLength(1);
    await stopAll();

    // Started again the same morning: that slot was sent, nothing more is.
    const [again] = await start(new Date(2026, 11, 2, 10, 0));
    if (!again) throw new Error('no app');
    for (let waited = 0; !again.logs.some((line) => line.includes('manager digest: no slot to catch up')); waited += 50) {
      if (waited > 15_000) throw new Error('the catch-up did not run');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await settle();
    expect(digestsToSam()).toHaveLength(2);
    expect(await slotsSent(again)).toEqual([FRIDAY_SLOT, WEDNESDAY_SLOT]);
  }, 180_000);
});
