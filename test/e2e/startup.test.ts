import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { SlackRequests } from '../../src/sandbox/local-slack/slack-requests';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { BOT_TOKEN, SIGNING_SECRET, startLocalSlack } from '../support/helpdesk-harness';
import { requireBuiltApp, runApp, spawnApp, SPAWNED_APP_TEST_MS } from '../support/spawned-app';

jest.setTimeout(SPAWNED_APP_TEST_MS);

describe('starting the app', () => {
  let dir: string;
  beforeAll(requireBuiltApp);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'helpdesk-start-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** The app's config file and a local Slack to talk to, stopped afterwards. */
  const withSlackAndConfig = async (run: (slack: LocalSlack) => Promise<void>): Promise<void> => {
    const slack = await startLocalSlack();
    try {
      writeFileSync(join(dir, 'helpdesk.yml'), DEMO_CONFIG);
      await run(slack);
    } finally {
      await slack.stop();
    }
  };

  it('exits with the missing credentials named and a pointer to the README when nothing is set', async () => {
    const exit = await runApp(dir, {}).exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr).toBe(
      [
        'slack-helpdesk cannot start: the environment is not set up.',
        '  - SLACK_BOT_TOKEN: required',
        '  - SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
        'See "Create the Slack app" in README.md for where each value comes from.',
        '',
      ].join('\n'),
    );
  });

  it('prints the exact errors of a bad config file and exits', async () => {
    writeFileSync(join(dir, 'helpdesk.yml'), DEMO_CONFIG.replace('    channel: C0SYSADM\n', '').replace('priority: emergency', 'priority: urgent!'));
    const exit = await runApp(dir, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET }).exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr).toBe(
      [
        'slack-helpdesk cannot start: ./helpdesk.yml has errors.',
        '  - departments[1].channel: required',
        '  - help_topics[1].priority: Invalid option: expected one of "low"|"normal"|"high"|"emergency"',
        'See "Configuration" in README.md.',
        '',
      ].join('\n'),
    );
  });

  it('says where the config file should be when there is none', async () => {
    const exit = await runApp(dir, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET }).exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('./helpdesk.yml: not found (copy helpdesk.example.yml to helpdesk.yml, or set HELPDESK_CONFIG)');
  });

  it('stops with a clear message when Slack refuses the bot token', async () => {
    await withSlackAndConfig(async (slack) => {
      const exit = await runApp(dir, { SLACK_BOT_TOKEN: 'xoxb-revoked', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' }).exited;
      expect(exit.code).toBe(1);
      expect(exit.stderr).toBe('slack-helpdesk failed to start: Slack refused SLACK_BOT_TOKEN (invalid_auth). Check the token on the app\'s "OAuth & Permissions" page.\n');
    });
  });

  it('says Slack could not be reached, where, and the network error, when nothing listens at SLACK_API_URL', async () => {
    writeFileSync(join(dir, 'helpdesk.yml'), DEMO_CONFIG);
    const closed = createServer();
    await new Promise<void>((listening) => closed.listen(0, '127.0.0.1', listening));
    const { port } = closed.address() as AddressInfo;
    await new Promise((done) => closed.close(done));
    const exit = await runApp(dir, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `http://127.0.0.1:${port}/api/`, PORT: '0' }).exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr).toBe(
      `slack-helpdesk failed to start: Slack could not be reached at 127.0.0.1:${port} (ECONNREFUSED). Check the network, the DNS, any proxy or firewall on the way, and SLACK_API_URL.\n`,
    );
  });

  it('says Slack could not be reached when its host name does not resolve', async () => {
    writeFileSync(join(dir, 'helpdesk.yml'), DEMO_CONFIG);
    const exit = await runApp(dir, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: 'http://slack.invalid/api/', PORT: '0' }).exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr).toMatch(/^slack-helpdesk failed to start: Slack could not be reached at slack\.invalid \((ENOTFOUND|EAI_AGAIN)\)\. /);
    expect(exit.stderr).not.toContain('SLACK_BOT_TOKEN');
  });

  it('says Slack did not answer in time, and what Slack answered when it answers with an HTTP error', async () => {
    writeFileSync(join(dir, 'helpdesk.yml'), DEMO_CONFIG);
    const silent = createServer((request) => request.resume());
    const failing = createServer((_request, response) => response.writeHead(503).end());
    await Promise.all([silent, failing].map((server) => new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening))));
    const portOf = (server: Server) => (server.address() as AddressInfo).port;
    try {
      const [timedOut, unavailable] = await Promise.all(
        // Each with its own database: two apps migrating one SQLite file at once would trip over each other.
        [silent, failing].map(
          (server, index) =>
            runApp(dir, {
              SLACK_BOT_TOKEN: BOT_TOKEN,
              SLACK_SIGNING_SECRET: SIGNING_SECRET,
              SLACK_API_URL: `http://127.0.0.1:${portOf(server)}/api/`,
              PORT: '0',
              DATABASE_URL: `sqlite:data/${index}.sqlite`,
            }).exited,
        ),
      );
      expect(timedOut?.stderr).toBe(
        `slack-helpdesk failed to start: Slack could not be reached at 127.0.0.1:${portOf(silent)} (ETIMEDOUT). Check the network, the DNS, any proxy or firewall on the way, and SLACK_API_URL.\n`,
      );
      expect(unavailable?.stderr).toMatch(new RegExp(`^slack-helpdesk failed to start: Slack at 127\\.0\\.0\\.1:${portOf(failing)} answered HTTP 503 when the app checked SLACK_BOT_TOKEN\\.`));
    } finally {
      silent.closeAllConnections();
      await Promise.all([silent, failing].map((server) => new Promise((done) => server.close(done))));
    }
  });

  it('in Socket Mode, stops with a clear message when Slack refuses the app-level token', async () => {
    await withSlackAndConfig(async (slack) => {
      const exit = await runApp(dir, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-1-A0HELPDESK-1-revoked', SLACK_API_URL: slack.apiUrl }).exited;
      expect(exit.code).toBe(1);
      expect(exit.stderr).toBe(
        'slack-helpdesk failed to start: Slack refused the Socket Mode connection (invalid_auth). Check SLACK_APP_TOKEN: an app-level token with connections:write, on the app\'s "Basic Information" page.\n',
      );
      expect(slack.callsTo('apps.connections.open')).toHaveLength(1);
    });
  });

  it('in Socket Mode, the built app connects, takes /ticket over the socket, answers /healthz on PORT (down while the socket is), and stops cleanly', async () => {
    await withSlackAndConfig(async (slack) => {
      const app = await spawnApp(dir, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: slack.socketMode.appToken, SLACK_API_URL: slack.apiUrl, PORT: '0', LOG_LEVEL: 'info' });
      const health = async () => (await fetch(`http://127.0.0.1:${app.port}/healthz`)).status;
      try {
        expect(slack.socketMode.connectionCount).toBe(1);
        expect(await health()).toBe(200);
        const requests = new SlackRequests(slack, { socketMode: true }, '');
        expect((await requests.slashCommand(people.karen.id, 'Entire mobile online banking is down')).status).toBe(200);
        await slack.waitFor(() => slack.currentView(people.karen.id)?.view.callback_id === 'ticket_new', 3000, 'the ticket modal');
        slack.socketMode.drop();
        let status = 200;
        for (let tries = 0; tries < 100 && status !== 503; tries += 1) {
          status = await health();
          if (status !== 503) await new Promise((wait) => setTimeout(wait, 20));
        }
        expect(status).toBe(503);
        // The client's default reconnect delay is 5 s.
        await slack.socketMode.waitForConnections(1, 10_000);
        expect(app.lines.some((line) => line.includes('"msg":"Socket Mode connection lost"'))).toBe(true);
      } finally {
        await app.stop();
      }
      expect((await app.exited).code).toBe(0);
      expect(slack.socketMode.connectionCount).toBe(0);
    });
  });

  it('starts, answers /healthz, and shuts down cleanly on SIGTERM', async () => {
    await withSlackAndConfig(async (slack) => {
      const app = await spawnApp(dir, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0', LOG_LEVEL: 'info' });
      const port = app.port;
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect({ status: health.status, body: await health.text() }).toEqual({ status: 200, body: 'ok\n' });
      const detailed = await fetch(`http://127.0.0.1:${app.opsPort}/healthz`);
      expect(await detailed.json()).toEqual({ database: 'ok', outboxBacklogAgeSeconds: 0 });
      expect(slack.callsTo('auth.test')).toHaveLength(1);
      app.child.kill('SIGTERM');
      const exit = await app.exited;
      expect(exit.code).toBe(0);
      expect(exit.stdout).toContain('"msg":"migrations applied"');
      expect(exit.stdout).toContain('"msg":"shutting down"');
      expect(existsSync(join(dir, 'data', 'helpdesk.sqlite'))).toBe(true);
    });
  });
});
