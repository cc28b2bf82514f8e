import fc from 'fast-check';
import { parseDatabaseUrl } from '../../src/config/env';
import { parseHelpdeskYaml } from '../../src/config/helpdesk-config';
import { createDataSource } from '../../src/persistence/data-source';
import { Database, openDatabase } from '../../src/persistence/database';
import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { TicketSearchRepository } from '../../src/persistence/repositories/ticket-search.repository';
import { SqlTicketStore } from '../../src/persistence/ticket-store';
import { syncHelpdeskConfig } from '../../src/config/config-sync';
import { DEMO_CONFIG } from '../support/demo-workspace';
import { storeTickets } from '../support/stored-tickets';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const WORDS = ['banking', 'printer', 'gateway', 'certificate', 'vpn'] as const;

/**
 * The search index holds each ticket's department (FTS5's `scope`, PostgreSQL's `#d<id>` lexeme),
 * written by the same triggers as its words: whatever tickets are filed and transferred, a search
 * finds exactly the tickets of the asker's departments that hold the word, never another's.
 */
describe('searching within departments', () => {
  let testDatabase: TestDatabase;
  let db: Database;
  let departments: number[];
  let nextNumber = 5000;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    db = await openDatabase(createDataSource(parseDatabaseUrl(testDatabase.url)));
    await db.migrate();
    const config = parseHelpdeskYaml(DEMO_CONFIG);
    if (!config.ok) throw new Error(config.error.join('\n'));
    await syncHelpdeskConfig(new SqlTicketStore(db), config.value);
    departments = (await db.manager.query<{ id: unknown }[]>('SELECT id FROM departments ORDER BY id')).map((row) => Number(row.id));
  });
  afterAll(async () => {
    await db.close();
    await testDatabase.drop();
  });

  it('finds the departments’ tickets that hold the word, after any transfers, and no other', async () => {
    expect(departments.length).toBeGreaterThanOrEqual(2);
    const filed = fc.record({ department: fc.nat(), words: fc.subarray([...WORDS], { minLength: 1 }) });
    await fc.assert(
      fc.asyncProperty(
        fc.array(filed, { minLength: 1, maxLength: 25 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 10 }),
        fc.constantFrom(...WORDS),
        fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }),
        async (tickets, transfers, word, asking) => {
          await db.manager.query('DELETE FROM tickets');
          const departmentOf = (index: number) => departments[index % departments.length]!;
          const stored = await storeTickets(
            db,
            tickets.map((ticket) => ({ number: (nextNumber += 1), departmentId: departmentOf(ticket.department), summary: `Trouble with ${ticket.words.join(' ')}`, details: '' })),
          );
          const finalDepartment = stored.map((ticket) => ticket.departmentId);
          for (const [which, to] of transfers) {
            const index = which % stored.length;
            finalDepartment[index] = departmentOf(to);
            await db.manager.update(TicketEntity, { id: stored[index]!.id }, { departmentId: departmentOf(to) });
          }
          const departmentIds = [...new Set(asking.map(departmentOf))];
          const expected = stored.filter((ticket, index) => departmentIds.includes(finalDepartment[index]!) && tickets[index]!.words.includes(word)).map((ticket) => ticket.id);
          const page = await new TicketSearchRepository(db.manager).searchTickets({ words: [word], number: null, requesterId: null, departmentIds, limit: 50 });
          expect(page.hits.map((hit) => hit.ticketId).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
          expect(page.hits.every((hit) => departmentIds.includes(hit.departmentId))).toBe(true);
          expect(page.total).toBe(expected.length);
        },
      ),
      { numRuns: 25 },
    );
  });
});
