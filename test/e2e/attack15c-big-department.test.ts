import { EntityManager } from 'typeorm';
import { OutboxMessageEntity } from '../../src/persistence/entities/outbox-message.entity';
import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { MAX_STATEMENT_PARAMETERS, WriteBatch } from '../../src/persistence/write-batch';
import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { onPostgres } from '../support/test-database';
import { karenTicketSubmission } from '../support/ticket-submission';

/** Support staffed by `count` agents besides John and Jane: each filing queues a Home publish for every one of them. */
const staffedBy = (count: number): string => {
  const agents = Array.from({ length: count }, (_, index) => `U0A${String(index).padStart(6, '0')}`);
  return DEMO_CONFIG.replace('agents: [U0JOHN, U0JANE]', `agents: [U0JOHN, U0JANE, ${agents.join(', ')}]`);
};

/**
 * A filing's writes are one statement on PostgreSQL, one part per Home publish (they coalesce):
 * a department of many agents must neither collide with itself nor pass PostgreSQL's 65,535 bind
 * parameters (9,000 agents did: "bind message has 6557 parameter formats but 0 parameters").
 */
describe('attack15c: a filing of many writes', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness.stop();
  }, 60_000);

  it('files two tickets in a department of 1,000 agents, each person with one Home publish waiting', async () => {
    harness = await startHarness({ config: staffedBy(1000) });
    for (const [index, summary] of ['Entire mobile online banking is down', 'ATMs offline in the north branch'].entries()) {
      const answer = await harness.requests.interaction(karenTicketSubmission(harness.slack, `VBIG${index}`, summary));
      expect(answer.status).toBe(200);
      expect(answer.body).toContain('"response_action":"update"');
    }
    expect(await harness.helpdesk.db.manager.count(TicketEntity)).toBe(2);
    const waiting = await harness.helpdesk.db.manager.find(OutboxMessageEntity, { where: { kind: 'publish_home' } });
    const unclaimed = waiting.filter((message) => message.sentAt === null && message.lockedUntil === null).map((message) => JSON.stringify(message.payload));
    expect(new Set(unclaimed).size).toBe(unclaimed.length);
    // 1,000 agents, John, Jane, the manager and Karen: each published or waiting.
    expect(new Set(waiting.map((message) => JSON.stringify(message.payload))).size).toBe(1000 + 4);
  }, 60_000);

  it('runs a batch whose parameters pass 65,535 as several statements, all or nothing', async () => {
    harness = await startHarness();
    const scenes = new Scenes(harness);
    for (const summary of ['Entire mobile online banking is down', 'ATMs offline in the north branch', 'Mail on my iPhone stopped syncing'])
      await scenes.fileTicket(people.karen.id, 'Report a Problem', summary);
    const padding = Array.from({ length: 30_000 }, (_, index) => -1 - index);
    const retitle = (batch: WriteBatch, number: number, summary: string) =>
      batch.add(`UPDATE tickets SET summary = ? WHERE number = ? AND id NOT IN (${padding.map(() => '?').join(', ')})`, [summary, number, ...padding]);
    const batch = new WriteBatch(harness.helpdesk.db.manager);
    for (const number of [1001, 1002, 1003]) retitle(batch, number, `Renamed #${number}?`);
    expect(3 * (padding.length + 2)).toBeGreaterThan(MAX_STATEMENT_PARAMETERS);
    await batch.run();
    expect((await harness.helpdesk.db.manager.find(TicketEntity, { order: { number: 'ASC' } })).map((ticket) => ticket.summary)).toEqual(['Renamed #1001?', 'Renamed #1002?', 'Renamed #1003?']);

    // A failing last statement undoes the first ones: on PostgreSQL by itself (a filing runs its batch outside a transaction), on SQLite in the caller's transaction.
    const runFailing = async (manager: EntityManager) => {
      const failing = new WriteBatch(manager);
      retitle(failing, 1001, 'Must not stay');
      retitle(failing, 1002, 'Must not stay');
      failing.add('UPDATE tickets SET no_such_column = 1 WHERE number = ?', [1003]);
      await failing.run();
    };
    await expect(onPostgres() ? runFailing(harness.helpdesk.db.manager) : harness.helpdesk.db.transaction(runFailing)).rejects.toThrow();
    expect((await harness.helpdesk.db.manager.find(TicketEntity, { order: { number: 'ASC' } })).map((ticket) => ticket.summary)).toEqual(['Renamed #1001?', 'Renamed #1002?', 'Renamed #1003?']);
  });
});
