import { parseEnv, readProcessEnv } from './config/env';
import { loadHelpdeskConfig } from './config/helpdesk-config';
import { startHelpdesk } from './helpdesk';

const SETUP_HELP = 'See "Create the Slack app" in README.md for where each value comes from.';

const fail = (heading: string, lines: readonly string[], hint: string): never => {
  process.stderr.write(`${heading}\n${lines.map((line) => `  - ${line}`).join('\n')}\n${hint}\n`);
  process.exit(1);
};

const main = async (): Promise<void> => {
  const env = parseEnv(readProcessEnv());
  if (!env.ok) fail('slack-helpdesk cannot start: the environment is not set up.', env.error, SETUP_HELP);
  if (!env.ok) return;
  const config = loadHelpdeskConfig(env.value.helpdeskConfigPath);
  if (!config.ok) {
    fail(`slack-helpdesk cannot start: ${env.value.helpdeskConfigPath} has errors.`, config.error, 'See "Configuration" in README.md.');
  }
  if (!config.ok) return;

  const helpdesk = await startHelpdesk({ env: env.value, config: config.value });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    helpdesk.logger.info('shutting down', { signal });
    helpdesk.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
};

main().catch((error: unknown) => {
  process.stderr.write(`slack-helpdesk failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
