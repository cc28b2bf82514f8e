/**
 * Ack benchmark: the real app against a bare Bolt app that only acks (the floor), over HTTP
 * with signed requests, each server in a child process of its own. Every measurement starts
 * after a warm-up and once the app has delivered everything earlier requests queued for Slack.
 *   - throughput at saturation: 50 clients in a closed loop, counted until the app has also made
 *     every Slack call those requests queued, with the server's CPU time per request;
 *   - ack latency p50/p99 at a steady 200 requests per second, open loop (latency counts from
 *     when a request was due to be sent, so queueing shows, or from when it was sent if earlier);
 *   - tickets per second end to end: committed and their card posted to the local Slack.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const SECRET = 'bench-signing-secret';
const SATURATION_CLIENTS = 50;
const SATURATION_SECONDS = 5;
const OPEN_LOOP_RPS = 200;
const OPEN_LOOP_SECONDS = 10;
const WARM_UP_SECONDS = 1;
const END_TO_END_TICKETS = 1000;
/** getconf CLK_TCK: the unit of CPU times in /proc. */
const CLOCK_TICKS_PER_SECOND = 100;
/** The heap flags package.json's start script runs the app with. */
const START_HEAP_FLAGS = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.match(/--[a-z-]+-space-size=\d+/g) ?? [];

type Kind = 'slash command' | 'button click' | 'ticket submission';
type Body = { body: string; contentType: string };

// Idle sockets are dropped after 4 s, before the servers' 5 s keep-alive time-out closes them.
const agent = new Agent({ keepAlive: true, maxSockets: 64, timeout: 4000 });

/** Retries, a few times, a request sent on a kept-alive socket the server had just closed. */
const send = (port: number, body: Body, retries = 3): Promise<number> =>
  sendOnce(port, body).catch((error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' && retries > 0 ? send(port, body, retries - 1) : Promise.reject(error)));

const sendOnce = (port: number, { body, contentType }: Body): Promise<number> =>
  new Promise((resolve, reject) => {
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const call = request(
      {
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        agent,
        headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    call.on('error', reject);
    call.end(body);
  });

let sequence = 0;
const form = (fields: Record<string, string>): Body => ({ body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' });
const interaction = (payload: object): Body => form({ payload: JSON.stringify(payload) });
const user = { id: 'U0KAREN', username: 'karen', name: 'karen', team_id: 'T0HELPDESK' };

/** Set once the servers run: the card the clicks act on, and the response_url Slack gives with them. */
const target = { assignValue: '', responseUrl: '' };

const requests: Record<Kind, () => Body> = {
  'slash command': () =>
    form({
      command: '/ticket',
      text: 'Printer on 3rd floor is jammed',
      user_id: 'U0KAREN',
      user_name: 'karen',
      channel_id: 'C0GENERAL',
      team_id: 'T0HELPDESK',
      trigger_id: `bench.${++sequence}`,
      response_url: target.responseUrl,
      api_app_id: 'A0HELPDESK',
    }),
  'button click': () =>
    interaction({
      type: 'block_actions',
      user: { ...user, id: 'U0JOHN' },
      team: { id: 'T0HELPDESK' },
      api_app_id: 'A0HELPDESK',
      trigger_id: `bench.${++sequence}`,
      channel: { id: 'C0SUPPORT' },
      container: { type: 'message', channel_id: 'C0SUPPORT', message_ts: '1.1' },
      response_url: target.responseUrl,
      actions: [{ type: 'button', action_id: 'ticket_assign_self', block_id: 'ticket_actions', value: target.assignValue, action_ts: '1' }],
    }),
  'ticket submission': () =>
    interaction({
      type: 'view_submission',
      user,
      team: { id: 'T0HELPDESK' },
      api_app_id: 'A0HELPDESK',
      view: {
        id: `VBENCH${++sequence}`,
        type: 'modal',
        callback_id: 'ticket_new',
        private_metadata: '{"source":null}',
        state: {
          values: {
            help_topic: { value: { type: 'static_select', selected_option: { value: '1' } } },
            summary: { value: { type: 'plain_text_input', value: 'Printer on 3rd floor is jammed' } },
            details: { value: { type: 'plain_text_input', value: 'Tray 2' } },
          },
        },
      },
    }),
};

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

const saturate = async (port: number, kind: Kind, seconds = SATURATION_SECONDS): Promise<number> => (await saturateCounting(port, kind, seconds)) / seconds;

/** Runs 50 clients in a closed loop for `seconds`; answers how many requests were answered. */
const saturateCounting = async (port: number, kind: Kind, seconds: number): Promise<number> => {
  const until = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: SATURATION_CLIENTS }, async () => {
      while (Date.now() < until) {
        const status = await send(port, requests[kind]());
        if (status !== 200) throw new Error(`${kind} answered ${status}`);
        done += 1;
      }
    }),
  );
  return done;
};

/** CPU seconds a process has used so far, user and system, from /proc (Linux). */
const cpuSeconds = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
};

interface Throughput {
  /** Requests per second, counted until every Slack call they queued was made. */
  readonly perSecond: number;
  /** How long after the last answer the app was still making those calls. */
  readonly catchUpMs: number;
  /** The server's CPU time per request, those calls included. */
  readonly cpuMsPerRequest: number;
}

const throughput = async (server: { port: number; pid: number }, appOpsPort: number, kind: Kind): Promise<Throughput> => {
  const cpuBefore = cpuSeconds(server.pid);
  const started = performance.now();
  const answered = await saturateCounting(server.port, kind, SATURATION_SECONDS);
  const answeredAt = performance.now();
  await outboxDrained(appOpsPort);
  const doneAt = performance.now();
  return {
    perSecond: answered / ((doneAt - started) / 1000),
    catchUpMs: doneAt - answeredAt,
    cpuMsPerRequest: (1000 * (cpuSeconds(server.pid) - cpuBefore)) / answered,
  };
};

const openLoop = async (port: number, kind: Kind): Promise<{ p50: number; p99: number }> => {
  const total = OPEN_LOOP_RPS * OPEN_LOOP_SECONDS;
  const start = performance.now() + 50;
  const latencies = await Promise.all(
    Array.from({ length: total }, (_, index) => {
      const due = start + (index * 1000) / OPEN_LOOP_RPS;
      return new Promise<number>((resolve, reject) => {
        setTimeout(
          () => {
            // Timers have millisecond grain: one that fires a little early counts from when it fired.
            const from = Math.min(due, performance.now());
            send(port, requests[kind]()).then(() => resolve(performance.now() - from), reject);
          },
          Math.max(0, due - performance.now()),
        );
      });
    }),
  );
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
};

/** Waits until the app has delivered everything queued for Slack (its operations port says so), so one measurement's leftovers do not load the next. */
const outboxDrained = async (port: number): Promise<void> => {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    if (/^helpdesk_outbox_backlog 0$/m.test(metrics)) return;
    if (Date.now() > deadline) throw new Error('the outbox did not drain within 2 minutes');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const stats = async (port: number): Promise<{ cards: number; firstCardAssignValue: string | null }> =>
  (await fetch(`http://127.0.0.1:${port}/`)).json() as Promise<{ cards: number; firstCardAssignValue: string | null }>;

/** Resident memory of a process, from /proc (Linux). */
const residentMegabytes = (pid: number): string => {
  try {
    const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return `${(kilobytes / 1024).toFixed(0)} MB`;
  } catch {
    return 'unknown (no /proc)';
  }
};

const endToEnd = async (ports: Ports): Promise<number> => {
  const before = (await stats(ports.stats)).cards;
  const started = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: SATURATION_CLIENTS }, async () => {
      while (next < END_TO_END_TICKETS) {
        next += 1;
        await send(ports.helpdesk, requests['ticket submission']());
      }
    }),
  );
  while ((await stats(ports.stats)).cards < before + END_TO_END_TICKETS) await new Promise((resolve) => setTimeout(resolve, 20));
  return END_TO_END_TICKETS / ((Date.now() - started) / 1000);
};

interface Ports {
  helpdesk: number;
  helpdeskOps: number;
  bare: number;
  bareModal: number;
  stats: number;
  appPid: number;
  barePid: number;
  responseUrl: string;
}

/** Starts one role of bench-servers.js and reads the JSON line it prints. */
const startRole = <T>(args: string[], env: Record<string, string> = {}, nodeFlags: string[] = []): Promise<{ child: ChildProcess; info: T }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, join(__dirname, 'bench-servers.js'), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    child.on('exit', (code) => reject(new Error(`bench servers (${args[0]}) exited (${code})`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => resolve({ child, info: JSON.parse(line) as T }));
  });

const startServers = async (databaseUrl?: string): Promise<{ children: ChildProcess[]; ports: Ports }> => {
  const slack = await startRole<{ slackApiUrl: string; stats: number; responseUrl: string }>(['slack']);
  // Both apps run with the heap sizes `npm start` gives the app.
  const flags = [...START_HEAP_FLAGS];
  const app = await startRole<{ port: number; opsPort: number; pid: number }>(['app', slack.info.slackApiUrl], databaseUrl ? { BENCH_APP_DATABASE_URL: databaseUrl } : {}, flags);
  const bare = await startRole<{ port: number; pid: number }>(['bare', slack.info.slackApiUrl], {}, flags);
  const bareModal = await startRole<{ port: number; pid: number }>(['bare-modal', slack.info.slackApiUrl], {}, flags);
  return {
    children: [app.child, bare.child, bareModal.child, slack.child],
    ports: {
      helpdesk: app.info.port,
      helpdeskOps: app.info.opsPort,
      bare: bare.info.port,
      bareModal: bareModal.info.port,
      stats: slack.info.stats,
      appPid: app.info.pid,
      barePid: bare.info.pid,
      responseUrl: slack.info.responseUrl,
    },
  };
};

const ms = (value: number, digits = 1) => `${value.toFixed(digits)} ms`;

const run = async (label: string, databaseUrl?: string) => {
  const { children, ports } = await startServers(databaseUrl);
  try {
    // The button clicks act on one ticket's card: the first assigns it, the rest are refused as
    // stale (a double click: still a write, a card redraw and an answer to the person).
    target.responseUrl = ports.responseUrl;
    await send(ports.helpdesk, requests['ticket submission']());
    const deadline = Date.now() + 10_000;
    while (!(target.assignValue = (await stats(ports.stats)).firstCardAssignValue ?? '')) {
      if (Date.now() > deadline) throw new Error('the first ticket card was not posted');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    process.stdout.write(
      `\n${label}\n| request | app req/s | bare Bolt req/s | ratio | CPU per request, app / bare Bolt | app ack p50 / p99 at ${OPEN_LOOP_RPS}/s | bare Bolt p50 / p99 |\n| --- | --- | --- | --- | --- | --- | --- |\n`,
    );
    const app = { port: ports.helpdesk, pid: ports.appPid };
    const floor = { port: ports.bare, pid: ports.barePid };
    const catchUps: string[] = [];
    for (const kind of Object.keys(requests) as Kind[]) {
      const measure = async <T>(port: number, what: () => Promise<T>): Promise<T> => {
        await saturate(port, kind, WARM_UP_SECONDS);
        await outboxDrained(ports.helpdeskOps);
        return what();
      };
      const appThroughput = await measure(app.port, () => throughput(app, ports.helpdeskOps, kind));
      const floorThroughput = await measure(floor.port, () => throughput(floor, ports.helpdeskOps, kind));
      const appLatency = await measure(app.port, () => openLoop(app.port, kind));
      const floorLatency = await measure(floor.port, () => openLoop(floor.port, kind));
      catchUps.push(`${kind} ${ms(appThroughput.catchUpMs)}`);
      process.stdout.write(
        `| ${kind} | ${appThroughput.perSecond.toFixed(0)} | ${floorThroughput.perSecond.toFixed(0)} | ${((100 * appThroughput.perSecond) / floorThroughput.perSecond).toFixed(0)}% | ${ms(appThroughput.cpuMsPerRequest, 2)} / ${ms(floorThroughput.cpuMsPerRequest, 2)} | ${ms(appLatency.p50)} / ${ms(appLatency.p99)} | ${ms(floorLatency.p50)} / ${ms(floorLatency.p99)} |\n`,
      );
    }
    process.stdout.write(`\nApp still calling Slack after its last answer (counted in its req/s): ${catchUps.join(', ')}\n`);
    await outboxDrained(ports.helpdeskOps);
    // What limits the slash command: the same views.open made by bare Bolt, without the app.
    await saturate(ports.bareModal, 'slash command', WARM_UP_SECONDS);
    const withModal = await saturate(ports.bareModal, 'slash command');
    const appAgain = await saturate(ports.helpdesk, 'slash command');
    process.stdout.write(
      `\nSlash command, bare Bolt that also opens the modal (views.open): ${withModal.toFixed(0)} req/s; the app, measured again beside it: ${appAgain.toFixed(0)} req/s (${((100 * appAgain) / withModal).toFixed(0)}%)\n`,
    );
    const ticketsPerSecond = await endToEnd(ports);
    process.stdout.write(`\nTickets end to end (committed, card posted): ${ticketsPerSecond.toFixed(0)}/s over ${END_TO_END_TICKETS} tickets\n`);
    process.stdout.write(`Resident memory of the app process (100,000 tickets in its database) after the run: ${residentMegabytes(ports.appPid)}\n`);
  } finally {
    for (const child of children) {
      child.removeAllListeners('exit');
      child.kill();
    }
  }
};

const main = async () => {
  await run('SQLite');
  if (process.env.BENCH_DATABASE_URL) await run('PostgreSQL', process.env.BENCH_DATABASE_URL);
  else process.stdout.write('\nPostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://… to include it)\n');
  agent.destroy();
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
