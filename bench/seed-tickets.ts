import { valuesList } from '../src/persistence/bulk-sql';
import { Database } from '../src/persistence/database';

/** Seeded ticket numbers stay clear of real ones (the app numbers from 1001). */
export const SEED_NUMBER_BASE = 10_000_000;

export interface SeedOptions {
  readonly count: number;
  /** The first `due` tickets are just past their due time; the others fall due later, an hour apart and more. */
  readonly due: number;
  /** Tickets are spread over departments 1..departments (their ids after a config sync). */
  readonly departments: number;
  readonly now: number;
  readonly numberBase?: number;
}

/** How many people the seeded tickets are spread over, as requesters: about 20 open tickets each. */
const SEEDED_REQUESTERS = 5000;

/** Inserts open tickets straight into the database, 500 to a statement, in one transaction. */
export const seedOpenTickets = async (db: Database, options: SeedOptions): Promise<void> => {
  const columns = [
    'number',
    'status',
    'priority',
    'requester_id',
    'department_id',
    'help_topic_id',
    'sla_plan_id',
    'sla_from_topic',
    'summary',
    'details',
    'sla_started_at',
    'due_at',
    'sla_stage',
    'sla_next_check_at',
    'created_at',
    'updated_at',
    'version',
    'escalation_level',
  ];
  const BATCH = 500;
  await db.transaction(async (manager) => {
    for (let start = 0; start < options.count; start += BATCH) {
      const rows: unknown[] = [];
      const end = Math.min(start + BATCH, options.count);
      for (let index = start; index < end; index += 1) {
        const isDue = index < options.due;
        const due = isDue ? options.now - 60_000 : options.now + 3600_000 + index * 1000;
        const nextCheck = isDue ? due : due - 900_000;
        rows.push(
          (options.numberBase ?? SEED_NUMBER_BASE) + index,
          index % 2 ? 'open' : 'in_progress',
          'high',
          `U0SEED${index % SEEDED_REQUESTERS}`,
          (index % options.departments) + 1,
          1,
          1,
          true,
          `Ticket ${index}`,
          '',
          due - 3600_000,
          due,
          isDue ? 1 : 0,
          nextCheck,
          due - 3600_000,
          due - 3600_000,
          1,
          0,
        );
      }
      const values = valuesList(
        manager,
        end - start,
        columns.map(() => null),
      );
      await manager.query(`INSERT INTO tickets (${columns.join(', ')}) VALUES ${values}`, rows);
    }
  });
};
