import { EntityManager } from 'typeorm';
import { MUTABLE_FIELDS, Ticket } from '../../domain/ticket';
import { NewTicket } from '../../domain/ticket-intake';
import { isPostgres, returnedRows, valuesList } from '../bulk-sql';
import { epochMs } from '../column-transformers';
import { TicketEntity, TicketRow } from '../entities/ticket.entity';
import { findOneRow, findRows, insertStatement, placeholderList, queryRows, rowCodec, Statement, updateRows, updateStatement } from '../row-codec';

import type { SlaClaim, TicketOrigin } from '../../services/ports/ticket-store';
export type { SlaClaim, TicketOrigin };
export type CardLocation = Pick<TicketRow, 'cardChannelId' | 'cardTs'>;
export type RequesterDm = Pick<TicketRow, 'requesterDmChannelId' | 'requesterDmTs'>;
export type RequesterPrompt = Pick<TicketRow, 'requesterPromptTs'>;

/** The row of a ticket just filed: nothing delivered to Slack yet. */
export const newTicketRow = (ticket: NewTicket, origin: TicketOrigin, number: number): Omit<TicketRow, 'id'> => ({
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

/** Inserts a ticket row; with `id` given, that id instead of the next one. */
export const ticketInsert = (manager: EntityManager, row: Omit<TicketRow, 'id'> & { id?: number }): Statement => {
  const codec = rowCodec(manager, TicketEntity);
  return insertStatement(codec, [codec.persist(row, Object.keys(row) as (keyof TicketRow)[])]);
};

/** Stores where Slack has a ticket's card or its requester's conversation. */
export const ticketLocationUpdate = (manager: EntityManager, id: number, location: CardLocation | RequesterDm | RequesterPrompt): Statement =>
  updateStatement(manager, TicketEntity, location, 'id = ?', [id]);

/** Forgets the requester's prompt at `ts` once it is settled, unless a newer prompt took its place. */
export const promptSettledUpdate = (manager: EntityManager, id: number, ts: string): Statement =>
  updateStatement(manager, TicketEntity, { requesterPromptTs: null }, 'id = ? AND requester_prompt_ts = ?', [id, ts]);

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

  async insert(ticket: NewTicket, origin: TicketOrigin): Promise<TicketRow> {
    const row = newTicketRow(ticket, origin, await this.nextNumber());
    const insert = ticketInsert(this.manager, row);
    const [inserted] = await queryRows(this.manager, `${insert.sql} RETURNING id`, insert.parameters);
    return { ...row, id: Number(inserted?.id) };
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

  /** The sweep's query, open for inspection: it must range over idx_tickets_sla_next_check, not scan the table. */
  dueForSlaCheckQuery(now: Date, limit: number) {
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
    return (await updateRows(this.manager, TicketEntity, next, 'id = ? AND version = ? AND follow_up_stage = ?', [ticket.id, ticket.version, ticket.followUpStage])) === 1;
  }

  /** Sets their next follow-up look to the epoch, which every sweep finds due, whatever its clock says. */
  async recheckWaitingAndResolved(departmentIds: readonly number[]): Promise<number> {
    if (departmentIds.length === 0) return 0;
    const places = departmentIds.map(() => '?').join(', ');
    return updateRows(this.manager, TicketEntity, { followUpNextCheckAt: new Date(0) }, `department_id IN (${places}) AND status IN ('waiting', 'resolved')`, departmentIds);
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
    return (await updateRows(this.manager, TicketEntity, { ...fields, ...extra }, 'id = ? AND version = ?', [ticket.id, readVersion])) === 1;
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
    await updateRows(this.manager, TicketEntity, { sourcePermalink }, 'id = ?', [id]);
  }
}
