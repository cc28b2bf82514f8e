import { CloseReason1765300000000 } from '../../migrations/1765300000000-close-reason';
import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';

describe('migration 1765300000000', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('gives the tickets closed before it the close reason completed, and the others none', async () => {
    const scenes = new Scenes(harness);
    await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    await scenes.fileTicket(people.michael.id, 'Report a Problem', 'Mail does not sync on my iPhone');
    await harness.requests.chooseOverflow(people.john.id, await scenes.card(1001), 'Close');
    await harness.settle();

    // As before the migration: no column. Then the migration.
    const runner = harness.helpdesk.db.dataSource.createQueryRunner();
    try {
      const migration = new CloseReason1765300000000();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await scenes.ticket(1001)).toMatchObject({ status: 'closed', closeReason: 'completed' });
    expect(await scenes.ticket(1002)).toMatchObject({ status: 'open', closeReason: null });
    // Tickets are still filed after it: the search index's triggers on tickets survive a plain ALTER TABLE.
    await scenes.fileTicket(people.ken.id, 'Report a Problem', 'Printer on floor 3 prints blank pages');
    expect(await scenes.ticket(1003)).toMatchObject({ closeReason: null });
  });
});
