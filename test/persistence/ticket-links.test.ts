import { TicketLinks1765500000000 } from '../../migrations/1765500000000-ticket-links';
import { Database } from '../../src/persistence/database';
import { SqlDeliveryReads } from '../../src/persistence/delivery-reads';
import { TicketLinkRepository } from '../../src/persistence/repositories/ticket-link.repository';
import { openConfiguredStore } from '../support/configured-store';
import { DEMO_CONFIG } from '../support/demo-workspace';
import { storeTickets } from '../support/stored-tickets';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** `ticket_links` (migration 1765500000000) on a real database: each relation from both ends, read with the other ticket's number and card. */
describe('ticket links', () => {
  let testDatabase: TestDatabase;
  let db: Database;
  const at = new Date('2026-11-30T14:00:00Z');

  beforeEach(async () => {
    testDatabase = await createTestDatabase();
    // Tickets refer to a department, a help topic and a plan: the demo's.
    db = (await openConfiguredStore(testDatabase.url, DEMO_CONFIG)).db;
  });
  afterEach(async () => {
    await db.close();
    await testDatabase.drop();
  });

  it('migrates a database that holds tickets: none of them relates to any other', async () => {
    const runner = db.dataSource.createQueryRunner();
    try {
      await new TicketLinks1765500000000().down(runner);
      const [karen, michael] = await storeTickets(db, [{ number: 1001 }, { number: 1002, requesterId: 'U0MICHAEL' }]);
      await new TicketLinks1765500000000().up(runner);
      const reads = new SqlDeliveryReads(db);
      expect(await reads.relationsOf(karen!.id)).toEqual([]);
      expect(await reads.relationsOf(michael!.id)).toEqual([]);
    } finally {
      await runner.release();
    }
  });

  it('stores a merge and a link from both ends, each end reading the other ticket with its card', async () => {
    const [karen, michael, ken] = await storeTickets(db, [
      { number: 1001, cardChannelId: 'C0SUPPORT', cardTs: '1.000100' },
      { number: 1002, cardChannelId: 'C0SUPPORT', cardTs: '2.000200' },
      { number: 1003, cardChannelId: null, cardTs: null },
    ]);
    const links = new TicketLinkRepository(db.manager);
    await links.add({ ticketId: michael!.id, otherTicketId: karen!.id, kind: 'merged_into', createdBy: 'U0JOHN', createdAt: at });
    await links.add({ ticketId: karen!.id, otherTicketId: ken!.id, kind: 'related', createdBy: 'U0JANE', createdAt: at });
    expect(await links.exists(karen!.id, michael!.id)).toBe(true);
    expect(await links.exists(michael!.id, ken!.id)).toBe(false);
    expect(await links.relationsOf(karen!.id)).toEqual([
      { kind: 'merged_from', ticketId: michael!.id, number: 1002, cardChannelId: 'C0SUPPORT', cardTs: '2.000200' },
      { kind: 'related', ticketId: ken!.id, number: 1003, cardChannelId: null, cardTs: null },
    ]);
    expect(await links.relationsOf(michael!.id)).toEqual([{ kind: 'merged_into', ticketId: karen!.id, number: 1001, cardChannelId: 'C0SUPPORT', cardTs: '1.000100' }]);
    // A pair relates one way: merging linked tickets replaces the link, from both ends.
    await links.add({ ticketId: ken!.id, otherTicketId: karen!.id, kind: 'merged_into', createdBy: 'U0JOHN', createdAt: at });
    expect((await links.relationsOf(karen!.id)).map((relation) => `${relation.kind} #${relation.number}`)).toEqual(['merged_from #1002', 'merged_from #1003']);
    expect((await links.relationsOf(ken!.id)).map((relation) => `${relation.kind} #${relation.number}`)).toEqual(['merged_into #1001']);
  });
});
