import { parseDatabaseUrl } from '../../src/config/env';
import { createDataSource } from '../../src/persistence/data-source';
import { Database, openDatabase } from '../../src/persistence/database';
import { OutboxMessageEntity } from '../../src/persistence/entities/outbox-message.entity';
import { OutboxRepository } from '../../src/persistence/repositories/outbox.repository';
import { SqlOutboxStore } from '../../src/persistence/outbox-store';
import { COALESCABLE_KINDS } from '../../src/services/outbox-lanes';
import { OutboxMessage, toOutboxRow } from '../../src/services/outbox-messages';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const redraw = (ticketId: number): OutboxMessage => ({ kind: 'update_ticket_card', ticketId });
const line = (ticketId: number, eventId: number): OutboxMessage => ({ kind: 'thread_line', ticketId, eventId });

/** Coalescable messages (COALESCABLE_KINDS) on a real database: what waits unclaimed absorbs what is queued after it. */
describe('coalescing card redraws under pressure', () => {
  let testDatabase: TestDatabase;
  let db: Database;
  const now = new Date('2026-11-30T11:00:00Z');
  const queue = (...messages: OutboxMessage[]) => new OutboxRepository(db.manager).enqueue(messages.map(toOutboxRow), now);
  const pending = async () => (await db.manager.find(OutboxMessageEntity, { order: { id: 'ASC' } })).filter((row) => row.sentAt === null).map((row) => `${row.kind}#${row.ticketId}`);

  beforeEach(async () => {
    testDatabase = await createTestDatabase();
    db = await openDatabase(createDataSource(parseDatabaseUrl(testDatabase.url)));
    await db.migrate();
  });
  afterEach(async () => {
    await db.close();
    await testDatabase.drop();
  });

  it('makes several pending redraws of one card one, in one queueing and across many', async () => {
    expect(COALESCABLE_KINDS).toContain('update_ticket_card');
    await queue(redraw(7), redraw(7), line(7, 1));
    await queue(redraw(7));
    await queue(redraw(8), redraw(7));
    expect(await pending()).toEqual(['update_ticket_card#7', 'thread_line#7', 'update_ticket_card#8']);
  });

  it('lets a redraw deferred to its slot under the rate limits absorb the redraws queued while it waits', async () => {
    await queue(redraw(7));
    const store = new SqlOutboxStore(db);
    const [claimed] = await store.claim(await store.readyIds(now, 10), now, new Date(now.getTime() + 15_000));
    // Deferred by pacing: back in the outbox, unclaimed, ready at its slot.
    await store.settle([{ outcome: 'retry', id: claimed!.id, nextAttemptAt: new Date(now.getTime() + 40_000), error: 'paced until later', attempts: 0, notice: null }], now);
    await queue(redraw(7), redraw(7));
    expect(await pending()).toEqual(['update_ticket_card#7']);
  });

  it('queues a new redraw while one is being sent: the one under way may show an older state', async () => {
    await queue(redraw(7));
    const store = new SqlOutboxStore(db);
    await store.claim(await store.readyIds(now, 10), now, new Date(now.getTime() + 15_000));
    await queue(redraw(7), redraw(7));
    expect(await pending()).toEqual(['update_ticket_card#7', 'update_ticket_card#7']);
  });
});
