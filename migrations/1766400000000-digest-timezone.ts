import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The managers' digest in the department's time zone (issue 18): `departments.digest_timezone`,
 * the IANA time zone the digest cron runs in (helpdesk.yml `digest: { timezone }`, else the
 * department's `schedule:` time zone); null runs it in the server's. Existing departments keep
 * the server's until the next start syncs the file.
 */
export class DigestTimezone1766400000000 implements MigrationInterface {
  name = 'DigestTimezone1766400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE departments ADD COLUMN digest_timezone varchar(64)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE departments DROP COLUMN digest_timezone');
  }
}
