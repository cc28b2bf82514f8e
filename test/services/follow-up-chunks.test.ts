import fc from 'fast-check';
import { chunksByDepartment } from '../../src/services/follow-up-sweep.service';
import { DepartmentRow } from '../../src/services/ports/records';
import { aTicketRow } from '../support/ticket-row';

const department = (id: number): DepartmentRow => ({
  id,
  name: `Department ${id}`,
  channelId: `C0D${id}`,
  agentIds: [],
  managerIds: [],
  slaPlanId: null,
  escalationChannelId: null,
  notify: {},
  satisfaction: true,
  digestCron: null,
  active: true,
});

/** Departments 1 to 3 are configured; tickets of department 4 belong to one no longer in helpdesk.yml. */
const DEPARTMENTS = new Map([1, 2, 3].map((id) => [id, department(id)]));

describe('chunksByDepartment: how a follow-up sweep splits its due tickets into transactions', () => {
  it('gives each due ticket of a configured department to exactly one chunk of its own department, at most `size` a chunk, in department then id order', () => {
    const due = fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 10_000 }), departmentId: fc.integer({ min: 1, max: 4 }) }), { selector: (ticket) => ticket.id, maxLength: 200 });
    fc.assert(
      fc.property(due, fc.integer({ min: 1, max: 60 }), (tickets, size) => {
        const chunks = chunksByDepartment(
          tickets.map((ticket) => aTicketRow(ticket)),
          DEPARTMENTS,
          size,
        );
        for (const chunk of chunks) {
          expect(chunk.tickets.length).toBeGreaterThan(0);
          expect(chunk.tickets.length).toBeLessThanOrEqual(size);
          expect(chunk.tickets.every((ticket) => ticket.departmentId === chunk.department.id)).toBe(true);
        }
        const order = chunks.flatMap((chunk) => chunk.tickets.map((ticket) => [ticket.departmentId, ticket.id] as const));
        const expected = tickets
          .filter((ticket) => DEPARTMENTS.has(ticket.departmentId))
          .map((ticket) => [ticket.departmentId, ticket.id] as const)
          .sort(([a, x], [b, y]) => a - b || x - y);
        expect(order).toEqual(expected);
        // Only the last chunk of a department is short: a burst is split into as few summaries as the size allows.
        const perDepartment = new Map<number, number>();
        for (const chunk of chunks) perDepartment.set(chunk.department.id, (perDepartment.get(chunk.department.id) ?? 0) + 1);
        for (const [id, count] of perDepartment) expect(count).toBe(Math.ceil(expected.filter(([departmentId]) => departmentId === id).length / size));
      }),
    );
  });
});
