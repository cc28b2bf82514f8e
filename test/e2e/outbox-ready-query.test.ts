import { NewOutboxMessage, OutboxRepository } from '../../src/persistence/repositories/outbox.repository';
import { WriteBatch } from '../../src/persistence/write-batch';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { onPostgres } from '../support/test-database';
import { karenTicketSubmission } from '../support/ticket-submission';

const SENT = 5000;

/** What the database plans for the dispatcher's poll, as text. */
const planOf = (harness: Harness): Promise<string> => new OutboxRepository(harness.helpdesk.db.manager).readyIdsPlan(new Date(), 50);

describe('the outbox', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
    await harness.helpdesk.dispatcher.stop();
  });
  afterEach(async () => {
    await harness.stop();
  });

  it("dispatcher's poll reads only pending messages, however many sent ones the table keeps", async () => {
    const manager = harness.helpdesk.db.manager;
    const outbox = new OutboxRepository(manager);
    // A long history of delivered messages, then three still waiting (two for one ticket).
    await outbox.enqueue(
      Array.from({ length: SENT }, (_, index) => ({ ticketId: index + 1, kind: 'thread_line', payload: { kind: 'thread_line', ticketId: index + 1, eventId: 1 } })),
      new Date(),
    );
    await manager.query('UPDATE outbox SET sent_at = created_at');
    await outbox.enqueue(
      [
        { ticketId: 7, kind: 'thread_line', payload: { kind: 'thread_line', ticketId: 7, eventId: 2 } },
        { ticketId: 7, kind: 'thread_line', payload: { kind: 'thread_line', ticketId: 7, eventId: 3 } },
        { ticketId: 8, kind: 'thread_line', payload: { kind: 'thread_line', ticketId: 8, eventId: 4 } },
      ],
      new Date(),
    );
    await manager.query(onPostgres() ? 'ANALYZE outbox' : 'ANALYZE');

    const ready = await outbox.readyIds(new Date(Date.now() + 1000), 50);
    expect(ready).toEqual([SENT + 1, SENT + 3]);
    const plan = await planOf(harness);
    expect(plan).toMatch(/idx_outbox_ready/);
    // Not a walk of the whole table in id order (the primary key) filtering out sent rows.
    expect(plan).not.toMatch(onPostgres() ? /Index Scan using "PK_\w+" on outbox message|Seq Scan on outbox message/ : /SCAN message(?! USING)/);
  });

  const redraw = (ticketId: number) => ({ ticketId, kind: 'update_ticket_card', payload: { kind: 'update_ticket_card', ticketId } });
  /** Queues `messages` as the writes of one change do: in a WriteBatch run together (one statement on PostgreSQL). */
  const enqueueTogether = async (messages: readonly NewOutboxMessage[]): Promise<void> => {
    const batch = new WriteBatch(harness.helpdesk.db.manager);
    await new OutboxRepository(harness.helpdesk.db.manager).enqueue(messages, new Date(), batch);
    await batch.run();
  };
  const waiting = async (ticketId: number): Promise<number> =>
    Number(
      (await harness.helpdesk.db.manager.query<{ n: number | string }[]>(`SELECT COUNT(*) AS n FROM outbox WHERE kind = 'update_ticket_card' AND sent_at IS NULL AND ticket_id = ${ticketId}`))[0]?.n,
    );

  it('queues a card redraw once while one waits, whichever way they are queued, and again once that one is being sent', async () => {
    const manager = harness.helpdesk.db.manager;
    await new OutboxRepository(manager).enqueue([redraw(7), redraw(7)], new Date());
    await enqueueTogether([redraw(7)]);
    await new OutboxRepository(manager).enqueue([redraw(7)], new Date());
    expect(await waiting(7)).toBe(1);

    await enqueueTogether([redraw(8)]);
    expect(await waiting(8)).toBe(1);
    const [queued] = await new OutboxRepository(manager).claim(await new OutboxRepository(manager).readyIds(new Date(Date.now() + 1000), 50), new Date(), new Date(Date.now() + 15_000));
    expect(JSON.parse(queued?.payload ?? '{}')).toEqual({ kind: 'update_ticket_card', ticketId: 7 });

    // Being sent, it may render a state older than the latest change: a new one is queued.
    await enqueueTogether([redraw(7)]);
    expect(await waiting(7)).toBe(2);
  });

  it("checks a ticket's pending messages without reading the ones it has already had sent", async () => {
    const manager = harness.helpdesk.db.manager;
    const outbox = new OutboxRepository(manager);
    // A ticket clicked two thousand times: as many redraws, all sent (queued as lines, which do not
    // coalesce, then made redraws).
    await outbox.enqueue(
      Array.from({ length: 2000 }, (_, index) => ({ ticketId: 7, kind: 'thread_line', payload: { kind: 'thread_line', ticketId: 7, eventId: index + 1 } })),
      new Date(),
    );
    await manager.query(`UPDATE outbox SET kind = 'update_ticket_card', payload = '${JSON.stringify(redraw(7).payload)}', sent_at = created_at`);
    await outbox.enqueue([redraw(7), { ticketId: 7, kind: 'thread_line', payload: { kind: 'thread_line', ticketId: 7, eventId: 2001 } }], new Date());
    await manager.query(onPostgres() ? 'ANALYZE outbox' : 'ANALYZE');

    // Either partial index holds only pending messages; the planner picks by how many are pending.
    const check = new WriteBatch(manager);
    await outbox.enqueue([redraw(7)], new Date(), check);
    const redrawCheck = await check.plan();
    expect(redrawCheck).toMatch(/idx_outbox_pending_by_ticket|idx_outbox_ready/);
    expect(redrawCheck).not.toMatch(/idx_outbox_ticket|Seq Scan|SCAN outbox(?! USING)|PK_/);
    expect(await planOf(harness)).toMatch(/idx_outbox_pending_by_ticket/);
    expect(await outbox.readyIds(new Date(Date.now() + 1000), 50)).toEqual([2001]);
    expect(await waiting(7)).toBe(1);
  });

  it('queues one Home publish per person while one waits, however many tickets are filed at once', async () => {
    const filed = await Promise.all(Array.from({ length: 12 }, (_, index) => harness.requests.interaction(karenTicketSubmission(harness.slack, `VHOME${index}`, `Printer ${index} is jammed`))));
    expect(filed.map((response) => response.status)).toEqual(Array.from({ length: 12 }, () => 200));
    const homes = await harness.helpdesk.db.manager.query<{ payload: string; n: number | string }[]>(
      "SELECT payload, COUNT(*) AS n FROM outbox WHERE kind = 'publish_home' AND sent_at IS NULL GROUP BY payload ORDER BY payload",
    );
    // Karen, and the agents and the manager of Support, where Report a Problem tickets go: on
    // SQLite, one writer at a time, exactly one each; on PostgreSQL two statements running at the
    // same moment may each find none waiting and each queue one, but never one per ticket.
    expect(homes.map((row) => (JSON.parse(row.payload) as { userId: string }).userId)).toEqual(['U0JANE', 'U0JOHN', 'U0KAREN', 'U0MGR']);
    for (const row of homes) expect(Number(row.n)).toBeLessThanOrEqual(onPostgres() ? 6 : 1);
  });

  it('queues a Home publish of no ticket once per payload, and a message that does not coalesce every time, alone or in a batch', async () => {
    const manager = harness.helpdesk.db.manager;
    const home = (userId: string) => ({ ticketId: null, kind: 'publish_home', payload: { kind: 'publish_home', ticketId: null, userId } });
    await enqueueTogether([home('U0JOHN'), home('U0JANE')]);
    await new OutboxRepository(manager).enqueue([home('U0JOHN'), home('U0JANE'), home('U0JANE'), home('U0KEN')], new Date());
    const line = { ticketId: 7, kind: 'thread_line', payload: { kind: 'thread_line', ticketId: 7, eventId: 2 } };
    await new OutboxRepository(manager).enqueue([line, line], new Date());
    await enqueueTogether([line, home('U0KEN')]);
    const rows = await manager.query<{ kind: string; n: number | string }[]>('SELECT kind, COUNT(*) AS n FROM outbox WHERE sent_at IS NULL GROUP BY kind ORDER BY kind');
    expect(rows.map((row) => [row.kind, Number(row.n)])).toEqual([
      ['publish_home', 3],
      ['thread_line', 3],
    ]);
  });
});
