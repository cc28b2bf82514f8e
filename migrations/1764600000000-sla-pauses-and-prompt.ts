import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

type EventRow = { ticket_id: number | string; at: number | string; before: string; after: string };

/**
 * Two things the server must know rather than take from a request or recompute from a shortcut:
 *
 * - `tickets.sla_pauses`: the pauses of each ticket's SLA clock since it (re)started, as
 *   `[[fromMs, toMs], …]`. A due time is computed from the start and these, so a transfer or a
 *   changed plan keeps crediting the time the ticket waited on its requester. Open tickets get
 *   theirs from their history: a pause starts with an event whose status became `waiting` and
 *   ends with the next event whose status left it.
 * - `tickets.requester_prompt_ts`: where the app posted the requester's latest prompt (the
 *   resolution's buttons, or the closed ticket's Reopen) in their ticket conversation; an answer
 *   to a prompt edits only that message. Prompts posted before this migration are not known.
 */
export class SlaPausesAndPrompt1764600000000 implements MigrationInterface {
  name = 'SlaPausesAndPrompt1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('tickets', [
      new TableColumn({ name: 'sla_pauses', type: 'text', default: "'[]'" }),
      new TableColumn({ name: 'requester_prompt_ts', type: 'varchar', length: '32', isNullable: true }),
    ]);
    const tickets = (await queryRunner.query(
      `SELECT id, sla_started_at FROM tickets WHERE status IN ('open', 'in_progress', 'waiting')
         AND EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = tickets.id AND (e."after" LIKE '%"status":"waiting"%' OR e."before" LIKE '%"status":"waiting"%'))`,
    )) as { id: number | string; sla_started_at: number | string }[];
    for (const ticket of tickets) {
      const events = (await queryRunner.query(
        `SELECT ticket_id, at, "before", "after" FROM ticket_events WHERE ticket_id = ${Number(ticket.id)} AND at >= ${Number(ticket.sla_started_at)} ORDER BY id`,
      )) as EventRow[];
      const pauses: [number, number][] = [];
      let pausedAt: number | null = null;
      for (const event of events) {
        const before = JSON.parse(event.before) as { status?: string };
        const after = JSON.parse(event.after) as { status?: string };
        if (after.status === 'waiting' && pausedAt === null) pausedAt = Number(event.at);
        else if (before.status === 'waiting' && after.status !== undefined && after.status !== 'waiting' && pausedAt !== null) {
          pauses.push([pausedAt, Number(event.at)]);
          pausedAt = null;
        }
      }
      if (pauses.length > 0) await queryRunner.query(`UPDATE tickets SET sla_pauses = '${JSON.stringify(pauses)}' WHERE id = ${Number(ticket.id)}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('tickets', 'requester_prompt_ts');
    await queryRunner.dropColumn('tickets', 'sla_pauses');
  }
}
