import type { DepartmentFigures, DepartmentFiguresQuery, ManagerStatistics, PeriodCounts, PeriodQuery, ReportTicket } from '../services/ports/manager-statistics';
import { ManagerPeriodRepository } from './repositories/manager-period.repository';
import { Database } from './database';
import { ManagerStatisticsRepository } from './repositories/manager-statistics.repository';

/** The services' ManagerStatistics on the app's database. */
export class SqlManagerStatistics implements ManagerStatistics {
  constructor(private readonly db: Database) {}

  departmentFigures(query: DepartmentFiguresQuery): Promise<DepartmentFigures[]> {
    return new ManagerStatisticsRepository(this.db.manager).departmentFigures(query);
  }

  periodCounts(query: PeriodQuery): Promise<PeriodCounts[]> {
    return new ManagerPeriodRepository(this.db.manager).periodCounts(query);
  }

  periodTickets(query: PeriodQuery, limit: number): Promise<{ tickets: ReportTicket[]; more: boolean }> {
    return new ManagerPeriodRepository(this.db.manager).periodTickets(query, limit);
  }
}
