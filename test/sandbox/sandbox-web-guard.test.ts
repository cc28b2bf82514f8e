import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { channels, people } from '../support/demo-workspace';
import { pageTokenOf, SandboxAnswer, SandboxHttpClient, SandboxRequest, withinTestTime } from '../support/sandbox-http';

/**
 * `npm run sandbox` in its own process, attacked the way a web page the developer visits can
 * attack it (simple cross-site requests, DNS rebinding, the local Slack's Web API) and with
 * malformed input: it refuses each, and keeps serving.
 */
const MAIN = resolve(__dirname, '..', '..', 'dist', 'src', 'sandbox', 'main.js');
const HAND_EDIT = '# hand-edited: keep this line\n';
const EVIL = 'http://evil.example';

/**
 * `SANDBOX_GUARD_SCALE=50` runs the properties 50 times as long (a soak run: 15,000 runs each);
 * the tests' time grows with it, and a property stops before Jest's time-out would stop the sandbox under it.
 */
const SCALE = Math.max(1, Number(process.env.SANDBOX_GUARD_SCALE ?? 1) || 1);
const TEST_MS = 60_000 * SCALE;
jest.setTimeout(TEST_MS);

describe('the sandbox against a web page and malformed input (its own process)', () => {
  let child: ChildProcess;
  let dataDir: string;
  let port = 0;
  let own = '';
  let token = '';
  let stderr = '';

  const client = new SandboxHttpClient(() => port);
  const send = (sent: SandboxRequest): Promise<SandboxAnswer> => client.send(sent);

  const json = { 'content-type': 'application/json' };
  const fromThePage = () => ({ ...json, origin: own, 'sec-fetch-site': 'same-origin', 'x-sandbox-token': token });
  const screenPath = `/sandbox/screen?as=${people.karen.id}&conversation=app-messages&tz=UTC`;
  const stillServes = async () => {
    expect(child.exitCode).toBeNull();
    expect((await send({ path: screenPath })).status).toBe(200);
  };
  const configKept = () => expect(readFileSync(join(dataDir, 'helpdesk.yml'), 'utf8')).toContain(HAND_EDIT);

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error('dist/ is missing: run `npm test` (it builds first) or `npm run build`');
    dataDir = mkdtempSync(join(tmpdir(), 'helpdesk-sandbox-guard-'));
    // The first start writes the demo helpdesk.yml; the developer then edits it by hand.
    const start = () => {
      const started = spawn(process.execPath, [MAIN, '--port', '0', '--data', dataDir], { env: { PATH: process.env.PATH ?? '' } });
      started.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      return new Promise<[ChildProcess, number]>((done, fail) => {
        let stdout = '';
        started.stdout?.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const url = /open http:\/\/localhost:(\d+)/.exec(stdout);
          if (url) done([started, Number(url[1])]);
        });
        started.on('exit', (code) => fail(new Error(`the sandbox exited (${code}): ${stderr}`)));
      });
    };
    [child, port] = await start();
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
    appendFileSync(join(dataDir, 'helpdesk.yml'), HAND_EDIT);
    [child, port] = await start();
    own = `http://localhost:${port}`;
    token = await pageTokenOf(own);
  });

  afterAll(async () => {
    client.stop();
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a cross-site text/plain POST to act: no reset, helpdesk.yml keeps the hand edit', async () => {
    const reset = JSON.stringify({ kind: 'reset' });
    // What a page's fetch(…, { mode: 'no-cors' }) or a form with enctype text/plain sends.
    const crossSite = await send({ method: 'POST', path: '/sandbox/act', headers: { 'content-type': 'text/plain', origin: EVIL, 'sec-fetch-site': 'cross-site' }, body: reset });
    expect(crossSite.status).toBe(403);
    // Even from the page itself, an act must say it is JSON.
    const plain = await send({ method: 'POST', path: '/sandbox/act', headers: { ...fromThePage(), 'content-type': 'text/plain' }, body: reset });
    expect(plain).toEqual({ status: 400, body: JSON.stringify({ ok: false, error: 'The sandbox takes acts as Content-Type: application/json only.' }) });
    configKept();
  });

  it("refuses an act without the page's token, or with another one", async () => {
    const body = JSON.stringify({ kind: 'compose', as: people.karen.id, conversation: 'app-messages', text: '/ticket Entire mobile online banking is down' });
    for (const headers of [
      { ...json, origin: own },
      { ...json, origin: own, 'x-sandbox-token': 'xoxb-sandbox-helpdesk' },
      { ...json, 'x-sandbox-token': `${token}x` },
    ]) {
      const answer = await send({ method: 'POST', path: '/sandbox/act', headers, body });
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body)).toEqual({ ok: false, error: "This request does not carry the sandbox page's token: reload the page." });
    }
    const carried = await send({ method: 'POST', path: '/sandbox/act', headers: { ...json, origin: own, 'x-sandbox-token': token }, body });
    expect(carried).toEqual({ status: 200, body: JSON.stringify({ ok: true }) });
    configKept();
  });

  it('refuses a Host that is not one of its own names on the page, reads, server-sent events, acts and the Web API (DNS rebinding)', async () => {
    const rebound = { host: `evil.example:${port}` };
    for (const path of ['/', '/sandbox/sandbox.js', screenPath, '/sandbox/events']) expect([path, (await send({ path, headers: rebound })).status]).toEqual([path, 421]);
    expect((await send({ method: 'POST', path: '/sandbox/act', headers: { ...fromThePage(), ...rebound }, body: '{"kind":"reset"}' })).status).toBe(421);
    expect((await send({ method: 'POST', path: '/api/auth.test', headers: rebound })).status).toBe(421);
    expect((await send({ path: screenPath, headers: { host: `localhost:${port + 1}` } })).status).toBe(421);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) expect([host, (await send({ path: screenPath, headers: { host } })).status]).toEqual([host, 200]);
    configKept();
  });

  it('refuses a foreign Origin, and cross-site requests other than following a link to the page', async () => {
    for (const origin of [EVIL, 'null', `http://localhost:${port + 1}`]) {
      for (const path of ['/', screenPath, '/sandbox/events']) expect([origin, path, (await send({ path, headers: { origin } })).status]).toEqual([origin, path, 403]);
      expect((await send({ method: 'POST', path: '/sandbox/act', headers: { ...fromThePage(), origin }, body: '{"kind":"reset"}' })).status).toBe(403);
    }
    // <img src> or <script src> on another site: no Origin, but the browser says cross-site.
    for (const path of [screenPath, '/sandbox/events']) expect((await send({ path, headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' } })).status).toBe(403);
    const link = await send({ path: '/', headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' } });
    expect(link.status).toBe(200);
    const framed = await send({ path: '/', headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' } });
    expect(framed.status).toBe(403);
    configKept();
  });

  it('answers `{` sent as text/plain; x=application/json with a 4xx, on acts and on the Web API, and keeps serving', async () => {
    const odd = { 'content-type': 'text/plain; x=application/json' };
    expect((await send({ method: 'POST', path: '/sandbox/act', headers: { ...fromThePage(), ...odd }, body: '{' })).status).toBe(400);
    expect((await send({ method: 'POST', path: '/sandbox/act', headers: fromThePage(), body: '{' })).status).toBe(400);
    // The Web API answers as Slack does: HTTP 200 with ok:false and the error's name.
    const api = await send({ method: 'POST', path: '/api/chat.postMessage', headers: odd, body: '{' });
    expect(api.status).toBe(200);
    expect(JSON.parse(api.body)).toEqual({ ok: false, error: 'not_authed' });
    expect(JSON.parse((await send({ method: 'POST', path: '/api/chat.postMessage', headers: json, body: '{' })).body)).toEqual({ ok: false, error: 'invalid_json' });
    expect(JSON.parse((await send({ method: 'POST', path: '/api/chat.postMessage', headers: json, body: '[1]' })).body)).toEqual({ ok: false, error: 'json_not_object' });
    expect(JSON.parse((await send({ method: 'POST', path: '/api/chat.postMessage', headers: { 'content-type': 'image/png' }, body: 'x' })).body)).toEqual({ ok: false, error: 'invalid_post_type' });
    const tooLarge = await send({ method: 'POST', path: '/sandbox/act', headers: { ...fromThePage(), 'content-length': '2000000' }, body: '' });
    expect(tooLarge.status).toBe(413);
    await stillServes();
  });

  it("does not let a form POST to the local Slack's Web API post as the app with the old fixed token", async () => {
    const form = new URLSearchParams({ token: 'xoxb-sandbox-helpdesk', channel: channels.support, text: '<!channel> posted by a web page' }).toString();
    const urlencoded = { 'content-type': 'application/x-www-form-urlencoded' };
    const fromAPage = await send({ method: 'POST', path: '/api/chat.postMessage', headers: { ...urlencoded, origin: EVIL, 'sec-fetch-site': 'cross-site' }, body: form });
    expect(fromAPage.status).toBe(403);
    const withoutBrowserHeaders = await send({ method: 'POST', path: '/api/chat.postMessage', headers: urlencoded, body: form });
    expect(JSON.parse(withoutBrowserHeaders.body)).toEqual({ ok: false, error: 'invalid_auth' });
    const john = await send({ path: `/sandbox/screen?as=${people.john.id}&conversation=${channels.support}&tz=UTC` });
    expect((JSON.parse(john.body) as { messagesHtml: string }).messagesHtml).not.toContain('posted by a web page');
  });

  it('answers every route below 500 whatever the body, content type and headers, and stays up', async () => {
    const startedAt = Date.now();
    const printable = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength });
    const paths = fc.constantFrom(
      '/',
      '/sandbox/sandbox.js',
      '/sandbox/sandbox.css',
      screenPath,
      `/sandbox/screen?as=${people.john.id}&conversation=${channels.support}&thread=1.2&tz=Mars/Base`,
      '/sandbox/screen?as=&conversation=&tz=',
      '/sandbox/events',
      '/sandbox/act',
      '/api/chat.postMessage',
      '/api/views.update',
      '/api/auth.test',
      '/response/R1',
      '/nowhere',
    );
    /** Mostly what the page sends, so that most requests get past the door and into the routes. */
    const mostly = <T, U>(usual: fc.Arbitrary<T>, other: fc.Arbitrary<U>) => fc.oneof({ arbitrary: usual, weight: 4 }, { arbitrary: other, weight: 1 });
    const person = mostly(fc.constantFrom(people.karen.id, people.john.id, people.jerry.id), printable(12));
    const ts = mostly(fc.constantFrom('1.000001', '9999999999.999999'), printable(12));
    const anyText = fc.oneof(fc.constantFrom('/ticket', '/ticket Printer & scanner down', '/nothing', '<!channel> <@U0JOHN>'), fc.string({ maxLength: 60 }));
    const values = fc.dictionary(printable(12), fc.oneof(fc.string(), fc.constant(null), fc.array(fc.string())));
    /** Acts shaped as the page sends them, with odd values; then anything at all. */
    const acts = fc.oneof(
      fc.record({
        kind: fc.constant('compose'),
        as: person,
        conversation: mostly(fc.constantFrom('app-messages', channels.support, channels.general), printable(12)),
        thread: fc.option(ts),
        text: anyText,
      }),
      fc.record({
        kind: fc.constant('click'),
        as: person,
        channel: fc.constantFrom(channels.support, 'D0KAREN', 'C0NONE'),
        ts,
        blockId: printable(12),
        actionId: printable(12),
        choice: fc.option(printable(12)),
      }),
      fc.record({ kind: fc.constant('shortcut'), as: person, channel: fc.constantFrom(channels.general, 'C0NONE'), ts, callbackId: fc.constantFrom('create_ticket_from_message', 'x') }),
      fc.record({ kind: fc.constant('submit'), as: person, viewId: fc.constantFrom('V00000001', 'V00000002', 'V404'), values }),
      fc.record({ kind: fc.constant('close'), as: person, viewId: fc.constantFrom('V00000001', 'V404') }),
      fc.record({ kind: fc.constantFrom('reset', 'fly', 'compose'), as: fc.anything(), text: fc.anything() }, { requiredKeys: ['kind'] }),
    );
    const bodies = fc.oneof(
      { arbitrary: acts.map((value) => JSON.stringify(value)), weight: 3 },
      fc.json(),
      fc.string({ maxLength: 200 }),
      fc.constantFrom('', '{', '[]', 'null', '{"kind":null}', 'token=xoxb-sandbox-helpdesk&channel=C0SUPPORT&text=hi'),
    );
    const contentTypes = fc.oneof(
      fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'APPLICATION/JSON ; charset="UTF-8"',
        'text/plain; x=application/json',
        'application/json; charset=latin-7',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json;;',
        '',
      ),
      printable(40),
    );
    const requests = fc.record({
      method: mostly(fc.constantFrom('GET', 'POST'), fc.constantFrom('PUT', 'DELETE', 'OPTIONS', 'HEAD')),
      path: paths,
      body: bodies,
      contentType: mostly(fc.constant('application/json'), fc.option(contentTypes)),
      host: mostly(fc.constantFrom(`127.0.0.1:${port}`, `[::1]:${port}`, `localhost:${port}`, `LOCALHOST:${port}`), fc.oneof(fc.constant('localhost'), printable(30))),
      origin: mostly(fc.constantFrom(null, own), fc.oneof(fc.constantFrom('null', EVIL), printable(30))),
      token: mostly(fc.constant(token), fc.option(printable(43))),
      site: mostly(fc.constantFrom(null, 'same-origin'), fc.constantFrom('same-site', 'cross-site', 'none')),
    });
    await fc.assert(
      fc.asyncProperty(requests, async ({ method, path, body, contentType, host, origin, token: given, site }) => {
        const headers: Record<string, string> = {
          ...(host === null ? {} : { host }),
          ...(contentType === null ? {} : { 'content-type': contentType }),
          ...(origin === null ? {} : { origin }),
          ...(given === null ? {} : { 'x-sandbox-token': given }),
          ...(site === null ? {} : { 'sec-fetch-site': site }),
        };
        const answer = await send({ method, path, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body });
        if (answer.status >= 500 || answer.status < 200) throw new Error(`${method} ${path} ${JSON.stringify(headers)} answered ${answer.status}: ${answer.body}`);
      }),
      { numRuns: 300 * SCALE, ...withinTestTime(startedAt, TEST_MS) },
    );
    // Past the door: what the page itself could send, with random bodies, content types and queries.
    const screenQueries = fc
      .record(
        {
          as: fc.oneof(fc.constant(people.karen.id), printable(12)),
          conversation: fc.oneof(fc.constantFrom('app-messages', 'about', channels.support, 'D0KAREN'), printable(12)),
          thread: fc.oneof(fc.constantFrom('1.2', '99999999999.999999'), printable(12)),
          tz: fc.oneof(fc.constantFrom('UTC', 'Europe/London'), printable(20)),
        },
        { requiredKeys: [] },
      )
      .map((query) => `/sandbox/screen?${new URLSearchParams(query)}`);
    const fromPage = fc.oneof(
      fc.record({
        method: fc.constant('POST'),
        path: fc.constant('/sandbox/act'),
        body: bodies,
        contentType: mostly(fc.constantFrom('application/json', 'application/json; charset=utf-8'), contentTypes),
      }),
      fc.record({ method: fc.constant('GET'), path: screenQueries, body: fc.constant(''), contentType: fc.constant('') }),
    );
    await fc.assert(
      fc.asyncProperty(fromPage, async ({ method, path, body, contentType }) => {
        const answer = await send({ method, path, headers: { ...fromThePage(), 'content-type': contentType }, body: method === 'GET' ? undefined : body });
        if (answer.status >= 500 || answer.status < 200) throw new Error(`${method} ${path} ${contentType} ${body} answered ${answer.status}: ${answer.body}`);
      }),
      { numRuns: 300 * SCALE, ...withinTestTime(startedAt, TEST_MS) },
    );
    await stillServes();
    // A request that failed inside would have been a 500 and a line on stderr.
    expect(stderr).not.toContain('failed');
  });
});
