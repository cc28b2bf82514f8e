import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closing the loop (issue 18): the requester's satisfaction and the managers' digest.
 *
 * - `ticket_satisfaction`: one row per ticket whose requester was asked **How did we do?**,
 *   inserted when the ticket first closes (its primary key is why nobody is asked twice, even
 *   after a reopen and a second close), with where the question was posted in their DM, and
 *   their answer (a rating from 1 to 5, an optional comment, when and by whom) once given. The
 *   department is the ticket's at the close, so the managers' figures read one index range
 *   (department, answered_at) of answered rows.
 * - `manager_digests`: one row per department and digest slot (the cron's scheduled minute, ms
 *   since the epoch), inserted by the instance that sends that slot's digest in the transaction
 *   that queues it: several instances firing the same slot send it once.
 * - `departments.satisfaction` (helpdesk.yml `satisfaction: off` stores false; default true) and
 *   `departments.digest_cron` (helpdesk.yml `digest: { cron }`; null, the default, sends none).
 *   Existing departments ask and send no digest until the next start syncs the file.
 */
export class SatisfactionAndDigest1765800000000 implements MigrationInterface {
  name = 'SatisfactionAndDigest1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE departments ADD COLUMN satisfaction boolean NOT NULL DEFAULT true');
    await queryRunner.query('ALTER TABLE departments ADD COLUMN digest_cron varchar(100)');
    await queryRunner.query(
      `CREATE TABLE ticket_satisfaction (
         ticket_id integer PRIMARY KEY,
         department_id integer NOT NULL,
         asked_at bigint NOT NULL,
         question_channel_id varchar(32),
         question_ts varchar(32),
         rating integer,
         comment text,
         answered_at bigint,
         answered_by varchar(32)
       )`,
    );
    await queryRunner.query('CREATE INDEX idx_ticket_satisfaction_answers ON ticket_satisfaction (department_id, answered_at, rating) WHERE rating IS NOT NULL');
    await queryRunner.query('CREATE TABLE manager_digests (department_id integer NOT NULL, slot_at bigint NOT NULL, sent_at bigint NOT NULL, PRIMARY KEY (department_id, slot_at))');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE manager_digests');
    await queryRunner.query('DROP INDEX idx_ticket_satisfaction_answers');
    await queryRunner.query('DROP TABLE ticket_satisfaction');
    await queryRunner.query('ALTER TABLE departments DROP COLUMN digest_cron');
    await queryRunner.query('ALTER TABLE departments DROP COLUMN satisfaction');
  }
}
