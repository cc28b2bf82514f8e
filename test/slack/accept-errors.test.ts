import { Server } from 'node:net';
import { AddressInfo } from 'node:net';
import { createRootLogger } from '../../src/observability/logger';
import { startOpsServer } from '../../src/observability/ops-server';
import { slackLogger } from '../../src/observability/slack-logger';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { HelpdeskReceiver } from '../../src/slack/receiver/helpdesk-receiver';

/** What Node emits on a listening server when accept(2) fails (net.js `onconnection`). */
const acceptError = (code: string): Error => Object.assign(new Error(`accept ${code}`), { code, errno: -24, syscall: 'accept' });

/**
 * An error in accepting one connection must not close a port for good: Node emits it as the
 * server's 'error', which ends the process when nothing listens for it (the sandbox's port
 * swallowed one such error and died on the second; the Slack port died on the first).
 */
describe('the ports keep listening through errors in accepting a connection', () => {
  const lines: string[] = [];
  const logger = slackLogger(createRootLogger('info', { write: (line: string) => lines.push(line) }));
  // Only to reach each server's handle (`this` of its listen call); Node's own listen runs.
  const listens = jest.spyOn(Server.prototype, 'listen');
  afterAll(() => listens.mockRestore());

  /** The server started by `start`, after two errors in accepting, still answering `path`. */
  const throughTwoErrors = async (start: () => Promise<unknown>, path: string): Promise<number> => {
    listens.mockClear();
    await start();
    const server = listens.mock.contexts[0] as Server | undefined;
    if (!server) throw new Error('no server listened');
    server.emit('error', acceptError('EMFILE'));
    server.emit('error', acceptError('ENOBUFS'));
    expect(server.listening).toBe(true);
    const { port } = server.address() as AddressInfo;
    return (await fetch(`http://127.0.0.1:${port}${path}`)).status;
  };

  it("the app's Slack port (HTTP receiver) logs each error and goes on answering", async () => {
    const receiver = new HelpdeskReceiver({ signingSecret: 'secret', logger, now: Date.now, routes: { '/healthz': async () => ({ status: 200, body: 'ok' }) } });
    lines.length = 0;
    expect(await throughTwoErrors(() => receiver.start({ port: 0, host: '127.0.0.1' }), '/healthz')).toBe(200);
    await receiver.stop();
    expect(lines.filter((line) => line.includes('a connection to the Slack port could not be accepted'))).toHaveLength(2);
  });

  it('the operations port logs each error and goes on answering', async () => {
    lines.length = 0;
    const started: { stop(): Promise<void> }[] = [];
    const start = async () =>
      started.push(await startOpsServer({ host: '127.0.0.1', port: 0, token: null, routes: { '/healthz': async () => ({ status: 200, body: 'ok', contentType: 'text/plain' }) }, logger }));
    expect(await throughTwoErrors(start, '/healthz')).toBe(200);
    await Promise.all(started.map((ops) => ops.stop()));
    expect(lines.filter((line) => line.includes('a connection to the operations port could not be accepted'))).toHaveLength(2);
  });

  it("the local Slack's port (the sandbox page's) says so on stderr and goes on answering", async () => {
    const slack = new LocalSlack({ botToken: 'xoxb-local' });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await throughTwoErrors(() => slack.start({ port: 0 }), '/nowhere')).toBe(404);
      expect(stderr.mock.calls.map(([text]) => String(text))).toEqual(['local Slack: a connection was not accepted: accept EMFILE\n', 'local Slack: a connection was not accepted: accept ENOBUFS\n']);
    } finally {
      stderr.mockRestore();
      await slack.stop();
    }
  });
});
