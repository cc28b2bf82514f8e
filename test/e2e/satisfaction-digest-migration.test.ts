import { SatisfactionAndDigest1765800000000 } from '../../migrations/1765800000000-satisfaction-and-digest';
import { DepartmentEntity } from '../../src/persistence/entities/department.entity';
import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';

describe('migration 1765800000000', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness({ config: DEMO_CONFIG.replace('    managers: [U0MGR]\n', '    managers: [U0MGR]\n    satisfaction: off\n') });
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('gives departments from before it satisfaction on and no digest, keeps their tickets, and asks each ticket once after it', async () => {
    const scenes = new Scenes(harness);
    await scenes.fileTicket(people.karen.id, 'Report a Problem', 'Printer on floor 3 jams');
    const runner = harness.helpdesk.db.dataSource.createQueryRunner();
    try {
      const migration = new SatisfactionAndDigest1765800000000();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const departments = await harness.helpdesk.db.manager.find(DepartmentEntity, { order: { name: 'ASC' } });
    expect(departments.map(({ name, satisfaction, digestCron }) => ({ name, satisfaction, digestCron }))).toEqual([
      { name: 'Support', satisfaction: true, digestCron: null },
      { name: 'Sys Admins', satisfaction: true, digestCron: null },
    ]);
    await harness.helpdesk.catalog.refresh();
    await harness.requests.chooseOverflow(people.john.id, await scenes.card(1001), 'Close');
    await harness.settle();
    expect((await scenes.requesterThread(1001)).filter((message) => message.text.includes('How did we do?'))).toHaveLength(1);
  });
});
