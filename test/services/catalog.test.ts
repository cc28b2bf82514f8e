import { Database } from '../../src/persistence/database';
import { DepartmentEntity } from '../../src/persistence/entities/department.entity';
import { HelpTopicEntity } from '../../src/persistence/entities/help-topic.entity';
import { Catalog } from '../../src/services/catalog';
import { DEMO_CONFIG } from '../support/demo-workspace';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { openConfiguredStore } from '../support/configured-store';

const MAX_AGE_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the in-memory catalog of departments, help topics and SLA plans', () => {
  let testDatabase: TestDatabase;
  let db: Database;
  let catalog: Catalog;

  beforeEach(async () => {
    testDatabase = await createTestDatabase();
    const { db: opened, store } = await openConfiguredStore(testDatabase.url, DEMO_CONFIG);
    db = opened;
    catalog = new Catalog(store.direct.catalog, () => new Date(), MAX_AGE_MS);
    await catalog.refresh();
  });
  afterEach(async () => {
    await db.close();
    await testDatabase.drop();
  });

  it('answers what helpdesk.yml describes, topics and departments by name', async () => {
    expect((await catalog.listActiveTopics()).map((topic) => topic.name)).toEqual(['Access Issue', 'Business Critical Outage', 'Report a Problem']);
    expect((await catalog.listActiveDepartments()).map((department) => department.name)).toEqual(['Support', 'Sys Admins']);
    const outage = (await catalog.listActiveTopics()).find((topic) => topic.name === 'Business Critical Outage');
    expect(await catalog.findPolicy(outage?.slaPlanId ?? null)).toMatchObject({ graceSeconds: 3600 });
    const support = await catalog.findDepartment(outage?.departmentId ?? 0);
    expect(support).toMatchObject({ name: 'Support', channelId: 'C0SUPPORT', agentIds: ['U0JOHN', 'U0JANE'] });
    expect(await catalog.findTopic(999)).toBeNull();
    expect(await catalog.findPolicy(null)).toBeNull();
  });

  it('hands out rows nobody can change by accident', async () => {
    const [department] = await catalog.listActiveDepartments();
    expect(() => department?.agentIds.push('U0INTRUDER')).toThrow(TypeError);
    expect(() => Object.assign(department ?? {}, { name: 'Renamed' })).toThrow(TypeError);
  });

  it('sees a change made by this instance as soon as it is refreshed', async () => {
    await db.manager.getRepository(HelpTopicEntity).update({ name: 'Access Issue' }, { active: false });
    expect((await catalog.listActiveTopics()).map((topic) => topic.name)).toContain('Access Issue');
    await catalog.refresh();
    expect((await catalog.listActiveTopics()).map((topic) => topic.name)).toEqual(['Business Critical Outage', 'Report a Problem']);
  });

  it('picks up a change made by another instance once its snapshot is older than the maximum age, without making a request wait', async () => {
    await db.manager.getRepository(DepartmentEntity).update({ name: 'Support' }, { agentIds: ['U0JOHN', 'U0JANE', 'U0NEWAGENT'] });
    const support = async () => (await catalog.listActiveDepartments()).find((department) => department.name === 'Support');
    expect((await support())?.agentIds).not.toContain('U0NEWAGENT');
    await sleep(MAX_AGE_MS + 20);
    // This read still answers from the old snapshot and starts the reload in the background.
    expect((await support())?.agentIds).not.toContain('U0NEWAGENT');
    await sleep(50);
    expect((await support())?.agentIds).toContain('U0NEWAGENT');
  });

  it('keeps answering from its snapshot when a reload fails', async () => {
    await sleep(MAX_AGE_MS + 20);
    await db.dataSource.destroy();
    expect((await catalog.listActiveTopics()).length).toBe(3);
    await sleep(50);
    expect((await catalog.listActiveTopics()).length).toBe(3);
    await db.dataSource.initialize();
  });
});
