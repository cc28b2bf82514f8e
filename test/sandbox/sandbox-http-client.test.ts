import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { SandboxHttpClient, STOPPED_SANDBOX, withinTestTime } from '../support/sandbox-http';

/**
 * The client the sandbox's own-process tests attack it with. A 50-fold run of the guard's
 * property outlived Jest's 60 s time-out: afterAll stopped the sandbox while fast-check went on
 * sending, and the run failed with ECONNREFUSED, read as the sandbox's port closing.
 */
describe('the HTTP client of the sandbox tests', () => {
  let server: Server;
  let connections = 0;
  let port = 0;

  beforeEach(async () => {
    connections = 0;
    server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
    server.on('connection', () => (connections += 1));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
  });

  const closeServer = async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  };
  afterEach(async () => {
    if (server.listening) await closeServer();
  });

  it('sends nothing once stopped: a late request fails saying the sandbox was stopped, not ECONNREFUSED', async () => {
    const client = new SandboxHttpClient(() => port);
    expect(await client.send({ path: '/' })).toEqual({ status: 200, body: 'ok' });
    client.stop();
    await closeServer();
    const opened = connections;
    await expect(client.send({ method: 'POST', path: '/sandbox/act', body: '{}' })).rejects.toThrow(`${STOPPED_SANDBOX}: POST /sandbox/act`);
    expect(connections).toBe(opened);
  });

  it('reuses its connections: a thousand requests open a handful of them', async () => {
    const client = new SandboxHttpClient(() => port);
    for (let sent = 0; sent < 1000; sent += 1) expect((await client.send({ path: `/${sent}` })).status).toBe(200);
    client.stop();
    expect(connections).toBeLessThanOrEqual(5);
  });

  it("ends a property before its test's time-out, as a failure that says it was interrupted", async () => {
    expect(withinTestTime(0, 60_000, 10_000)).toEqual({ interruptAfterTimeLimit: 45_000, markInterruptAsFailure: true });
    expect(withinTestTime(0, 60_000, 70_000).interruptAfterTimeLimit).toBe(1);
    const client = new SandboxHttpClient(() => port);
    // As many runs as a soak run would ask for, within a 5.2 s test: stopped after about 0.2 s.
    const started = Date.now();
    const run = fc.assert(
      fc.asyncProperty(fc.nat(), async (n) => {
        expect((await client.send({ path: `/${n}` })).status).toBe(200);
      }),
      { numRuns: 1_000_000, ...withinTestTime(started, 5_200) },
    );
    await expect(run).rejects.toThrow(/interrupted/i);
    expect(Date.now() - started).toBeLessThan(5_000);
    client.stop();
  });
});
