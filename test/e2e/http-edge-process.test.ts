import { rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { demoAppFolder } from '../support/app-folder';
import { BOT_TOKEN, SIGNING_SECRET, startLocalSlack } from '../support/helpdesk-harness';
import { FORGED_SIGNATURE, openSocket, RawAnswer, readAnswer, slackHead } from '../support/raw-http';
import { requireBuiltApp, residentBytes, spawnApp, SpawnedApp, SPAWNED_APP_TEST_MS } from '../support/spawned-app';

// Its beforeAll starts the built app.
jest.setTimeout(SPAWNED_APP_TEST_MS);

const MB = 1024 * 1024;
const HELD = 30;

const sleep = (ms: number) => new Promise((settle) => setTimeout(settle, ms));

/** The most resident memory the process reaches within `ms`, sampled every 50 ms. */
const peakResident = async (pid: number, ms: number): Promise<number> => {
  let peak = residentBytes(pid);
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) peak = Math.max(peak, residentBytes(pid));
  return peak;
};

describe('the built app under slow and oversized requests from the internet', () => {
  let dir: string;
  let slack: LocalSlack;
  let app: SpawnedApp;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    requireBuiltApp();
    dir = demoAppFolder('helpdesk-edge-');
    slack = await startLocalSlack();
    app = await spawnApp(dir, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, LOG_LEVEL: 'info' });
    // Warm up: the first requests load code and grow the heap to its working size.
    for (let index = 0; index < 20; index += 1) await fetch(`http://127.0.0.1:${app.port}/healthz`);
    await sleep(500);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.destroy();
  });
  afterAll(async () => {
    await app.stop();
    await slack.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens `count` connections, each sending `head` and `firstBytes` of its body, and reads what comes back on each from the start. */
  const hold = async (head: string, firstBytes: number, count = HELD): Promise<{ answer: Promise<RawAnswer> }[]> =>
    Promise.all(
      Array.from({ length: count }, async () => {
        const socket = await openSocket(app.port);
        socket.on('error', () => undefined);
        sockets.push(socket);
        const answer = readAnswer(socket, Date.now(), 3000);
        socket.write(head);
        if (firstBytes > 0) socket.write(Buffer.alloc(firstBytes, 'a'));
        return { answer };
      }),
    );

  it('thirty slow unsigned bodies held open grow its resident memory by less than 20 MB', async () => {
    const before = residentBytes(app.child.pid ?? 0);
    // Half as in the report (3.9 MB, over the cap), half under the cap (refused for want of a
    // signature); all but the last bytes sent, and the connections held open.
    const answers = [
      ...(await hold(slackHead({ contentLength: Math.floor(3.9 * MB) }), Math.floor(3.8 * MB), HELD / 2)),
      ...(await hold(slackHead({ contentLength: 900 * 1024 }), 850 * 1024, HELD / 2)),
    ];
    const peak = await peakResident(app.child.pid ?? 0, 2000);
    const growth = (peak - before) / MB;
    process.stdout.write(`RSS growth with ${HELD} slow unsigned bodies (3.9 MB and 900 KB): ${growth.toFixed(1)} MB\n`);
    expect(growth).toBeLessThan(20);
    // Each is answered at once (when the answer beats the reset of the connection) and closed.
    const seen = await Promise.all(answers.map(({ answer }) => answer));
    expect(seen.every(({ closed }) => closed)).toBe(true);
    expect(seen.slice(0, HELD / 2).every(({ status }) => status === 413 || status === null)).toBe(true);
    expect(seen.slice(HELD / 2).every(({ status }) => status === 401 || status === null)).toBe(true);
  }, 20_000);

  it('thirty slow bodies under the cap, with signature headers of the right form, grow it by less than 20 MB', async () => {
    const before = residentBytes(app.child.pid ?? 0);
    await hold(slackHead({ contentLength: 1_000_000, signature: FORGED_SIGNATURE }), 900_000);
    const peak = await peakResident(app.child.pid ?? 0, 2000);
    const growth = (peak - before) / MB;
    process.stdout.write(`RSS growth with ${HELD} slow signed-looking 1 MB bodies: ${growth.toFixed(1)} MB\n`);
    expect(growth).toBeLessThan(20);
  }, 20_000);

  it('drops a body sent at one byte a second within 10 seconds', async () => {
    const socket = await openSocket(app.port);
    sockets.push(socket);
    const started = Date.now();
    socket.write(slackHead({ contentLength: 1000, signature: FORGED_SIGNATURE }));
    const trickle = setInterval(() => !socket.destroyed && socket.write('a'), 1000);
    const answer = await readAnswer(socket, started, 12_000).finally(() => clearInterval(trickle));
    process.stdout.write(`a 1-byte-per-second body was dropped after ${answer.elapsedMs} ms (status ${answer.status})\n`);
    expect(answer.closed).toBe(true);
    expect(answer.elapsedMs).toBeLessThan(10_000);
  }, 20_000);

  it('drops a 50 MB Content-Length sent as a trickle at once, and still serves', async () => {
    const socket = await openSocket(app.port);
    sockets.push(socket);
    const started = Date.now();
    socket.write(slackHead({ contentLength: 50 * MB, signature: FORGED_SIGNATURE }));
    socket.write('a');
    const answer = await readAnswer(socket, started, 5000);
    expect(answer).toMatchObject({ status: 413, closed: true });
    expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
  });

  it('thirty connections pipelining 100,000 requests each, never reading the answers, are closed, and the app answers again at once', async () => {
    const before = residentBytes(app.child.pid ?? 0);
    const request = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
    await Promise.all(
      Array.from({ length: HELD }, async () => {
        const socket = await openSocket(app.port);
        socket.on('error', () => undefined);
        sockets.push(socket);
        socket.pause();
        for (let chunk = 0; chunk < 20; chunk += 1) socket.write(request.repeat(5000));
      }),
    );
    const peak = await peakResident(app.child.pid ?? 0, 3000);
    const growth = (peak - before) / MB;
    process.stdout.write(`RSS growth with ${HELD} connections pipelining 100,000 unread requests each: ${growth.toFixed(1)} MB\n`);
    // Node parses a whole read (64 KB, some 1,700 requests) before the connection can be closed:
    // that much per connection is still spent, so the bound is loose; before, it grew until the app stopped answering.
    expect(growth).toBeLessThan(100);
    const started = Date.now();
    expect((await fetch(`http://127.0.0.1:${app.port}/healthz`, { signal: AbortSignal.timeout(10_000) })).status).toBe(200);
    process.stdout.write(`after the pipelining flood, /healthz answered in ${Date.now() - started} ms\n`);
  }, 20_000);

  it('a client that keeps 300 silent connections open, reopening each as it closes, does not keep a request out', async () => {
    let flooding = true;
    const held = new Set<Socket>();
    const flood = async () => {
      while (flooding) {
        if (held.size >= 300) {
          await sleep(5);
          continue;
        }
        const socket = await openSocket(app.port).catch(() => null);
        if (!socket) continue;
        socket.on('error', () => undefined);
        held.add(socket);
        socket.once('close', () => held.delete(socket));
      }
    };
    const flooders = Array.from({ length: 8 }, flood);
    await sleep(1000);
    let answered = 0;
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const socket = await openSocket(app.port);
      socket.on('error', () => undefined);
      sockets.push(socket);
      const answer = readAnswer(socket, Date.now(), 2000);
      socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      if ((await answer).status === 200) answered += 1;
    }
    flooding = false;
    await Promise.all(flooders);
    for (const socket of held) socket.destroy();
    process.stdout.write(`under a flood of 300 silent connections, ${answered} of 20 requests were answered\n`);
    expect(answered).toBeGreaterThanOrEqual(15);
  }, 30_000);
});
