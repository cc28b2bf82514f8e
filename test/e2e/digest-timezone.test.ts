import cron from 'node-cron';
import { digestJob } from '../../src/scheduler/manager-digest.job';
import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';

/**
 * A New York department on a UTC server: its `digest: { cron: "0 8 * * 1-5" }` runs at 08:00 in
 * New York (its schedule's time zone), not 03:00; Sys Admins name Tokyo outright. Read from the
 * cron tasks the app itself scheduled, then sent for the slot they name.
 */
const CONFIG = `schedules:
  - name: New York hours
    timezone: America/New_York
    hours: { mon: "09:00-17:00", tue: "09:00-17:00", wed: "09:00-17:00", thu: "09:00-17:00", fri: "09:00-17:00" }
${DEMO_CONFIG.replace('    sla: Default\n', '    sla: Default\n    schedule: New York hours\n    digest: { cron: "0 8 * * 1-5" }\n').replace(
  '    managers: [U0BOSS]\n',
  '    managers: [U0BOSS]\n    schedule: New York hours\n    digest: { cron: "0 8 * * 1-5", timezone: Asia/Tokyo }\n',
)}`;

describe("the managers' digest in the department's time zone", () => {
  let harness: Harness;
  let now: Date;
  afterEach(async () => {
    await harness.stop();
  });

  it("runs a department's digest cron in its schedule's time zone, or the digest's own", async () => {
    now = new Date('2026-11-23T12:00:00Z');
    harness = await startHarness({ config: CONFIG, slaSweepCron: '0 0 1 1 *', clock: () => now });
    const scenes = new Scenes(harness);
    const departments = await harness.helpdesk.catalog.listActiveDepartments();
    const idOf = (name: string) => departments.find((department) => department.name === name)?.id ?? -1;
    expect(await harness.helpdesk.managerDigest.schedules()).toEqual(
      expect.arrayContaining([
        { departmentId: idOf('Support'), name: 'Support', cron: '0 8 * * 1-5', timezone: 'America/New_York' },
        { departmentId: idOf('Sys Admins'), name: 'Sys Admins', cron: '0 8 * * 1-5', timezone: 'Asia/Tokyo' },
      ]),
    );
    // Scheduled one department after another (each catches up first): polled, as no Slack event announces them.
    const taskOf = async (name: string) => {
      const job = digestJob(idOf(name));
      for (let tries = 0; tries < 200; tries += 1) {
        const task = [...cron.getTasks().values()].find((candidate) => candidate.name === job);
        if (task) return task;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no ${name} digest task`);
    };
    const support = await taskOf('Support');
    // Monday 23 November 2026: 08:00 in New York is 13:00 UTC (EST); 08:00 UTC is 03:00 there.
    expect(support.match(new Date('2026-11-23T13:00:00Z'))).toBe(true);
    expect(support.match(new Date('2026-11-23T08:00:00Z'))).toBe(false);
    // Friday 08:00 in New York is a weekday slot; Saturday 08:00 is not, though it is Saturday 13:00 UTC.
    expect(support.match(new Date('2026-11-27T13:00:00Z'))).toBe(true);
    expect(support.match(new Date('2026-11-28T13:00:00Z'))).toBe(false);
    const sysAdmins = await taskOf('Sys Admins');
    // Monday 08:00 in Tokyo is Sunday 23:00 UTC.
    expect(sysAdmins.match(new Date('2026-11-22T23:00:00Z'))).toBe(true);
    expect(sysAdmins.match(new Date('2026-11-23T13:00:00Z'))).toBe(false);

    // The slot the task names is the one the digest is sent for, once.
    now = new Date('2026-11-23T13:00:10Z');
    expect(await harness.helpdesk.managerDigest.sendDigest(idOf('Support'), new Date('2026-11-23T13:00:00Z'))).toBe(true);
    expect(await harness.helpdesk.managerDigest.sendDigest(idOf('Support'), new Date('2026-11-23T13:00:00Z'))).toBe(false);
    await harness.settle();
    expect(scenes.dmsTo(people.supportManager.id).filter((message) => visibleText(message).includes('Help desk digest'))).toHaveLength(1);
  }, 60_000);
});
