import fc from 'fast-check';
import { CachedReading } from '../../src/observability/cached-reading';
import { checkSignatureHeaders, MAX_CLOCK_SKEW_SECONDS } from '../../src/slack/receiver/signature-headers';
import { readSlackPayload, readSocketPayload } from '../../src/slack/receiver/slack-payload';
import { createRootLogger } from '../../src/observability/logger';
import { libraryLogger } from '../../src/observability/slack-logger';

const NOW_MS = Date.UTC(2026, 10, 30, 9, 0, 0);
const NOW_S = NOW_MS / 1000;
const SIGNATURE = `v0=${'0f'.repeat(32)}`;

describe('checkSignatureHeaders', () => {
  const check = (stamp: string | undefined, signature: string | undefined) =>
    checkSignatureHeaders({ ...(stamp === undefined ? {} : { 'x-slack-request-timestamp': stamp }), ...(signature === undefined ? {} : { 'x-slack-signature': signature }) }, NOW_MS);

  it('takes a timestamp within five minutes either way, and refuses one further off either way', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10 * 365 * 86400, max: 10 * 365 * 86400 }), (offset) => {
        expect(check(String(NOW_S + offset), SIGNATURE).ok).toBe(Math.abs(offset) <= MAX_CLOCK_SKEW_SECONDS);
      }),
    );
  });

  it('refuses missing headers, timestamps that are not whole seconds and signatures that are not v0 hex', () => {
    for (const [stamp, signature] of [
      [undefined, SIGNATURE],
      [String(NOW_S), undefined],
      [`${NOW_S}.0`, SIGNATURE],
      [`+${NOW_S}`, SIGNATURE],
      [' 1', SIGNATURE],
      [String(NOW_S), 'v1=abc'],
      [String(NOW_S), `v0=${'g'.repeat(64)}`],
    ] as const) {
      expect(check(stamp, signature).ok).toBe(false);
    }
  });
});

describe('readSlackPayload', () => {
  it('reads what Slack sends: events, url_verification, commands, payloads, ssl_check', () => {
    expect(readSlackPayload('{"type":"url_verification","challenge":"c"}', 'application/json')).toEqual({ kind: 'url_verification', challenge: 'c' });
    expect(readSlackPayload('ssl_check=1&token=x', 'application/x-www-form-urlencoded')).toEqual({ kind: 'ssl_check' });
    expect(readSlackPayload('{"type":"event_callback","event":{"type":"message","channel":"D1"}}', 'application/json; charset=utf-8')).toMatchObject({ kind: 'bolt', eventsApi: true });
    expect(readSlackPayload('{"type":"app_rate_limited"}', 'application/json')).toEqual({ kind: 'unhandled', type: 'app_rate_limited', eventsApi: true });
    expect(readSlackPayload(`payload=${encodeURIComponent('{"type":"view_closed","user":{"id":"U1"}}')}`, 'application/x-www-form-urlencoded')).toEqual({
      kind: 'unhandled',
      type: 'view_closed',
      eventsApi: false,
    });
  });

  it('never throws, whatever the text and content type', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', undefined), (text, type) => {
        expect(() => readSlackPayload(text, type)).not.toThrow();
      }),
    );
  });
});

describe('readSocketPayload', () => {
  const command = { command: '/ticket', user_id: 'U1', channel_id: 'C1', text: 'down', trigger_id: 't.1', response_url: 'https://hooks.slack.com/commands/1' };

  it('reads a Socket Mode envelope as the same payload over HTTP is read', () => {
    expect(readSocketPayload('slash_commands', command)).toEqual({ kind: 'bolt', body: command, eventsApi: false });
    expect(readSocketPayload('slash_commands', { ...command, trigger_id: 7 })).toEqual({ kind: 'malformed', reason: 'a command field given twice or not text' });
    expect(readSocketPayload('slash_commands', 'text')).toMatchObject({ kind: 'malformed' });
    expect(readSocketPayload('hello', {})).toEqual({ kind: 'unhandled', type: 'hello', eventsApi: false });
  });

  it('agrees with readSlackPayload on every JSON body, for events and interactivity alike', () => {
    const body = fc.oneof(
      fc.json().map((text) => JSON.parse(text) as unknown),
      fc.record({ type: fc.constantFrom('event_callback', 'block_actions', 'view_submission', 'view_closed', 'app_rate_limited'), event: fc.record({ type: fc.string() }) }),
    );
    fc.assert(
      fc.property(body, (value) => {
        expect(readSocketPayload('events_api', value)).toEqual(readSlackPayload(JSON.stringify(value), 'application/json'));
        expect(readSocketPayload('interactive', value)).toEqual(readSlackPayload(`payload=${encodeURIComponent(JSON.stringify(value))}`, 'application/x-www-form-urlencoded'));
      }),
    );
  });
});

describe('CachedReading', () => {
  it('shares one read between concurrent callers and within its time to live, and reads again after', async () => {
    let now = 0;
    let loads = 0;
    const reading = new CachedReading(
      1000,
      async () => ++loads,
      () => now,
    );
    expect(await Promise.all(Array.from({ length: 20 }, () => reading.get()))).toEqual(Array.from({ length: 20 }, () => 1));
    now = 999;
    expect(await reading.get()).toBe(1);
    now = 1000;
    expect(await reading.get()).toBe(2);
    expect(reading.reads).toBe(2);
  });

  it('does not keep a failed read', async () => {
    let fail = true;
    const reading = new CachedReading(1000, async () => {
      if (fail) throw new Error('database down');
      return 'ok';
    });
    await expect(reading.get()).rejects.toThrow('database down');
    fail = false;
    expect(await reading.get()).toBe('ok');
  });
});

describe('libraryLogger', () => {
  it("keeps the words of the Slack libraries' debug lines and leaves out the bodies they carry", () => {
    const lines: string[] = [];
    const logger = libraryLogger(createRootLogger('debug', { write: (line: string) => lines.push(line.trimEnd()) }));
    logger.debug('http request body: {"text":"Entire mobile online banking is down","token":"xoxb-1"}');
    logger.debug(`ack() call begins (body: {"text":"my PIN is 4711"})`);
    logger.debug("apiCall('chat.postMessage') start");
    logger.debug('{"token":"xoxb-1"}');
    logger.debug({ text: 'secret' });
    logger.warn('http request failed', 'connect ECONNREFUSED');
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual([
      'http request body (details left out)',
      'ack() call begins (details left out)',
      "apiCall('chat.postMessage') start",
      '(details left out)',
      '(details left out)',
      'http request failed',
    ]);
    expect(lines.join('\n')).not.toMatch(/banking|4711|xoxb|secret/);
  });
});
