import { parseDatabaseUrl } from '../src/config/env';
import { parseHelpdeskYaml } from '../src/config/helpdesk-config';
import { createDataSource } from '../src/persistence/data-source';
import { openDatabase } from '../src/persistence/database';
import { SqlTicketStore } from '../src/persistence/ticket-store';
import { Catalog } from '../src/services/catalog';
import { syncHelpdeskConfig } from '../src/services/config-sync.service';
import { seedTicketHistory } from './seed-history';
const CONFIG = `
sla_plans:
  - name: Default
    grace_period: 24h
departments:
${Array.from({ length: 10 }, (_, index) => `  - { name: Dept ${index}, channel: C0DEPT${index}, agents: [U0JOHN], managers: [U0MGR], sla: Default }`).join('\n')}
help_topics:
  - { name: Problem, department: Dept 0, priority: normal }
`;
const main = async () => {
  const db = await openDatabase(createDataSource(parseDatabaseUrl(process.argv[2] as string)));
  await db.migrate();
  const config = parseHelpdeskYaml(CONFIG);
  if (!config.ok) throw new Error('config');
  const store = new SqlTicketStore(db);
  await syncHelpdeskConfig(store, config.value);
  const catalog = new Catalog(store.direct.catalog, () => new Date());
  const departments = await catalog.listActiveDepartments();
  const ids = departments.map((d) => d.id).sort((a, b) => a - b);
  await seedTicketHistory(db, { count: 1_000_000, open: 50_000, now: Number(process.argv[3]), spanDays: 365, departmentIds: ids, helpTopicId: 1, slaPlanId: 1, agentId: 'U0JOHN' });
  await db.dataSource.query(db.isSqlite ? 'ANALYZE' : 'VACUUM ANALYZE');
  await db.close();
};
void main();
