import { OutboxRepository } from '../../src/persistence/repositories/outbox.repository';
import { RetentionService } from '../../src/services/retention.service';
import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';
import { SqlTicketStore } from '../../src/persistence/ticket-store';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('retention of delivered messages and handled request keys', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  const count = async (sql: string): Promise<number> => Number((await harness.helpdesk.db.manager.query<{ n: number | string }[]>(sql))[0]?.n);
  const sentMessages = () => count('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NOT NULL');
  const processedKeys = () => count('SELECT COUNT(*) AS n FROM processed_keys');
  const pruneAt = (at: number) => new RetentionService(new SqlTicketStore(harness.helpdesk.db), () => new Date(at), 7).prune();

  it('deletes them once they are older than RETENTION_DAYS, keeps what Slack never got, and the ticket carries on', async () => {
    const { db } = harness.helpdesk;
    await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    await scenes.click(people.john.id, await scenes.card(1001), 'Assign to me');
    await scenes.clickAndSubmit(people.john.id, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'We are on it.' });
    await harness.settleHomes();
    // Two messages Slack never got: one waiting for a retry, one given up on.
    await harness.helpdesk.dispatcher.stop();
    const outbox = new OutboxRepository(db.manager);
    await outbox.enqueue([{ ticketId: 1, kind: 'thread_line', payload: { kind: 'thread_line', ticketId: 1, eventId: 1 } }], new Date());
    await db.manager.query(`UPDATE outbox SET next_attempt_at = ${Date.now() + 30 * DAY_MS} WHERE sent_at IS NULL`);
    await outbox.enqueue([{ ticketId: null, kind: 'breach_summary', payload: {} }], new Date());
    await db.manager.query(`UPDATE outbox SET failed_at = ${Date.now()}, last_error = 'channel_not_found' WHERE kind = 'breach_summary'`);
    const sent = await sentMessages();
    expect(sent).toBeGreaterThanOrEqual(6);
    expect(await processedKeys()).toBe(1);

    expect(await pruneAt(Date.now() + 6 * DAY_MS)).toMatchObject({ outboxMessages: 0, processedKeys: 0 });
    expect(await sentMessages()).toBe(sent);

    expect(await pruneAt(Date.now() + 8 * DAY_MS)).toMatchObject({ outboxMessages: sent, processedKeys: 1 });
    expect(await sentMessages()).toBe(0);
    expect(await processedKeys()).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL')).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM outbox WHERE failed_at IS NOT NULL')).toBe(1);

    // The ticket is worked as before: the card is redrawn and the thread told.
    await db.manager.query('DELETE FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL');
    harness.helpdesk.dispatcher.start();
    await scenes.clickAndSubmit(people.john.id, await scenes.card(1001), 'Resolve', { Resolution: 'Restarted the mobile gateway.' });
    expect(visibleText(await scenes.card(1001))).toContain('Resolved');
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toContain('Restarted the mobile gateway.');
  });

  it('deletes a large backlog in batches', async () => {
    const { db } = harness.helpdesk;
    await harness.helpdesk.dispatcher.stop();
    const outbox = new OutboxRepository(db.manager);
    await outbox.enqueue(
      Array.from({ length: 4500 }, (_, index) => ({ ticketId: index + 1, kind: 'thread_line', payload: { kind: 'thread_line', ticketId: index + 1, eventId: 1 } })),
      new Date(),
    );
    await db.manager.query('UPDATE outbox SET sent_at = created_at');
    expect(await pruneAt(Date.now() + 8 * DAY_MS)).toMatchObject({ outboxMessages: 4500 });
    expect(await sentMessages()).toBe(0);
  });
});
