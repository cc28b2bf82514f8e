#!/usr/bin/env node
// Runs the end-to-end suite again on PostgreSQL when TEST_DATABASE_URL names a server
// (postgres://user@host:port/postgres; each test creates and drops its own database).
// Without it the run is skipped, and says so.
const { spawnSync } = require('node:child_process');

const server = process.env.TEST_DATABASE_URL;
if (!server) {
  process.stdout.write('\nPostgreSQL suite skipped: TEST_DATABASE_URL is not set (CI sets it; see "Running the tests" in CONTRIBUTING.md).\n');
  process.exit(0);
}
process.stdout.write(`\nEnd-to-end suite on PostgreSQL (${new URL(server).host}):\n`);
const run = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), 'test/e2e'], {
  stdio: 'inherit',
  env: { ...process.env, HELPDESK_TEST_DATABASE: 'postgres' },
});
process.exit(run.status ?? 1);
