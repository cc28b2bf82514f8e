import { EntityManager } from 'typeorm';
import { PRIORITIES } from '../../domain/ticket';
import type { ActiveStatus, Page, PageOf, QueueFilter } from '../../services/ports/ticket-queries';
import { ACTIVE_STATUSES } from '../../services/ports/ticket-queries';
import { epochMs } from '../column-transformers';
import { TicketEntity, TicketRow } from '../entities/ticket.entity';
import { placeholderList, queryPlan, queryRows, rowCodec } from '../row-codec';

/** A condition over the tickets table with `?` placeholders. */
interface Condition {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

const FINISHED = ['resolved', 'closed'] as const;

/** Emergency first: the rank each priority sorts by. */
const PRIORITY_RANK = `CASE priority ${[...PRIORITIES]
  .reverse()
  .map((priority, rank) => `WHEN '${priority}' THEN ${rank}`)
  .join(' ')} ELSE ${PRIORITIES.length} END`;

/**
 * Most urgent first: running tickets by due time (the overdue have the earliest), those without a
 * due time after them, tickets waiting on the requester last; then priority, then number. Every
 * column it reads is in idx_tickets_queue and idx_tickets_assigned_queue: the sort reads no table row.
 */
const URGENCY_ORDER = `CASE WHEN status = 'waiting' THEN 1 ELSE 0 END, CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, ${PRIORITY_RANK}, number`;

const queueCondition = (filter: Omit<QueueFilter, 'statuses'> & { statuses?: readonly ActiveStatus[] }): Condition => {
  const statuses = filter.statuses && filter.statuses.length > 0 ? filter.statuses : ACTIVE_STATUSES;
  const parts = [`status IN ${placeholderList(statuses)}`];
  const parameters: unknown[] = [...statuses];
  if (filter.departmentIds !== null) {
    // No department: nothing matches (an IN list may not be empty).
    if (filter.departmentIds.length === 0) return { sql: '1 = 0', parameters: [] };
    parts.push(`department_id IN ${placeholderList(filter.departmentIds)}`);
    parameters.push(...filter.departmentIds);
  }
  if (filter.assignee.kind === 'agent') {
    parts.push('assignee_id = ?');
    parameters.push(filter.assignee.userId);
  } else if (filter.assignee.kind === 'unassigned') {
    parts.push('assignee_id IS NULL');
  }
  if (filter.priorities && filter.priorities.length > 0) {
    parts.push(`priority IN ${placeholderList(filter.priorities)}`);
    parameters.push(...filter.priorities);
  }
  return { sql: parts.join(' AND '), parameters };
};

/** The reads that list tickets: a requester's, a queue, a ticket by number. Hand-written SQL, the same on SQLite and PostgreSQL. */
export class TicketListingRepository {
  constructor(private readonly manager: EntityManager) {}

  openOfRequester(requesterId: string, page: Page): Promise<PageOf<TicketRow>> {
    return this.page({ sql: `requester_id = ? AND status IN ${placeholderList(ACTIVE_STATUSES)}`, parameters: [requesterId, ...ACTIVE_STATUSES] }, 'updated_at DESC, number DESC', page);
  }

  finishedOfRequester(requesterId: string, since: Date, page: Page): Promise<PageOf<TicketRow>> {
    return this.page(
      { sql: `requester_id = ? AND status IN ${placeholderList(FINISHED)} AND updated_at >= ?`, parameters: [requesterId, ...FINISHED, epochMs.to(since)] },
      'updated_at DESC, number DESC',
      page,
    );
  }

  async activeStatusCounts(filter: Omit<QueueFilter, 'statuses'>): Promise<Record<ActiveStatus, number>> {
    const condition = queueCondition(filter);
    const counts: Record<ActiveStatus, number> = { open: 0, in_progress: 0, waiting: 0 };
    const raw = await queryRows(this.manager, `SELECT status, COUNT(*) AS n FROM tickets WHERE ${condition.sql} GROUP BY status`, condition.parameters);
    for (const row of raw) if ((ACTIVE_STATUSES as readonly unknown[]).includes(row.status)) counts[row.status as ActiveStatus] = Number(row.n);
    return counts;
  }

  async byNumber(number: number): Promise<TicketRow | null> {
    const codec = rowCodec(this.manager, TicketEntity);
    const raw = await queryRows(this.manager, `SELECT ${codec.columns} FROM tickets WHERE number = ? LIMIT 1`, [number]);
    return raw[0] ? codec.fromRaw(raw[0]) : null;
  }

  /**
   * What the database plans for a queue page, as text (for tests): the page's numbers must be
   * chosen from idx_tickets_queue (or idx_tickets_assigned_queue) alone, then only its rows read.
   */
  queuePlan(filter: QueueFilter, page: Page): Promise<string> {
    const statement = this.queueStatement(filter, page);
    return queryPlan(this.manager, statement.sql, statement.parameters);
  }

  /** The statement a queue page runs. */
  private queueStatement(filter: QueueFilter, page: Page): Condition {
    const condition = queueCondition(filter);
    const codec = rowCodec(this.manager, TicketEntity);
    return {
      sql: `SELECT ${codec.columns} FROM tickets WHERE number IN (SELECT number FROM tickets WHERE ${condition.sql} ORDER BY ${URGENCY_ORDER} LIMIT ? OFFSET ?) ORDER BY ${URGENCY_ORDER}`,
      parameters: [...condition.parameters, page.limit, page.offset],
    };
  }

  queue(filter: QueueFilter, page: Page): Promise<PageOf<TicketRow>> {
    return this.withTotal(this.queueStatement(filter, page), queueCondition(filter), page);
  }

  private page(condition: Condition, order: string, page: Page): Promise<PageOf<TicketRow>> {
    const codec = rowCodec(this.manager, TicketEntity);
    return this.withTotal(
      { sql: `SELECT ${codec.columns} FROM tickets WHERE ${condition.sql} ORDER BY ${order} LIMIT ? OFFSET ?`, parameters: [...condition.parameters, page.limit, page.offset] },
      condition,
      page,
    );
  }

  /** Runs a page's statement, and counts what `condition` matches unless the page shows it all. */
  private async withTotal(statement: Condition, condition: Condition, page: Page): Promise<PageOf<TicketRow>> {
    const codec = rowCodec(this.manager, TicketEntity);
    const rows = (await queryRows(this.manager, statement.sql, statement.parameters)).map((row) => codec.fromRaw(row));
    // A short first page is the whole list: no count needed.
    const total =
      page.offset === 0 && rows.length < page.limit
        ? rows.length
        : Number((await queryRows(this.manager, `SELECT COUNT(*) AS n FROM tickets WHERE ${condition.sql}`, condition.parameters))[0]?.n ?? 0);
    return { rows, offset: page.offset, total };
  }
}
