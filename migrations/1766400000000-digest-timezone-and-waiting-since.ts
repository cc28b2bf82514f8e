import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18, attacked again:
 *
 * - `departments.digest_timezone`: the IANA time zone the digest cron runs in (helpdesk.yml
 *   `digest: { timezone }`, else the department's `schedule:` time zone); null runs it in the
 *   server's. Existing departments keep the server's until the next start syncs the file.
 * - `tickets.waiting_since` (ms since the epoch): when the requester's current silence started,
 *   the agent's latest reply to them while the ticket waits (osTicket's last response); the
 *   reminder and the no-answer resolution count from it. Null on tickets that waited before it was
 *   kept: those count from their SLA pause, as before.
 */
export class DigestTimezoneAndWaitingSince1766400000000 implements MigrationInterface {
  name = 'DigestTimezoneAndWaitingSince1766400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE departments ADD COLUMN digest_timezone varchar(64)');
    await queryRunner.query('ALTER TABLE tickets ADD COLUMN waiting_since bigint');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE tickets DROP COLUMN waiting_since');
    await queryRunner.query('ALTER TABLE departments DROP COLUMN digest_timezone');
  }
}
