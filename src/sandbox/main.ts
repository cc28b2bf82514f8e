import { parseArgs } from 'node:util';
import { startSandbox } from './sandbox';

const USAGE = `npm run sandbox -- [--reset] [--port 3000] [--host 127.0.0.1] [--data data/sandbox]
  --reset   start again from an empty workspace and the default helpdesk.yml
  --port    where the page is served (default 3000)
  --host    the address to listen on (default 127.0.0.1: this machine only)
  --data    where the sandbox keeps its database, helpdesk.yml and log (default data/sandbox)`;

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      reset: { type: 'boolean', default: false },
      port: { type: 'string', default: '3000' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: 'data/sandbox' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${values.port}"`);
  const sandbox = await startSandbox({ dataDir: values.data, port, host: values.host, reset: values.reset });
  const shown = sandbox.url.replace('//127.0.0.1:', '//localhost:');
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(values.host);
  process.stdout.write(
    `slack-helpdesk sandbox: open ${shown}\n` +
      `  You play every person of the demo workspace; the real app answers, as it would in Slack.\n` +
      `  Data, helpdesk.yml and the app's log: ${values.data}/ (start over: npm run sandbox -- --reset). Ctrl+C stops.\n` +
      (loopback ? '' : `  --host ${values.host}: anyone who can reach this address can use the sandbox; it has no login.\n`),
  );
  const stop = () => {
    sandbox.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const hint = /EADDRINUSE/.test(message) ? ' (the port is taken: try npm run sandbox -- --port 3001)' : '';
  process.stderr.write(`the sandbox could not start: ${message}${hint}\n${USAGE}\n`);
  process.exit(1);
});
