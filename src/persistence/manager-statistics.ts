import type { DepartmentFigures, DepartmentFiguresQuery, ManagerStatistics } from '../services/ports/manager-statistics';
import { Database } from './database';
import { ManagerStatisticsRepository } from './repositories/manager-statistics.repository';

/** The services' ManagerStatistics on the app's database. */
export class SqlManagerStatistics implements ManagerStatistics {
  constructor(private readonly db: Database) {}

  departmentFigures(query: DepartmentFiguresQuery): Promise<DepartmentFigures[]> {
    return new ManagerStatisticsRepository(this.db.manager).departmentFigures(query);
  }
}
