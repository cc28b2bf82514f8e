#!/usr/bin/env node
// Starts the local Slack (the demo workspace), runs the app with the command given after `--`,
// waits for its /healthz, files Karen's ticket through it and waits for the card in #support and
// her confirmation, then stops the app with SIGTERM. Exits 0 when all of that happened.
//
//   node scripts/smoke-file-a-ticket.js [--healthcheck "<command>"] -- <command to run the app…>
//
// The app gets SLACK_API_URL, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, PORT, HELPDESK_CONFIG (the
// sandbox's helpdesk.yml, in a new folder DATA_DIR) and DATABASE_URL (SQLite in DATA_DIR) in its
// environment; `{{NAME}}` in the command is replaced by the value (for runners that take --env).
// At the end SIGTERM goes to the app's own process (found under the command's in /proc), and the
// command must exit 0.
// The optional --healthcheck command runs while the app is up (the image's HEALTHCHECK) and must
// exit 0. Needs a built tree (dist/, `npm run build`). Used by scripts/container-smoke.sh and to
// check a production install (`npm ci --omit=dev`).
const { spawn, spawnSync } = require('node:child_process');
const { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist', 'src', 'sandbox');
const { LocalSlack } = require(join(dist, 'local-slack', 'local-slack.js'));
const { SlackRequests } = require(join(dist, 'local-slack', 'slack-requests.js'));
const { channels, people, populateDemoWorkspace, SANDBOX_CONFIG } = require(join(dist, 'demo-workspace.js'));

const BOT_TOKEN = 'xoxb-smoke-test-token';
const SIGNING_SECRET = 'smoke-test-signing-secret';
const TIMEOUT_MS = Number(process.env.SMOKE_TIMEOUT_MS || 120_000);

const args = process.argv.slice(2);
const split = args.indexOf('--');
const healthcheckAt = args.indexOf('--healthcheck');
const healthcheck = healthcheckAt >= 0 && healthcheckAt < split ? args[healthcheckAt + 1] : null;
const command = split >= 0 ? args.slice(split + 1) : [];
if (command.length === 0) {
  process.stderr.write('Usage: node scripts/smoke-file-a-ticket.js [--healthcheck "<command>"] -- <command to run the app…>\n');
  process.exit(2);
}

const freePort = () =>
  new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const step = (text) => process.stdout.write(`smoke: ${text}\n`);

/**
 * The process that runs the app: the command's own descendant running dist/src/main.js (read
 * from /proc), or the command itself. A runner such as `buildah run` does not pass SIGTERM on.
 */
const appProcess = (runnerPid) => {
  const parents = new Map();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const descendants = [runnerPid];
  for (let index = 0; index < descendants.length; index++) {
    for (const [pid, parent] of parents) if (parent === descendants[index]) descendants.push(pid);
  }
  // The deepest one: runners list the app's command line among their own arguments.
  const app = descendants.findLast((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('dist/src/main.js');
    } catch {
      return false;
    }
  });
  return app ?? runnerPid;
};

/** Polls `check` until it returns something truthy, or fails naming `what` after the time-out. */
const waitFor = async (what, check, deadline) => {
  while (Date.now() < deadline) {
    const found = await check().catch(() => null);
    if (found) return found;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
};

const main = async () => {
  const started = Date.now();
  const deadline = started + TIMEOUT_MS;
  const slack = populateDemoWorkspace(await new LocalSlack({ botToken: BOT_TOKEN }).start({ host: '127.0.0.1' }));
  const dataDir = mkdtempSync(join(tmpdir(), 'helpdesk-smoke-'));
  writeFileSync(join(dataDir, 'helpdesk.yml'), SANDBOX_CONFIG);
  const env = {
    SLACK_API_URL: slack.apiUrl,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PORT: String(await freePort()),
    DATA_DIR: dataDir,
    HELPDESK_CONFIG: join(dataDir, 'helpdesk.yml'),
    DATABASE_URL: `sqlite:${join(dataDir, 'helpdesk.sqlite')}`,
  };
  const expand = (arg) => arg.replace(/\{\{(\w+)\}\}/g, (_, name) => env[name] ?? '');
  step(`local Slack at ${slack.apiUrl}; running: ${command.map(expand).join(' ')}`);
  const app = spawn(expand(command[0]), command.slice(1).map(expand), { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  app.stdout.on('data', (chunk) => (output += chunk.toString()));
  const exited = new Promise((done) => app.once('close', (code, signal) => done({ code, signal })));
  let ended = null;
  void exited.then((exit) => (ended = exit));
  try {
    await waitFor('GET /healthz to answer 200', async () => ended || (await fetch(`http://127.0.0.1:${env.PORT}/healthz`)).status === 200, deadline);
    if (ended) throw new Error(`the app exited (${ended.code ?? ended.signal}) before it was healthy:\n${output}`);
    step(`healthy after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (healthcheck) {
      const check = spawnSync('sh', ['-c', expand(healthcheck)], { env: { ...process.env, ...env }, stdio: 'inherit' });
      if (check.status !== 0) throw new Error(`the healthcheck command exited ${check.status}`);
      step('the image HEALTHCHECK command passed');
    }
    const requests = new SlackRequests(slack, `http://127.0.0.1:${env.PORT}`, SIGNING_SECRET);
    const answer = await requests.slashCommand(people.karen.id, 'Entire mobile online banking is down');
    if (answer.status !== 200) throw new Error(`/ticket answered ${answer.status}: ${answer.body}`);
    await waitFor('the New ticket modal', async () => slack.currentView(people.karen.id)?.view.callback_id === 'ticket_new', deadline);
    const submitted = await requests.submitModal(people.karen.id, { 'Help topic': 'Business Critical Outage', Details: 'Every page of the app answers 404.' });
    if (submitted.status !== 200 || submitted.json().response_action !== 'update') throw new Error(`ticket not filed: ${submitted.status} ${submitted.body}`);
    step('Karen filed her ticket with /ticket');
    const card = await waitFor('the ticket card in #support', async () => slack.messagesIn(channels.support, null).find((message) => message.text.startsWith('#1001 ')), deadline);
    step(`card posted in #support: ${card.text.split('\n')[0]}`);
    const dm = slack.dmChannelOf(people.karen.id);
    await waitFor('Karen’s confirmation', async () => dm && slack.messagesIn(dm, null).find((message) => message.text.startsWith('We got your ticket #1001')), deadline);
    step('Karen got her confirmation');
    if (slack.rejections.length > 0) throw new Error(`Slack refused calls: ${JSON.stringify(slack.rejections)}`);
    const appPid = appProcess(app.pid);
    step(`SIGTERM to ${appPid === app.pid ? 'the command' : `the app (pid ${appPid})`}`);
    process.kill(appPid, 'SIGTERM');
    const exit = await Promise.race([exited, sleep(15_000).then(() => null)]);
    if (!exit) throw new Error('the app did not stop within 15 s of SIGTERM');
    step(`stopped on SIGTERM (exit ${exit.code ?? exit.signal}); ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
    if (exit.code !== 0) throw new Error(`the app exited ${exit.code ?? exit.signal} on SIGTERM`);
  } finally {
    if (!ended) app.kill('SIGKILL');
    await slack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`smoke: FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
