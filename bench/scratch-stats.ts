import { performance } from 'node:perf_hooks';
import { parseDatabaseUrl } from '../src/config/env';
import { createDataSource } from '../src/persistence/data-source';
import { openDatabase } from '../src/persistence/database';
import { SqlManagerStatistics } from '../src/persistence/manager-statistics';
const main = async () => {
  const db = await openDatabase(createDataSource(parseDatabaseUrl(process.argv[2] as string)));
  const stats = new SqlManagerStatistics(db);
  const now = Number(process.argv[3]);
  const q = { departmentIds: [1, 2, 3], now: new Date(now), recentSince: new Date(now - 7 * 86400000), measuredSince: new Date(now - 30 * 86400000), oldestLimit: 5 };
  const times: number[] = [];
  let last;
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    last = await stats.departmentFigures(q);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(times[15], times[29], JSON.stringify(last?.[0]).slice(0, 600));
  await db.close();
};
void main();
