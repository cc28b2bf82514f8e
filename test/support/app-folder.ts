import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { DEMO_CONFIG } from './demo-workspace';
import { startLocalSlack } from './helpdesk-harness';
import { createTestDatabase, TestDatabase } from './test-database';

/** A fresh temporary folder (named from `prefix`) holding the demo workspace's helpdesk.yml, to run the built app in; the caller removes it. */
export const demoAppFolder = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'helpdesk.yml'), DEMO_CONFIG);
  return dir;
};

/** What a spawned app runs against: its folder (demoAppFolder), a local Slack and a database of its own. */
export interface AppSurroundings {
  readonly dir: string;
  readonly slack: LocalSlack;
  readonly database: TestDatabase;
}

/** Makes the folder, starts a local Slack and creates a database for a spawned app; undo with `removeAppSurroundings`. */
export const makeAppSurroundings = async (prefix: string): Promise<AppSurroundings> => ({ dir: demoAppFolder(prefix), slack: await startLocalSlack(), database: await createTestDatabase() });

/** Stops the local Slack, drops the database and removes the folder. */
export const removeAppSurroundings = async ({ dir, slack, database }: AppSurroundings): Promise<void> => {
  await slack.stop();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
};
