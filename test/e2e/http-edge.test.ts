import { Socket } from 'node:net';
import { signRequest } from '../../src/sandbox/local-slack/slack-requests';
import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { people } from '../support/demo-workspace';
import { Harness, SIGNING_SECRET, startHarness } from '../support/helpdesk-harness';
import { FORGED_SIGNATURE, openSocket, readAnswer, slackHead } from '../support/raw-http';

const MB = 1024 * 1024;
const YEAR_SECONDS = 365 * 24 * 3600;

describe('the Slack-facing HTTP port against the internet', () => {
  let harness: Harness;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    harness = await startHarness({ edgeLimits: { maxConnections: 6, maxBufferedBytes: 2_500_000 } });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.destroy();
  });
  afterAll(async () => {
    await harness.stop();
  });

  const port = () => harness.helpdesk.port ?? 0;
  const open = async () => {
    const socket = await openSocket(port());
    socket.on('error', () => undefined);
    sockets.push(socket);
    return socket;
  };

  it('refuses a Content-Length over 1 MB at once (413) and closes the connection without reading the body', async () => {
    const socket = await open();
    const started = Date.now();
    socket.write(slackHead({ contentLength: 50 * MB, signature: FORGED_SIGNATURE }));
    socket.write('payload=');
    const answer = await readAnswer(socket, started, 3000);
    expect(answer).toMatchObject({ status: 413, closed: true });
    expect(answer.elapsedMs).toBeLessThan(500);
  });

  it('refuses a chunked body once it grows past 1 MB (413)', async () => {
    const socket = await open();
    const started = Date.now();
    socket.write(slackHead({ chunked: true, signature: FORGED_SIGNATURE }));
    const chunk = Buffer.alloc(256 * 1024, 'a');
    for (let sent = 0; sent < 5 && !socket.destroyed; sent += 1) socket.write(`${chunk.length.toString(16)}\r\n${chunk.toString()}\r\n`);
    const answer = await readAnswer(socket, started, 3000);
    expect(answer).toMatchObject({ status: 413, closed: true });
  });

  it('refuses a request without the signature headers (401) before its body arrives', async () => {
    const socket = await open();
    const started = Date.now();
    socket.write(slackHead({ contentLength: 900 * 1024 }));
    const answer = await readAnswer(socket, started, 3000);
    expect(answer).toMatchObject({ status: 401, closed: true });
    expect(answer.elapsedMs).toBeLessThan(500);
  });

  it('refuses a timestamp that is not whole seconds, before the body', async () => {
    for (const stamp of ['1e9', '-5', '', `${Math.floor(Date.now() / 1000)}.5`]) {
      const socket = await open();
      const started = Date.now();
      socket.write(
        [
          'POST /slack/events HTTP/1.1',
          'Host: x',
          'Content-Type: application/json',
          'Content-Length: 100',
          `X-Slack-Request-Timestamp: ${stamp}`,
          `X-Slack-Signature: ${FORGED_SIGNATURE}`,
          '',
          '',
        ].join('\r\n'),
      );
      expect(await readAnswer(socket, started, 3000)).toMatchObject({ status: 401, closed: true });
    }
  });

  it('refuses a correctly signed request dated a year ahead, and one six minutes ahead (401), and files nothing', async () => {
    for (const ahead of [YEAR_SECONDS, 6 * 60]) {
      const response = await harness.requests.slashCommand(people.karen.id, 'Entire mobile online banking is down', 'C0GENERAL', { timestamp: Math.floor(Date.now() / 1000) + ahead });
      expect(response.status).toBe(401);
    }
    expect(harness.slack.callsTo('views.open')).toHaveLength(0);
    expect(await harness.helpdesk.db.manager.count(TicketEntity)).toBe(0);
  });

  it('still takes a request from a Slack whose clock is a minute ahead or behind', async () => {
    for (const skew of [60, -60]) {
      const response = await harness.requests.slashCommand(people.karen.id, 'Entire mobile online banking is down', 'C0GENERAL', { timestamp: Math.floor(Date.now() / 1000) + skew });
      expect(response.status).toBe(200);
    }
  });

  it('holds at most its memory budget of bodies at once, and answers 503 to the body that would exceed it', async () => {
    const holding = await Promise.all([open(), open()]);
    for (const socket of holding) socket.write(slackHead({ contentLength: 1_000_000, signature: FORGED_SIGNATURE }) + 'a'.repeat(1000));
    await new Promise((settle) => setTimeout(settle, 100));
    const third = await open();
    const started = Date.now();
    third.write(slackHead({ contentLength: 1_000_000, signature: FORGED_SIGNATURE }));
    expect(await readAnswer(third, started, 3000)).toMatchObject({ status: 503, closed: true });
    for (const socket of holding) socket.destroy();
    await new Promise((settle) => setTimeout(settle, 100));
    // Their share is given back: a 600 KB body fits again.
    const padded = await harness.requests.post(JSON.stringify({ type: 'app_rate_limited', team_id: 'T1', pad: 'x'.repeat(600_000) }), 'application/json');
    expect(padded.status).toBe(200);
  });

  it('does not let one client hold every connection: a new one takes the place of the oldest idle one, so Slack still gets through', async () => {
    const held = await Promise.all(Array.from({ length: 6 }, () => open()));
    const closed = held.map((socket) => readAnswer(socket, Date.now(), 1500));
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const slack = await open();
      const answer = readAnswer(slack, Date.now(), 2000);
      slack.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      expect((await answer).status).toBe(200);
    }
    // Room was made from the idle connections, oldest first: the newest held one is still open.
    expect((await Promise.all(closed)).map((answer) => answer.closed).at(-1)).toBe(false);
  });

  it('closes a connection that pipelines more requests than it reads answers', async () => {
    const socket = await open();
    const request = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
    // Two requests at once, as a client may: both answered, the connection kept.
    const first = readAnswer(socket, Date.now(), 500);
    socket.write(request.repeat(2));
    const answered = await first;
    expect(answered.closed).toBe(false);
    expect(answered.text.split('HTTP/1.1 200').length - 1).toBe(2);
    const flood = readAnswer(socket, Date.now(), 3000);
    socket.write(request.repeat(2000));
    const read = await flood;
    expect(read.closed).toBe(true);
    expect(read.text.split('HTTP/1.1 200').length - 1).toBeLessThan(10);
  });

  it('drops a body that does not arrive within the request time-out (408)', async () => {
    const socket = await open();
    const started = Date.now();
    socket.write(slackHead({ contentLength: 100, signature: FORGED_SIGNATURE }));
    const trickle = setInterval(() => !socket.destroyed && socket.write('a'), 1000);
    const answer = await readAnswer(socket, started, 9000).finally(() => clearInterval(trickle));
    expect(answer.closed).toBe(true);
    expect(answer.status).toBe(408);
    expect(answer.elapsedMs).toBeLessThan(7000);
  }, 15_000);

  it('closes a connection that sends nothing, or trickles its headers, within the header time-out', async () => {
    const silent = await open();
    const trickling = await open();
    const started = Date.now();
    const head = slackHead({ contentLength: 10, signature: FORGED_SIGNATURE });
    let sent = 0;
    const trickle = setInterval(() => !trickling.destroyed && trickling.write(head.charAt(sent++)), 500);
    const [quiet, slow] = await Promise.all([readAnswer(silent, started, 9000), readAnswer(trickling, started, 9000)]).finally(() => clearInterval(trickle));
    expect([quiet.closed, slow.closed]).toEqual([true, true]);
    expect(Math.max(quiet.elapsedMs, slow.elapsedMs)).toBeLessThan(7000);
  }, 15_000);

  it("answers Slack's unsigned ssl_check and its signed url_verification as Bolt did", async () => {
    const ssl = await fetch(`http://127.0.0.1:${port()}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'ssl_check=1&token=unused' });
    expect(ssl.status).toBe(200);
    const smuggled = await fetch(`http://127.0.0.1:${port()}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `command=%2Fticket&user_id=${people.karen.id}&channel_id=C0GENERAL&trigger_id=x`,
    });
    expect(smuggled.status).toBe(401);
    const challenge = await harness.requests.post(JSON.stringify({ token: 'unused', challenge: 'c0ffee', type: 'url_verification' }), 'application/json');
    expect({ status: challenge.status, body: challenge.json() }).toEqual({ status: 200, body: { challenge: 'c0ffee' } });
  });

  it('serves only an up-or-down /healthz on this port, and no metrics', async () => {
    const health = await fetch(`http://127.0.0.1:${port()}/healthz`);
    expect({ status: health.status, body: await health.text() }).toEqual({ status: 200, body: 'ok\n' });
    expect((await fetch(`http://127.0.0.1:${port()}/metrics`)).status).toBe(404);
  });

  it('refuses a request whose signature does not match its body, after reading it (401)', async () => {
    const body = 'command=%2Fticket&text=hello';
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await harness.requests.post(body, 'application/x-www-form-urlencoded', { timestamp, signature: signRequest(SIGNING_SECRET, timestamp, `${body}x`) });
    expect(response.status).toBe(401);
  });
});
