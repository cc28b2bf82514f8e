import { ServiceMeasures1764800000000 } from '../../migrations/1764800000000-service-measures';
import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';

const START = new Date('2026-11-23T14:00:00Z');
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000);

describe('migration 1764800000000', () => {
  let harness: Harness;
  let now = START;
  beforeEach(async () => {
    now = START;
    harness = await startHarness({ clock: () => now });
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('reads each ticket’s first staff response and SLA outcome back from its history, as the app keeps them', async () => {
    const scenes = new Scenes(harness);
    const { karen, michael, ken, john, jane } = people;
    const reply = async (agent: string, number: number, message: string) => scenes.clickAndSubmit(agent, await scenes.card(number), 'Reply to requester', { 'Message to the requester': message });
    await scenes.fileTicket(karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    await scenes.fileTicket(michael.id, 'Report a Problem', 'Mail does not sync on my iPhone');
    await scenes.fileTicket(ken.id, 'Report a Problem', 'Printer on floor 3 prints blank pages');
    now = at(5);
    await scenes.clickAndSubmit(john.id, await scenes.card(1001), 'Internal note', { Note: 'LB2 looks down' });
    await scenes.clickAndSubmit(john.id, await scenes.card(1003), 'Internal note', { Note: 'toner ordered' });
    now = at(10);
    await reply(john.id, 1001, 'We are on it.');
    now = at(20);
    await harness.requests.writeInDm(karen.id, 'Only the app.', (await scenes.ticket(1001)).requesterDmTs);
    await harness.settle();
    now = at(40);
    await scenes.clickAndSubmit(john.id, await scenes.card(1001), 'Resolve', { Resolution: 'Reconnected the load balancer' });
    now = at(115);
    await reply(jane.id, 1002, 'Please add the account again.');
    now = at(116);
    await harness.requests.writeInDm(michael.id, 'Done, still nothing.', (await scenes.ticket(1002)).requesterDmTs);
    await harness.settle();
    now = at(30 * 60);
    await scenes.clickAndSubmit(jane.id, await scenes.card(1002), 'Resolve', { Resolution: 'Re-enabled ActiveSync' });

    const measures = async () =>
      Promise.all(
        [1001, 1002, 1003].map(async (number) => {
          const { firstResponseAt, resolvedWithinSla } = await scenes.ticket(number);
          return { number, firstResponseAt, resolvedWithinSla };
        }),
      );
    const kept = [
      { number: 1001, firstResponseAt: at(10), resolvedWithinSla: true },
      { number: 1002, firstResponseAt: at(115), resolvedWithinSla: false },
      { number: 1003, firstResponseAt: null, resolvedWithinSla: null },
    ];
    expect(await measures()).toEqual(kept);

    // As before the migration: no columns. Then the migration, which reads them back from the history.
    const runner = harness.helpdesk.db.dataSource.createQueryRunner();
    const sqlite = harness.helpdesk.db.isSqlite;
    try {
      // SQLite drops a column by copying the table, which its foreign keys would refuse meanwhile.
      if (sqlite) await runner.query('PRAGMA foreign_keys = OFF');
      const migration = new ServiceMeasures1764800000000();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      if (sqlite) await runner.query('PRAGMA foreign_keys = ON');
      await runner.release();
    }
    expect(await measures()).toEqual(kept);
  });
});
