import { OutboxMessageEntity } from '../../src/persistence/entities/outbox-message.entity';
import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { karenTicketSubmission } from '../support/ticket-submission';

/** Support staffed by `count` agents besides John and Jane: each filing queues a Home publish for every one of them. */
const staffedBy = (count: number): string => {
  const agents = Array.from({ length: count }, (_, index) => `U0A${String(index).padStart(6, '0')}`);
  return DEMO_CONFIG.replace('agents: [U0JOHN, U0JANE]', `agents: [U0JOHN, U0JANE, ${agents.join(', ')}]`);
};

/**
 * A filing's writes are one statement on PostgreSQL, one part per Home publish (they coalesce):
 * a department of thousands of agents must not make that statement exceed PostgreSQL's 65,535
 * bind parameters, nor collide with itself.
 */
describe('attack15c: filing in a department of thousands of agents', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness.stop();
  }, 120_000);

  it('files the ticket and queues one Home publish per person, twice in a row (the second coalesces into the first)', async () => {
    harness = await startHarness({ config: staffedBy(9000) });
    for (const [index, summary] of ['Entire mobile online banking is down', 'ATMs offline in the north branch'].entries()) {
      const answer = await harness.requests.interaction(karenTicketSubmission(harness.slack, `VBIG${index}`, summary));
      expect(answer.status).toBe(200);
      if (!answer.body.includes('update')) console.log(harness.logs.filter((line) => line.includes('"level":50') || line.includes('error')).slice(-3).map((line) => line.slice(0, 600)));
      expect(answer.body).toContain('"response_action":"update"');
    }
    expect(await harness.helpdesk.db.manager.count(TicketEntity)).toBe(2);
    const publishes = await harness.helpdesk.db.manager.countBy(OutboxMessageEntity, { kind: 'publish_home' });
    // 9,000 agents, John, Jane, the manager and Karen, each once: the second filing's publishes coalesce.
    console.log(publishes);
    expect(publishes).toBe(9000 + 4);
    expect(people.karen.id).toBe('U0KAREN');
  }, 60_000);
});
