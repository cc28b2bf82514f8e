import { TicketEvent, TicketEventType } from '../../src/domain/ticket-event';
import { Database } from '../../src/persistence/database';
import { SqlTicketQueries } from '../../src/persistence/ticket-queries';
import { Catalog } from '../../src/services/catalog';
import { hasMore } from '../../src/services/ports/ticket-queries';
import { TicketLookupService } from '../../src/services/ticket-lookup.service';
import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { storeEvents, storeTickets } from '../support/stored-tickets';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { openConfiguredStore } from '../support/configured-store';

const HOUR = 3600_000;
const NOW = new Date('2026-11-23T15:00:00Z');
const hoursFromNow = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
const event = (type: TicketEventType, actorId: string, text: string | null, hoursAgo: number): TicketEvent => ({ type, actorId, at: hoursFromNow(-hoursAgo), before: {}, after: {}, text });

describe('TicketLookupService: who finds which tickets (SQL on this run’s database, manual business clock)', () => {
  let testDatabase: TestDatabase;
  let db: Database;
  let lookup: TicketLookupService;
  let now: Date;
  let support: number;
  let sysAdmins: number;

  beforeEach(async () => {
    testDatabase = await createTestDatabase();
    const { db: opened, store } = await openConfiguredStore(testDatabase.url, DEMO_CONFIG);
    db = opened;
    const catalog = new Catalog(store.direct.catalog, () => NOW);
    await catalog.refresh();
    const departments = await catalog.listActiveDepartments();
    support = departments.find((department) => department.name === 'Support')!.id;
    sysAdmins = departments.find((department) => department.name === 'Sys Admins')!.id;
    now = NOW;
    lookup = new TicketLookupService(new SqlTicketQueries(db), catalog, () => now);
  });
  afterEach(async () => {
    await db.close();
    await testDatabase.drop();
  });

  const karensOutage = async () => {
    const [ticket] = await storeTickets(db, [
      { number: 1042, requesterId: people.karen.id, departmentId: support, assigneeId: people.john.id, status: 'in_progress', priority: 'emergency', dueAt: hoursFromNow(1) },
    ]);
    await storeEvents(db, ticket!.id, [
      event('created', people.karen.id, null, 5),
      event('assigned', people.john.id, null, 4),
      event('noted', people.john.id, 'Looks like the load balancer again', 3),
      event('replied', people.john.id, 'We are on it', 2),
      event('requester_messaged', people.karen.id, 'Still down for our customers', 1),
      event('sla_warning', 'helpdesk', null, 0.5),
    ]);
    return ticket!;
  };

  it('shows the requester their own ticket with the public history only: what they were told and wrote, never the internal note', async () => {
    await karensOutage();
    const found = await lookup.findTicket(people.karen.id, 1042);
    if (found.kind !== 'found') throw new Error('Karen should find her ticket');
    expect(found.view.audience).toBe('requester');
    expect(found.view.history.map((entry) => entry.type)).toEqual(['created', 'assigned', 'replied', 'requester_messaged']);
    expect(found.view.history.map((entry) => entry.text)).not.toContain('Looks like the load balancer again');
    expect(found.view.sla).toEqual({ kind: 'due', dueAt: hoursFromNow(1), leftMs: HOUR });
  });

  it("shows the department's agents and managers everything, internal notes included", async () => {
    await karensOutage();
    for (const staff of [people.john.id, people.jane.id, people.supportManager.id]) {
      const found = await lookup.findTicket(staff, 1042);
      if (found.kind !== 'found') throw new Error(`${staff} should find the ticket`);
      expect(found.view.audience).toBe('staff');
      expect(found.view.history.map((entry) => entry.text)).toContain('Looks like the load balancer again');
      expect(found.view.history).toHaveLength(6);
    }
  });

  it('answers anyone else exactly as for a number that does not exist', async () => {
    await karensOutage();
    const missing = await lookup.findTicket(people.michael.id, 99999);
    expect(missing).toEqual({ kind: 'not_found' });
    // Michael, another requester; Jerry, an agent of another department; Bea, its manager.
    for (const stranger of [people.michael.id, people.jerry.id, people.boss.id]) expect(await lookup.findTicket(stranger, 1042)).toEqual(missing);
    for (const impossible of [0, -1, 1.5, Number.NaN, 2 ** 31, Number.MAX_SAFE_INTEGER + 2]) expect(await lookup.findTicket(people.karen.id, impossible)).toEqual(missing);
  });

  it("lists a requester's open tickets and the recently resolved or closed ones, most recently updated first", async () => {
    await storeTickets(db, [
      { number: 1, requesterId: people.michael.id, departmentId: support, summary: 'Mail on my iPhone', updatedAt: hoursFromNow(-3) },
      { number: 2, requesterId: people.michael.id, departmentId: sysAdmins, status: 'waiting', updatedAt: hoursFromNow(-1) },
      { number: 3, requesterId: people.michael.id, departmentId: support, status: 'resolved', updatedAt: hoursFromNow(-24) },
      { number: 4, requesterId: people.michael.id, departmentId: support, status: 'closed', updatedAt: hoursFromNow(-15 * 24) },
      { number: 5, requesterId: people.karen.id, departmentId: support },
    ]);
    const mine = await lookup.requesterTickets(people.michael.id);
    expect(mine.open.rows.map((row) => row.ticket.number)).toEqual([2, 1]);
    expect(mine.open.rows.map((row) => row.department?.name)).toEqual(['Sys Admins', 'Support']);
    expect(mine.open.rows[0]!.sla).toEqual({ kind: 'paused', dueAt: expect.any(Date) });
    // Closed 15 days ago is no longer recent.
    expect(mine.recent.rows.map((row) => row.ticket.number)).toEqual([3]);
    expect(mine.recent.total).toBe(1);
  });

  it("orders an agent's queue most urgent first: overdue, then due soonest, then priority; waiting tickets last", async () => {
    await storeTickets(db, [
      { number: 10, departmentId: support, dueAt: hoursFromNow(5), priority: 'low' },
      { number: 11, departmentId: support, dueAt: hoursFromNow(-2), priority: 'normal' },
      { number: 12, departmentId: support, dueAt: hoursFromNow(5), priority: 'emergency' },
      { number: 13, departmentId: support, dueAt: null, slaPlanId: null, priority: 'high' },
      { number: 14, departmentId: support, dueAt: hoursFromNow(1), priority: 'normal', status: 'waiting', slaPausedAt: hoursFromNow(-1) },
      { number: 15, departmentId: support, dueAt: hoursFromNow(2), priority: 'normal', assigneeId: people.john.id, status: 'in_progress' },
      { number: 16, departmentId: support, dueAt: hoursFromNow(-9), status: 'resolved' },
      { number: 17, departmentId: sysAdmins, dueAt: hoursFromNow(-5) },
      // Still assigned to John in a department he is not staff of (helpdesk.yml changed): not his to see, so not in his queue.
      { number: 18, departmentId: sysAdmins, dueAt: hoursFromNow(-5), assigneeId: people.john.id, status: 'in_progress' },
    ]);
    const all = await lookup.queue(people.john.id, { scope: 'all' });
    if (all.kind !== 'queue') throw new Error('John is an agent');
    expect(all.page.rows.map((row) => row.ticket.number)).toEqual([11, 15, 12, 10, 13, 14]);
    expect(all.page.rows.map((row) => row.sla.kind)).toEqual(['overdue', 'due', 'due', 'due', 'none', 'paused']);
    const unassigned = await lookup.queue(people.john.id, { scope: 'unassigned' });
    expect(unassigned.kind === 'queue' && unassigned.page.rows.map((row) => row.ticket.number)).toEqual([11, 12, 10, 13, 14]);
    const mine = await lookup.queue(people.john.id, { scope: 'mine' });
    expect(mine.kind === 'queue' && mine.page.rows.map((row) => row.ticket.number)).toEqual([15]);
    const filtered = await lookup.queue(people.john.id, { scope: 'all', priorities: ['normal'], statuses: ['open'] });
    expect(filtered.kind === 'queue' && filtered.page.rows.map((row) => row.ticket.number)).toEqual([11]);
    // Another department's queue is not John's to read.
    const theirs = await lookup.queue(people.john.id, { scope: 'all', departmentId: sysAdmins });
    expect(theirs.kind === 'queue' && theirs.page.total).toBe(0);
    // The business clock moves: ticket 15 falls overdue.
    now = hoursFromNow(3);
    const later = await lookup.queue(people.john.id, { scope: 'mine' });
    expect(later.kind === 'queue' && later.page.rows[0]!.sla).toEqual({ kind: 'overdue', dueAt: hoursFromNow(2), overdueMs: HOUR });
    expect(await lookup.statusCounts(people.john.id)).toEqual({ open: 4, in_progress: 1, waiting: 1 });
    expect(await lookup.statusCounts(people.jerry.id, sysAdmins)).toEqual({ open: 1, in_progress: 1, waiting: 0 });
  });

  it('pages a queue without cutting silently: every page knows the total', async () => {
    await storeTickets(
      db,
      Array.from({ length: 30 }, (_, index) => ({ number: 100 + index, departmentId: support, dueAt: hoursFromNow(index) })),
    );
    const first = await lookup.queue(people.jane.id, { scope: 'all' }, { limit: 25, offset: 0 });
    const second = await lookup.queue(people.jane.id, { scope: 'all' }, { limit: 25, offset: 25 });
    if (first.kind !== 'queue' || second.kind !== 'queue') throw new Error('Jane is an agent');
    expect([first.page.total, first.page.rows.length, hasMore(first.page)]).toEqual([30, 25, true]);
    expect([second.page.total, second.page.rows.length, hasMore(second.page)]).toEqual([30, 5, false]);
    expect([...first.page.rows, ...second.page.rows].map((row) => row.ticket.number)).toEqual(Array.from({ length: 30 }, (_, index) => 100 + index));
  });

  it('tells a person who is neither agent nor manager that they have no queue', async () => {
    expect(await lookup.queue(people.karen.id, { scope: 'all' })).toEqual({ kind: 'not_staff' });
    expect(await lookup.statusCounts(people.karen.id)).toBeNull();
    expect((await lookup.rolesOf(people.supportManager.id)).managerOf.map((department) => department.name)).toEqual(['Support']);
  });
});
