import type { DestinationStream } from 'pino';
import { parseEnv } from '../config/env';
import { loadHelpdeskConfig } from '../config/helpdesk-config';
import { HelpdeskOptions, RunningHelpdesk, startHelpdesk } from '../helpdesk';

/** How to run the app on this machine against a local Slack. */
export interface LocalAppOptions {
  /** The local Slack's Web API address (`…/api/`) and the bot token it accepts. */
  readonly slack: { readonly apiUrl: string; readonly botToken: string };
  /** The secret the app checks Slack's request signatures with; whoever sends it requests signs with it too. */
  readonly signingSecret: string;
  /** `sqlite:<path>` or `postgres://user:password@host:port/database`, as DATABASE_URL. */
  readonly databaseUrl: string;
  /** The help desk's file (departments, help topics, SLA plans), as HELPDESK_CONFIG. */
  readonly configPath: string;
  /** Said after the file's name when it has errors, e.g. how to start over. */
  readonly configHint?: string;
  /** More environment variables, as `npm start` reads them (LOG_LEVEL, SLA_SWEEP_CRON, OUTBOX_LEASE_MS, …). */
  readonly variables?: Readonly<Record<string, string>>;
  /** Where the app's JSON log lines go (one `write` per line); stdout when not given. */
  readonly logDestination?: DestinationStream;
  /** Options beyond the environment (a manual clock, a faster outbox poll, no scheduled SLA sweep, …). */
  readonly overrides?: Omit<Partial<HelpdeskOptions>, 'env' | 'config' | 'logDestination'>;
}

/**
 * Starts the real app as `npm start` does (environment and config file parsed, migrations run)
 * against a local Slack, both its ports on 127.0.0.1 at ports the system picks unless
 * `overrides` says otherwise. The one way tests, the sandbox and the benchmarks start it.
 * Throws with every problem listed when the variables or the config file are invalid.
 */
export const startLocalApp = async (options: LocalAppOptions): Promise<RunningHelpdesk> => {
  const env = parseEnv({
    SLACK_BOT_TOKEN: options.slack.botToken,
    SLACK_SIGNING_SECRET: options.signingSecret,
    SLACK_API_URL: options.slack.apiUrl,
    DATABASE_URL: options.databaseUrl,
    HELPDESK_CONFIG: options.configPath,
    ...options.variables,
  });
  if (!env.ok) throw new Error(env.error.join('\n'));
  const config = loadHelpdeskConfig(env.value.helpdeskConfigPath);
  if (!config.ok) {
    const hint = options.configHint ? ` (${options.configHint})` : '';
    throw new Error(`${options.configPath} has errors${hint}:\n  - ${config.error.join('\n  - ')}`);
  }
  return startHelpdesk({
    env: env.value,
    config: config.value,
    ...(options.logDestination ? { logDestination: options.logDestination } : {}),
    listen: { port: 0, host: '127.0.0.1' },
    ops: { port: 0, host: '127.0.0.1' },
    ...options.overrides,
  });
};
