import { SlaPausesAndPrompt1764600000000 } from '../../migrations/1764600000000-sla-pauses-and-prompt';
import { migrations } from '../../migrations';
import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';

const START = new Date('2026-11-23T14:00:00Z');
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000);

describe('migration 1764600000000', () => {
  let harness: Harness;
  let now = START;
  beforeEach(async () => {
    now = START;
    harness = await startHarness({ clock: () => now });
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('gives each open ticket the pauses that ended since its clock started, read from its history', async () => {
    const scenes = new Scenes(harness);
    await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    now = at(10);
    await scenes.clickAndSubmit(people.john.id, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'Which app version?' });
    now = at(100);
    await harness.requests.writeInDm(people.karen.id, '4.2.1', (await scenes.ticket(1001)).requesterDmTs);
    now = at(120);
    await scenes.clickAndSubmit(people.john.id, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'And the phone?' });
    expect((await scenes.ticket(1001)).slaPauses).toEqual([{ from: at(10), to: at(100) }]);

    // As before the migration: no column (the migrations after it undone first, newest first, as a
    // database from before it never had them). Then the migrations again, from it on.
    const runner = harness.helpdesk.db.dataSource.createQueryRunner();
    const sqlite = harness.helpdesk.db.isSqlite;
    try {
      // SQLite drops a column by copying the table, which its foreign keys would refuse meanwhile.
      if (sqlite) await runner.query('PRAGMA foreign_keys = OFF');
      const from = migrations.findIndex((migration) => migration === SlaPausesAndPrompt1764600000000);
      const again = migrations.slice(from).map((Migration) => new Migration());
      for (const migration of [...again].reverse()) await migration.down(runner);
      for (const migration of again) await migration.up(runner);
    } finally {
      if (sqlite) await runner.query('PRAGMA foreign_keys = ON');
      await runner.release();
    }
    // The pause still running (since +120) is the ticket's sla_paused_at, not one of its ended pauses.
    expect(await scenes.ticket(1001)).toMatchObject({ slaPauses: [{ from: at(10), to: at(100) }], slaPausedAt: at(120), requesterPromptTs: null });
  });
});
