import { Logger } from 'typeorm';
import { openTicket } from '../../src/domain/ticket-intake';
import { Database } from '../../src/persistence/database';
import { OutboxMessageEntity } from '../../src/persistence/entities/outbox-message.entity';
import { SqlOutboxStore } from '../../src/persistence/outbox-store';
import { TicketEventRepository } from '../../src/persistence/repositories/ticket-event.repository';
import { TicketRepository } from '../../src/persistence/repositories/ticket.repository';
import { fileTicket } from '../../src/persistence/ticket-filing';
import type { Filing } from '../../src/services/ports/ticket-store';
import { openConfiguredStore } from '../support/configured-store';
import { DEMO_CONFIG } from '../support/demo-workspace';
import { createTestDatabase, onPostgres, TestDatabase } from '../support/test-database';

/** Every statement the driver is handed, as TypeORM's documented `logger` option sees them: each is a round trip on PostgreSQL. */
class StatementLog implements Logger {
  readonly statements: string[] = [];
  logQuery(query: string): void {
    this.statements.push(query.replace(/\s+/g, ' ').trim());
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
  /** The statements of `work`, by their first words. */
  async during(work: () => Promise<unknown>): Promise<string[]> {
    this.statements.length = 0;
    await work();
    return this.statements.map((statement) => statement.split(' ').slice(0, 2).join(' '));
  }
}

const now = new Date('2026-11-30T11:00:00Z');

/** Karen's outage, as the intake files it: the card, her confirmation, and the Home publishes that coalesce. */
const karensFiling = (): Filing => {
  const { ticket, event } = openTicket(
    {
      requesterId: 'U0KAREN',
      departmentId: 1,
      helpTopicId: 1,
      slaPlanId: 1,
      slaFromTopic: true,
      priority: 'emergency',
      summary: 'Entire mobile online banking is down',
      details: 'SEV-A: customers cannot log in',
      fieldAnswers: [],
      sla: { graceSeconds: 3600, schedule: null, warnBeforeSeconds: null, escalateAfterBreachSeconds: [] },
    },
    now,
  );
  return {
    ticket,
    origin: { sourceChannelId: null, sourceMessageTs: null, intakeKey: 'VKAREN' },
    event,
    messages: (ticketId) => [
      { ticketId: null, kind: 'publish_home', payload: { kind: 'publish_home', ticketId: null, userId: 'U0KAREN' } },
      { ticketId, kind: 'post_ticket_card', payload: { kind: 'post_ticket_card', ticketId } },
      { ticketId, kind: 'dm_requester_confirmation', payload: { kind: 'dm_requester_confirmation', ticketId } },
      { ticketId: null, kind: 'publish_home', payload: { kind: 'publish_home', ticketId: null, userId: 'U0JOHN' } },
    ],
  };
};

/** What the round trips of filing and delivering are (PostgreSQL), and that what they store is whole. */
describe('round trips of the writes the ack and the dispatcher wait for', () => {
  let testDatabase: TestDatabase;
  let db: Database;
  const log = new StatementLog();

  beforeEach(async () => {
    testDatabase = await createTestDatabase();
    // Tickets refer to a department, a help topic and a plan: the demo's.
    db = (await openConfiguredStore(testDatabase.url, DEMO_CONFIG)).db;
    db.dataSource.setOptions({ logger: log });
  });
  afterEach(async () => {
    await db.close();
    await testDatabase.drop();
  });

  const outboxRows = async () => (await db.manager.find(OutboxMessageEntity, { order: { id: 'ASC' } })).map((row) => `${row.kind} ${row.ticketId ?? '-'}`);

  it('files a ticket, its first event and its messages in two statements on PostgreSQL', async () => {
    let filed = { id: 0, number: 0 };
    const statements = await log.during(async () => (filed = await fileTicket(db, karensFiling(), now)));

    expect(statements).toEqual(
      onPostgres()
        ? ["SELECT nextval(pg_get_serial_sequence('tickets',", 'WITH part_0']
        : ['BEGIN TRANSACTION', 'UPDATE sequences', 'INSERT INTO', 'INSERT INTO', 'INSERT INTO', 'INSERT INTO', 'INSERT INTO', 'COMMIT'],
    );
    const stored = await new TicketRepository(db.manager).findById(filed.id);
    expect(stored).toMatchObject({ number: filed.number, summary: 'Entire mobile online banking is down', intakeKey: 'VKAREN' });
    expect((await new TicketEventRepository(db.manager).history(filed.id)).map((event) => event.type)).toEqual(['created']);
    // The card and the confirmation in their order (one lane); the Home publishes once each.
    const rows = await outboxRows();
    expect(rows.filter((row) => !row.startsWith('publish_home'))).toEqual([`post_ticket_card ${filed.id}`, `dm_requester_confirmation ${filed.id}`]);
    expect(rows.filter((row) => row.startsWith('publish_home'))).toHaveLength(2);
  });

  it('refuses a stale click and queues the card redraw in one statement on PostgreSQL, once while one waits', async () => {
    const filed = await fileTicket(db, karensFiling(), now);
    const event = { type: 'refused', actorId: 'U0JOHN', at: now, before: {}, after: {}, text: 'Take: the card was out of date' } as const;
    const events = new TicketEventRepository(db.manager);

    const statements = await log.during(async () => {
      await events.recordStaleClick(filed.id, event, now);
      await events.recordStaleClick(filed.id, event, now);
    });

    expect(statements).toEqual(onPostgres() ? ['WITH part_0', 'WITH part_0'] : ['INSERT INTO', 'INSERT INTO', 'INSERT INTO', 'INSERT INTO']);
    expect((await events.history(filed.id)).map((row) => row.type)).toEqual(['created', 'refused', 'refused']);
    expect((await outboxRows()).filter((row) => row === `update_ticket_card ${filed.id}`)).toHaveLength(1);
  });

  it('settles sent messages and the facts they learned in one statement on PostgreSQL, a second fact of the same row after it', async () => {
    const filed = await fileTicket(db, karensFiling(), now);
    const store = new SqlOutboxStore(db);
    const claimed = await store.claim(await store.readyIds(now, 10), now, new Date(now.getTime() + 15_000));
    const card = claimed.find((message) => message.kind === 'post_ticket_card')!;
    const homes = claimed.filter((message) => message.kind === 'publish_home');

    const statements = await log.during(() =>
      store.settle(
        [
          { outcome: 'sent', id: card.id, at: now, learned: { fact: 'card_posted', ticketId: filed.id, channelId: 'C0SUPPORT', ts: '1764500000.000100' } },
          ...homes.map((home) => ({ outcome: 'sent' as const, id: home.id, at: now })),
          { outcome: 'sent', id: card.id, at: now, learned: { fact: 'prompt_posted', ticketId: filed.id, ts: '1764500000.000200' } },
          { outcome: 'sent', id: card.id, at: now, learned: { fact: 'watcher_thread_started', ticketId: filed.id, userId: 'U0KEN', channelId: 'D0KEN', ts: '1764500000.000300' } },
        ],
        now,
      ),
    );

    expect(statements).toEqual(
      onPostgres()
        ? ['START TRANSACTION', 'WITH part_0', 'UPDATE "tickets"', 'COMMIT']
        : ['BEGIN TRANSACTION', 'UPDATE "tickets"', 'UPDATE ticket_watchers', 'UPDATE "outbox"', 'UPDATE "tickets"', 'COMMIT'],
    );
    expect(await new TicketRepository(db.manager).findById(filed.id)).toMatchObject({ cardChannelId: 'C0SUPPORT', cardTs: '1764500000.000100', requesterPromptTs: '1764500000.000200' });
    const sent = (await db.manager.find(OutboxMessageEntity, { order: { id: 'ASC' } })).filter((row) => row.sentAt !== null).map((row) => row.kind);
    expect(sent).toEqual(expect.arrayContaining(['post_ticket_card', 'publish_home', 'publish_home']));
    expect(sent).toHaveLength(3);
  });
});
