import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RunningHelpdesk } from '../helpdesk';
import { AppManifest, readAppManifest } from './app-manifest';
import { populateDemoWorkspace, SANDBOX_CONFIG } from './demo-workspace';
import { startLocalApp } from './local-app';
import { LocalSlack, LocalSlackSnapshot } from './local-slack/local-slack';
import { SlackRequests } from './local-slack/slack-requests';
import { projectRoot } from './project-root';
import { sandboxRoutes } from './web/sandbox-routes';

export interface SandboxOptions {
  /** Where the sandbox keeps its database, its helpdesk.yml, its Slack's messages and the app's log. */
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  /** Start from an empty workspace and the default helpdesk.yml. */
  readonly reset?: boolean;
  /** SLA_SWEEP_CRON for the app inside; the default sweeps every minute. */
  readonly slaSweepCron?: string;
}

export interface RunningSandbox {
  /** The page's address. */
  readonly url: string;
  readonly slack: LocalSlack;
  readonly manifest: AppManifest;
  /** The app inside, and a client that acts in Slack's place; both change on reset. */
  current(): { helpdesk: RunningHelpdesk; requests: SlackRequests };
  reset(): Promise<void>;
  stop(): Promise<void>;
}

const SNAPSHOT_DELAY_MS = 200;

const files = (dataDir: string) => ({
  config: join(dataDir, 'helpdesk.yml'),
  database: join(dataDir, 'helpdesk.sqlite'),
  slack: join(dataDir, 'slack.json'),
  log: join(dataDir, 'helpdesk.log'),
});

const wipe = (paths: ReturnType<typeof files>): void => {
  for (const path of [paths.slack, paths.log, paths.database, `${paths.database}-wal`, `${paths.database}-shm`]) rmSync(path, { force: true });
  writeFileSync(paths.config, SANDBOX_CONFIG);
};

/** Starts the real app against a local Slack that serves the sandbox page, all on this machine. */
export const startSandbox = async (options: SandboxOptions): Promise<RunningSandbox> => {
  const dataDir = resolve(options.dataDir);
  const paths = files(dataDir);
  mkdirSync(dataDir, { recursive: true });
  if (options.reset) wipe(paths);
  if (!existsSync(paths.config)) writeFileSync(paths.config, SANDBOX_CONFIG);

  const manifest = readAppManifest(join(projectRoot(), 'manifest.yml'));
  // New for every run, so a web page cannot know them: the app's bot token for the local Slack,
  // and the token only the sandbox page receives, without which no act is taken.
  const botToken = `xoxb-sandbox-${randomBytes(24).toString('hex')}`;
  const pageToken = randomBytes(32).toString('base64url');
  const slack = populateDemoWorkspace(new LocalSlack({ botToken, homeTabEnabled: manifest.homeTab }));
  if (existsSync(paths.slack)) slack.restore(JSON.parse(readFileSync(paths.slack, 'utf8')) as LocalSlackSnapshot);

  let running: { helpdesk: RunningHelpdesk; requests: SlackRequests } | null = null;
  const current = () => {
    if (!running) throw new Error('the sandbox is restarting');
    return running;
  };

  const startApp = async () => {
    const signingSecret = randomBytes(16).toString('hex');
    const logDestination = { write: (line: string) => appendFileSync(paths.log, line) };
    const helpdesk = await startLocalApp({
      slack,
      signingSecret,
      databaseUrl: `sqlite:${paths.database}`,
      configPath: paths.config,
      configHint: 'fix them, or start over with the demo file: npm run sandbox -- --reset',
      variables: options.slaSweepCron ? { SLA_SWEEP_CRON: options.slaSweepCron } : {},
      logDestination,
      // The sandbox's Slack limits no rates, so the app does not pace against it.
      overrides: { slackPacing: false },
    });
    running = { helpdesk, requests: new SlackRequests(slack, `http://127.0.0.1:${helpdesk.port}`, signingSecret) };
  };

  let snapshotTimer: NodeJS.Timeout | null = null;
  const saveSnapshot = () => {
    snapshotTimer = null;
    const temporary = `${paths.slack}.tmp`;
    writeFileSync(temporary, JSON.stringify(slack.snapshot()));
    renameSync(temporary, paths.slack);
  };
  const stopSaving = slack.onChange(() => {
    snapshotTimer ??= setTimeout(saveSnapshot, SNAPSHOT_DELAY_MS);
  });

  const sandbox: RunningSandbox = {
    get url() {
      return slack.url;
    },
    slack,
    manifest,
    current,
    reset: async () => {
      const app = running;
      running = null;
      await app?.helpdesk.stop();
      slack.clear();
      wipe(paths);
      await startApp();
    },
    stop: async () => {
      stopSaving();
      if (snapshotTimer) clearTimeout(snapshotTimer);
      const app = running;
      running = null;
      await app?.helpdesk.stop();
      saveSnapshot();
      await slack.stop();
    },
  };
  await slack.start({ port: options.port, host: options.host, otherRoutes: sandboxRoutes(sandbox, pageToken) });
  try {
    await startApp();
  } catch (error) {
    await slack.stop();
    throw error;
  }
  return sandbox;
};
