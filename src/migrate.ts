import { parseEnv, readProcessEnv } from './config/env';
import { createDataSource } from './persistence/data-source';
import { openDatabase } from './persistence/database';

/** `npm run migrate`: applies pending migrations and exits. Needs only DATABASE_URL. */
const migrate = async (): Promise<void> => {
  // Migrating needs no Slack credentials, so placeholders satisfy the rest of the environment check.
  const env = parseEnv({ SLACK_BOT_TOKEN: 'xoxb-migrate', SLACK_SIGNING_SECRET: 'migrate-only', ...readProcessEnv() });
  if (!env.ok) throw new Error(env.error.join('\n'));
  const db = await openDatabase(createDataSource(env.value.database));
  const applied = await db.migrate();
  process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n');
  await db.close();
};

migrate().catch((error: unknown) => {
  process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
