import { LogLevel } from '@slack/logger';
import { SocketModeClient } from '@slack/socket-mode';
import { WebClient } from '@slack/web-api';
import { connect as connectTcp } from 'node:net';
// The WebSocket client @slack/socket-mode itself uses: these tests read Slack's frames as they are.
import { WebSocket } from 'undici';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { LOCAL_APP_ID, MAX_CONNECTIONS } from '../../src/sandbox/local-slack/socket-mode';
import { BOT_TOKEN, startLocalSlack } from '../support/helpdesk-harness';
import { errorOf } from '../support/local-slack-client';

type Json = Record<string, unknown>;

/** Polls `check` every 10 ms until it holds, or fails after `timeoutMs`. */
const until = async (check: () => boolean, timeoutMs: number, what: string): Promise<void> => {
  for (const start = Date.now(); !check(); await new Promise((wait) => setTimeout(wait, 10))) {
    if (Date.now() - start > timeoutMs) throw new Error(`no ${what} within ${timeoutMs} ms`);
  }
};

/** A raw Socket Mode connection: every frame Slack sends, parsed, in order. */
const connect = async (slack: LocalSlack): Promise<{ ws: WebSocket; frames: Json[]; next: (type?: string) => Promise<Json>; closed: Promise<number> }> => {
  const app = new WebClient(slack.socketMode.appToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  const { url } = await app.apps.connections.open({});
  const ws = new WebSocket(String(url));
  const frames: Json[] = [];
  const waiters: (() => void)[] = [];
  ws.addEventListener('message', (event) => {
    frames.push(JSON.parse(String(event.data)) as Json);
    waiters.splice(0).forEach((wake) => wake());
  });
  const closed = new Promise<number>((resolve) => ws.addEventListener('close', (event) => resolve(event.code)));
  let read = 0;
  const next = async (type?: string): Promise<Json> => {
    for (;;) {
      while (read < frames.length) {
        const frame = frames[read++] as Json;
        if (!type || frame.type === type) return frame;
      }
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { ws, frames, next, closed };
};

describe("the local Slack's Socket Mode", () => {
  let slack: LocalSlack;
  beforeEach(async () => {
    slack = await startLocalSlack();
  });
  afterEach(async () => {
    await slack.stop();
  });

  it('opens a connection only with the app-level token, in the Authorization header', async () => {
    const call = (token: string) => new WebClient(token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }).apps.connections.open({});
    expect(await errorOf(call(BOT_TOKEN))).toBe('not_allowed_token_type');
    expect(await errorOf(call('xapp-1-A0OTHER-1-wrong'))).toBe('invalid_auth');
    const inTheBody = await fetch(`${slack.apiUrl}apps.connections.open`, { method: 'POST', body: new URLSearchParams({ token: slack.socketMode.appToken }) });
    expect(await inTheBody.json()).toEqual({ ok: false, error: 'not_authed' });
    const opened = await call(slack.socketMode.appToken);
    expect(opened.url).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/link/\\?ticket=[0-9a-f]+&app_id=${LOCAL_APP_ID}$`));
  });

  it('says hello with the number of connections, debug and connection info; a ticket works once', async () => {
    const first = await connect(slack);
    expect(await first.next()).toEqual({
      type: 'hello',
      num_connections: 1,
      debug_info: { host: expect.any(String), build_number: expect.any(Number), approximate_connection_time: expect.any(Number) },
      connection_info: { app_id: LOCAL_APP_ID },
    });
    const second = await connect(slack);
    expect(await second.next()).toMatchObject({ type: 'hello', num_connections: 2 });
    const reused = new WebSocket(first.ws.url);
    const refused = await new Promise<string>((resolve) => reused.addEventListener('error', () => resolve('refused')));
    expect(refused).toBe('refused');
    first.ws.close(1000);
    second.ws.close(1000);
    expect(await first.closed).toBe(1000);
  });

  it('sends envelopes of each kind and hands back the acknowledgement, with its payload', async () => {
    const { ws, next } = await connect(slack);
    await next('hello');
    const command = slack.socketMode.deliver('slash_commands', { command: '/ticket', text: 'printer' });
    const envelope = await next();
    expect(envelope).toEqual({ envelope_id: expect.any(String), type: 'slash_commands', payload: { command: '/ticket', text: 'printer' }, accepts_response_payload: true });
    ws.send(JSON.stringify({ envelope_id: envelope.envelope_id, payload: { text: 'Only in a channel, please.' } }));
    expect(await command).toEqual({ envelope_id: envelope.envelope_id, payload: { text: 'Only in a channel, please.' } });

    const submission = slack.socketMode.deliver('interactive', { type: 'view_submission', view: { id: 'V1' } });
    const submitted = await next();
    expect(submitted).toMatchObject({ type: 'interactive', accepts_response_payload: true });
    ws.send(JSON.stringify({ envelope_id: submitted.envelope_id, payload: { response_action: 'errors', errors: { summary: 'Too short' } } }));
    expect((await submission)?.payload).toEqual({ response_action: 'errors', errors: { summary: 'Too short' } });

    for (const type of ['block_actions', 'message_action']) {
      const acted = slack.socketMode.deliver('interactive', { type });
      const sent = await next();
      expect(sent).toMatchObject({ type: 'interactive', payload: { type }, accepts_response_payload: false });
      ws.send(JSON.stringify({ envelope_id: sent.envelope_id }));
      expect(await acted).toEqual({ envelope_id: sent.envelope_id });
    }

    const event = slack.socketMode.deliver('events_api', { type: 'event_callback', event_id: 'Ev1', event: { type: 'message' } }, { attempt: 1, reason: 'timeout' });
    const delivered = await next();
    expect(delivered).toMatchObject({ type: 'events_api', accepts_response_payload: false, retry_attempt: 1, retry_reason: 'timeout', payload: { event_id: 'Ev1' } });
    ws.send(JSON.stringify({ envelope_id: delivered.envelope_id }));
    await event;
    expect(slack.socketMode.sent.every((sent) => sent.ack !== null)).toBe(true);
    ws.close();
  });

  it('sends disconnect messages (warning, refresh_requested, link_disabled); link_disabled closes the socket', async () => {
    const { next, closed } = await connect(slack);
    await next('hello');
    for (const reason of ['warning', 'refresh_requested'] as const) {
      slack.socketMode.disconnect(reason);
      expect(await next()).toEqual({ type: 'disconnect', reason, debug_info: { host: expect.any(String) } });
    }
    slack.socketMode.disconnect('link_disabled');
    expect(await next()).toMatchObject({ type: 'disconnect', reason: 'link_disabled' });
    expect(await closed).toBe(1000);
    expect(slack.socketMode.connectionCount).toBe(0);
  });

  it(`refuses a connection beyond ${MAX_CONNECTIONS} with too_many_websockets`, async () => {
    const open = [];
    for (let index = 0; index < MAX_CONNECTIONS; index += 1) open.push(await connect(slack));
    const extra = await connect(slack);
    expect(await extra.next()).toMatchObject({ type: 'disconnect', reason: 'too_many_websockets' });
    expect(slack.socketMode.connectionCount).toBe(MAX_CONNECTIONS);
    for (const { ws } of open) ws.close();
  });

  it('sends an event again, with retry_attempt, when its socket drops before the ack; a command is not sent again', async () => {
    const first = await connect(slack);
    await first.next('hello');
    slack.socketMode.dropAfterNextEnvelope();
    const event = slack.socketMode.deliver('events_api', { type: 'event_callback', event_id: 'Ev7', event: { type: 'message' } });
    expect(await first.next()).toMatchObject({ type: 'events_api', retry_attempt: 0, payload: { event_id: 'Ev7' } });
    expect(await first.closed).toBe(1006);
    // A command while no connection is open fails at once, as Slack tells the person.
    expect(await slack.socketMode.deliver('slash_commands', { command: '/ticket' })).toBeNull();
    const second = await connect(slack);
    await second.next('hello');
    const retried = await second.next();
    expect(retried).toMatchObject({ type: 'events_api', retry_attempt: 1, retry_reason: 'timeout', payload: { event_id: 'Ev7' } });
    second.ws.send(JSON.stringify({ envelope_id: retried.envelope_id }));
    expect(await event).toEqual({ envelope_id: retried.envelope_id });
    second.ws.close();
  });

  it('counts a connection lost when its process dies (the TCP connection ends without a close frame), and sends the event again', async () => {
    const { url } = await new WebClient(slack.socketMode.appToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }).apps.connections.open({});
    const link = new URL(String(url));
    const tcp = connectTcp(Number(link.port), link.hostname);
    let received = '';
    tcp.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    tcp.write(
      `GET ${link.pathname}${link.search} HTTP/1.1\r\nhost: ${link.host}\r\nupgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\nsec-websocket-version: 13\r\n\r\n`,
    );
    await slack.socketMode.waitForConnections(1);
    const event = slack.socketMode.deliver('events_api', { type: 'event_callback', event_id: 'Ev9', event: { type: 'message' } });
    await until(() => received.includes('Ev9'), 2000, 'envelope on the wire');
    // What the kernel does for a process killed with SIGKILL: a FIN, no close frame.
    tcp.end();
    await until(() => slack.socketMode.connectionCount === 0, 1000, 'connection counted lost');
    const second = await connect(slack);
    await second.next('hello');
    const retried = await second.next();
    expect(retried).toMatchObject({ type: 'events_api', retry_attempt: 1, payload: { event_id: 'Ev9' } });
    second.ws.send(JSON.stringify({ envelope_id: retried.envelope_id }));
    expect(await event).toEqual({ envelope_id: retried.envelope_id });
    second.ws.close();
  });

  it('answers pings, and lets the real Socket Mode client connect, reconnect after a drop, and close cleanly', async () => {
    const logged: string[] = [];
    const note = (...messages: unknown[]) => void logged.push(messages.map(String).join(' '));
    const logger = { debug: note, info: note, warn: note, error: note, setLevel: () => undefined, getLevel: () => LogLevel.DEBUG, setName: () => undefined };
    const client = new SocketModeClient({ appToken: slack.socketMode.appToken, clientPingTimeout: 600, clientOptions: { slackApiUrl: slack.apiUrl }, logger });
    const acks: string[] = [];
    client.on('slack_event', ({ ack, envelope_id: id }: { ack: () => Promise<void>; envelope_id: string }) => {
      acks.push(id);
      void ack();
    });
    await client.start();
    // Two seconds of the client's pings (every 200 ms, each wanting a pong within 600 ms) without a reconnect.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(slack.socketMode.connectionCount).toBe(1);
    expect(logged.filter((line) => line.includes("pong wasn't received"))).toEqual([]);
    slack.socketMode.drop();
    await slack.socketMode.waitForConnections(1, 5000);
    const answered = await slack.socketMode.deliver('events_api', { type: 'event_callback', event_id: 'Ev9', event: { type: 'app_mention' } });
    expect(answered?.envelope_id).toBe(acks.at(-1));
    const started = Date.now();
    await client.disconnect();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(slack.socketMode.connectionCount).toBe(0);
  });
});
