import { EntityManager } from 'typeorm';
import { MUTABLE_FIELDS, Ticket } from '../../domain/ticket';
import { NewTicket } from '../../domain/ticket-intake';
import { isPostgres, returnedRows, valuesList } from '../bulk-sql';
import { epochMs } from '../column-transformers';
import { TicketEntity, TicketRow } from '../entities/ticket.entity';
import { findOneRow, findRows, placeholderList, queryPlan, queryRows } from '../row-codec';
import { WriteBatch } from '../write-batch';

import type { SlaClaim, TicketOrigin } from '../../services/ports/ticket-store';
export type { SlaClaim, TicketOrigin };
export type CardLocation = Pick<TicketRow, 'cardChannelId' | 'cardTs'>;
export type RequesterDm = Pick<TicketRow, 'requesterDmChannelId' | 'requesterDmTs'>;

/** The row of a ticket just filed: nothing delivered to Slack yet. */
const newTicketRow = (ticket: NewTicket, origin: TicketOrigin, number: number): Omit<TicketRow, 'id'> => ({
  ...ticket,
  ...origin,
  number,
  sourcePermalink: null,
  cardChannelId: null,
  cardTs: null,
  requesterDmChannelId: null,
  requesterDmTs: null,
  requesterPromptTs: null,
});

/** Every column of a ticket row, `id` included when given. */
const columnsOf = (row: Partial<TicketRow>) => Object.keys(row) as (keyof TicketRow)[];

export class TicketRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Takes the next ticket number: a sequence on PostgreSQL, a counter row on SQLite (one writer
   * at a time there). Numbers are unique; a rolled-back submission may leave a gap.
   */
  private async nextNumber(): Promise<number> {
    if (isPostgres(this.manager)) {
      const [row] = await this.manager.query<{ value: string }[]>(`SELECT nextval('ticket_number_seq') AS value`);
      return Number(row?.value);
    }
    const rows = await this.manager.query<{ value: number }[]>(`UPDATE sequences SET value = value + 1 WHERE name = 'ticket_number' RETURNING value`);
    const value = rows[0]?.value;
    if (value === undefined) throw new Error('The ticket_number sequence is missing; run the migrations.');
    return Number(value);
  }

  /** Stores a new ticket under the next ticket number; answers its row with the id the database gave it. */
  async insert(ticket: NewTicket, origin: TicketOrigin): Promise<TicketRow> {
    const row = newTicketRow(ticket, origin, await this.nextNumber());
    const [inserted] = await new WriteBatch(this.manager).insert(TicketEntity, [row], columnsOf(row)).runEach('id');
    return { ...row, id: Number(inserted?.id) };
  }

  /**
   * PostgreSQL only: the row a new ticket will have, its id and number taken from their sequences
   * in one statement, stored only by `file`. Lets a filing's writes run together (ticket-filing.ts).
   */
  async reserve(ticket: NewTicket, origin: TicketOrigin): Promise<TicketRow> {
    if (!isPostgres(this.manager)) throw new Error('Reserving a ticket id takes PostgreSQL sequences; on SQLite use insert');
    const [taken] = await queryRows(this.manager, `SELECT nextval(pg_get_serial_sequence('tickets', 'id')) AS id, nextval('ticket_number_seq') AS number`, []);
    return { ...newTicketRow(ticket, origin, Number(taken?.number)), id: Number(taken?.id) };
  }

  /** Queues the insert of a reserved ticket row (`reserve`), its id included, into `batch`. */
  file(row: TicketRow, batch: WriteBatch): void {
    batch.insert(TicketEntity, [row], columnsOf(row));
  }

  /** Queues storing where Slack posted the ticket's card (a fact its delivery learned). */
  recordCardPosted(id: number, card: CardLocation, batch: WriteBatch): void {
    batch.update(TicketEntity, card, 'id = ?', [id]);
  }

  /** Queues storing where the requester's ticket conversation starts, and the prompt it is when it is one. */
  recordRequesterThread(id: number, thread: RequesterDm, promptTs: string | null, batch: WriteBatch): void {
    batch.update(TicketEntity, { ...thread, ...(promptTs ? { requesterPromptTs: promptTs } : {}) }, 'id = ?', [id]);
  }

  /** Queues storing the requester's latest prompt, the one an answer may edit. */
  recordPromptPosted(id: number, ts: string, batch: WriteBatch): void {
    batch.update(TicketEntity, { requesterPromptTs: ts }, 'id = ?', [id]);
  }

  /** Queues forgetting the requester's prompt at `ts` once it is settled, unless a newer prompt took its place. */
  settlePrompt(id: number, ts: string, batch: WriteBatch): void {
    batch.update(TicketEntity, { requesterPromptTs: null }, 'id = ? AND requester_prompt_ts = ?', [id, ts]);
  }

  /** `UPDATE tickets SET <changes> WHERE <condition>` now; answers how many rows it changed. */
  private async update(changes: Partial<TicketRow>, condition: string, parameters: readonly unknown[]): Promise<number> {
    return (await new WriteBatch(this.manager).update(TicketEntity, changes, condition, parameters).runEach('id')).length;
  }

  findById(id: number): Promise<TicketRow | null> {
    return findOneRow(this.manager, TicketEntity, 'id = ?', [id]);
  }

  findByNumber(number: number): Promise<TicketRow | null> {
    return findOneRow(this.manager, TicketEntity, 'number = ?', [number]);
  }

  async countByStatus(): Promise<{ status: string; count: number }[]> {
    const rows: { status: string; count: string | number }[] = await this.manager
      .createQueryBuilder(TicketEntity, 'ticket')
      .select('ticket.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .groupBy('ticket.status')
      .getRawMany();
    return rows.map(({ status, count }) => ({ status, count: Number(count) }));
  }

  /** The tickets among `ids` that exist, by number. */
  async findByIds(ids: readonly number[]): Promise<TicketRow[]> {
    return ids.length === 0 ? [] : findRows(this.manager, TicketEntity, `id IN ${placeholderList(ids)} ORDER BY number`, ids);
  }

  /**
   * Tickets whose SLA needs a look by `now`, soonest first. Only tickets whose clock runs have a
   * next check (waiting, resolved and closed ones have none), so no status filter is needed.
   */
  dueForSlaCheck(now: Date, limit: number): Promise<TicketRow[]> {
    return this.dueForSlaCheckQuery(now, limit).getMany();
  }

  /** What the database plans for the sweep's query, as text (for tests): it must range over idx_tickets_sla_next_check, not scan the table. */
  dueForSlaCheckPlan(now: Date, limit: number): Promise<string> {
    const [sql, parameters] = this.dueForSlaCheckQuery(now, limit).getQueryAndParameters();
    return queryPlan(this.manager, sql, parameters);
  }

  private dueForSlaCheckQuery(now: Date, limit: number) {
    return this.manager.createQueryBuilder(TicketEntity, 'ticket').where('ticket.sla_next_check_at <= :now', { now: now.getTime() }).orderBy('ticket.sla_next_check_at', 'ASC').limit(limit);
  }

  /**
   * Claims the next SLA stage of many tickets in one statement: each row is updated only if its
   * stage and version are still the ones read, so of overlapping sweeps one wins each ticket.
   * Answers the ids that were claimed.
   */
  async claimSlaStages(claims: readonly { ticket: TicketRow; next: SlaClaim }[]): Promise<Set<number>> {
    if (claims.length === 0) return new Set();
    const parameters = claims.flatMap(({ ticket, next }) => [
      ticket.id,
      ticket.slaStage,
      ticket.firstResponseStage,
      ticket.version,
      next.slaStage,
      next.firstResponseStage,
      epochMs.to(next.slaNextCheckAt),
      next.escalationLevel,
      next.version,
      epochMs.to(next.updatedAt),
    ]);
    const values = valuesList(this.manager, claims.length, ['INTEGER', 'INTEGER', 'INTEGER', 'INTEGER', 'INTEGER', 'INTEGER', 'BIGINT', 'INTEGER', 'INTEGER', 'BIGINT']);
    const raw: unknown = await this.manager.query(
      `WITH claim(id, old_stage, old_first_stage, old_version, stage, first_stage, next_check, level, new_version, updated) AS (VALUES ${values})
       UPDATE tickets SET sla_stage = claim.stage, first_response_stage = claim.first_stage, sla_next_check_at = claim.next_check,
         escalation_level = claim.level, version = claim.new_version, updated_at = claim.updated
       FROM claim WHERE tickets.id = claim.id AND tickets.sla_stage = claim.old_stage AND tickets.first_response_stage = claim.old_first_stage
         AND tickets.version = claim.old_version
       RETURNING tickets.id AS id`,
      parameters,
    );
    return new Set(returnedRows<{ id: number | string }>(raw).map((row) => Number(row.id)));
  }

  async setSlaNextCheck(id: number, slaNextCheckAt: Date | null): Promise<void> {
    await this.manager.update(TicketEntity, { id }, { slaNextCheckAt });
  }

  /** Tickets whose follow-ups need a look by `now`, soonest first: a range of idx_tickets_follow_up_next_check. */
  dueForFollowUp(now: Date, limit: number): Promise<TicketRow[]> {
    return findRows(this.manager, TicketEntity, 'follow_up_next_check_at <= ? ORDER BY follow_up_next_check_at LIMIT ?', [now.getTime(), limit]);
  }

  /** Claims a follow-up step: the row changes only if its follow-up stage and version are still the ones read. */
  async claimFollowUp(ticket: Pick<TicketRow, 'id' | 'version' | 'followUpStage'>, next: Pick<TicketRow, 'followUpStage' | 'followUpNextCheckAt'>): Promise<boolean> {
    return (await this.update(next, 'id = ? AND version = ? AND follow_up_stage = ?', [ticket.id, ticket.version, ticket.followUpStage])) === 1;
  }

  /** Sets their next follow-up look to the epoch, which every sweep finds due, whatever its clock says. */
  async recheckWaitingAndResolved(departmentIds: readonly number[]): Promise<number> {
    if (departmentIds.length === 0) return 0;
    const places = departmentIds.map(() => '?').join(', ');
    return this.update({ followUpNextCheckAt: new Date(0) }, `department_id IN (${places}) AND status IN ('waiting', 'resolved')`, departmentIds);
  }

  /** The open and in-progress tickets of these departments: a range of the department's tickets by status. */
  openTicketsOf(departmentIds: readonly number[]): Promise<TicketRow[]> {
    if (departmentIds.length === 0) return Promise.resolve([]);
    const places = departmentIds.map(() => '?').join(', ');
    return findRows(this.manager, TicketEntity, `department_id IN (${places}) AND status IN ('open', 'in_progress')`, departmentIds);
  }

  findByIntakeKey(intakeKey: string): Promise<TicketRow | null> {
    return findOneRow(this.manager, TicketEntity, 'intake_key = ?', [intakeKey]);
  }

  findByRequesterThread(channelId: string, threadTs: string): Promise<TicketRow | null> {
    return findOneRow(this.manager, TicketEntity, 'requester_dm_channel_id = ? AND requester_dm_ts = ?', [channelId, threadTs]);
  }

  /**
   * Stores a ticket the domain changed, only if nobody changed it since it was read
   * (`readVersion`). Returns false when someone else's change won. Delivery bookkeeping such as
   * card_ts is never written here, only by its own setters.
   */
  async saveChanges(ticket: Ticket, readVersion: number, extra: Partial<TicketRow> = {}): Promise<boolean> {
    const fields: Partial<TicketRow> = {};
    for (const field of MUTABLE_FIELDS) Object.assign(fields, { [field]: ticket[field] });
    return (await this.update({ ...fields, ...extra }, 'id = ? AND version = ?', [ticket.id, readVersion])) === 1;
  }

  /**
   * PostgreSQL: `SELECT … FOR UPDATE` of the rows, sorted by id (rows are locked in the order the
   * sort returns them). SQLite: nothing, as this process runs one transaction at a time (database.ts).
   */
  async holdForChange(ids: readonly number[]): Promise<void> {
    if (!isPostgres(this.manager) || ids.length === 0) return;
    const sorted = [...new Set(ids)].sort((a, b) => a - b);
    await queryRows(this.manager, `SELECT id FROM tickets WHERE id IN ${placeholderList(sorted)} ORDER BY id FOR UPDATE`, sorted);
  }

  async setPermalink(id: number, sourcePermalink: string): Promise<void> {
    await this.update({ sourcePermalink }, 'id = ?', [id]);
  }
}
