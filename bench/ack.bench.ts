/**
 * Ack benchmark against the bars of issue 15: the real app beside a bare Bolt app whose /ticket
 * also opens the ticket modal (the least any form-opening command can do), over HTTP with signed
 * requests, each server in a child process of its own. Every measurement starts after a warm-up
 * and once the app has delivered everything earlier requests queued for Slack.
 *   - /ticket throughput at saturation: 50 clients in a closed loop, app and bare Bolt in turn,
 *     with each server's CPU time per request;
 *   - ack latency p50/p99 in an open loop at a steady rate (latency counts from when a request was
 *     due, so queueing shows): /ticket and button clicks at 200/s, ticket submissions at 50/s while
 *     their cards and DMs go out, with the CPU per request those requests and their Slack calls cost;
 *   - tickets per second end to end: committed and their card posted to the local Slack;
 *   - the app's resident memory after the run, with 100,000 tickets in its database.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { agent, Kind, requests, send, target } from './ack-requests';
import { withOwnPostgresDatabase } from './bench-database';

const SATURATION_CLIENTS = 50;
const SATURATION_SECONDS = 5;
const COMMAND_RPS = 200;
const SUBMISSION_RPS = 50;
const OPEN_LOOP_SECONDS = 10;
const WARM_UP_SECONDS = 1;
const END_TO_END_TICKETS = 1000;
/** getconf CLK_TCK: the unit of CPU times in /proc. */
const CLOCK_TICKS_PER_SECOND = 100;
/** The heap flags package.json's start script runs the app with. */
const START_HEAP_FLAGS = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.match(/--[a-z-]+-space-size=\d+/g) ?? [];

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

interface Latency {
  readonly p50: number;
  readonly p99: number;
  /** The server's CPU time per request, the Slack calls those requests queued included. */
  readonly cpuMsPerRequest: number;
}

/** Sends `rps` requests a second for OPEN_LOOP_SECONDS, on schedule whatever the answers' pace; waits for the app's outbox to drain before reading the CPU used. */
const openLoop = async (server: { port: number; pid: number }, appOpsPort: number, kind: Kind, rps: number): Promise<Latency> => {
  const total = rps * OPEN_LOOP_SECONDS;
  const cpuBefore = cpuSeconds(server.pid);
  const start = performance.now() + 50;
  const latencies = await Promise.all(
    Array.from({ length: total }, (_, index) => {
      const due = start + (index * 1000) / rps;
      return new Promise<number>((resolve, reject) => {
        setTimeout(
          () => {
            // Timers have millisecond grain: one that fires a little early counts from when it fired.
            const from = Math.min(due, performance.now());
            send(server.port, requests[kind]()).then(() => resolve(performance.now() - from), reject);
          },
          Math.max(0, due - performance.now()),
        );
      });
    }),
  );
  await outboxDrained(appOpsPort);
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), cpuMsPerRequest: (1000 * (cpuSeconds(server.pid) - cpuBefore)) / total };
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

/** Resident memory of a process in megabytes, from /proc (Linux). */
const residentMegabytes = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;

const endToEnd = async (ports: Ports): Promise<{ perSecond: number; cpuMsPerTicket: number }> => {
  const before = (await stats(ports.stats)).cards;
  const cpuBefore = cpuSeconds(ports.appPid);
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
  return { perSecond: END_TO_END_TICKETS / ((Date.now() - started) / 1000), cpuMsPerTicket: (1000 * (cpuSeconds(ports.appPid) - cpuBefore)) / END_TO_END_TICKETS };
};

interface Ports {
  helpdesk: number;
  helpdeskOps: number;
  bareModal: number;
  bareModalIds: number;
  stats: number;
  appPid: number;
  bareModalPid: number;
  bareModalIdsPid: number;
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
  const bareModal = await startRole<{ port: number; pid: number }>(['bare-modal', slack.info.slackApiUrl], {}, flags);
  const bareModalIds = await startRole<{ port: number; pid: number }>(['bare-modal-ids', slack.info.slackApiUrl], {}, flags);
  return {
    children: [app.child, bareModal.child, bareModalIds.child, slack.child],
    ports: {
      helpdesk: app.info.port,
      helpdeskOps: app.info.opsPort,
      bareModal: bareModal.info.port,
      bareModalIds: bareModalIds.info.port,
      stats: slack.info.stats,
      appPid: app.info.pid,
      bareModalPid: bareModal.info.pid,
      bareModalIdsPid: bareModalIds.info.pid,
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
    const app = { port: ports.helpdesk, pid: ports.appPid };
    const bareModal = { port: ports.bareModal, pid: ports.bareModalPid };
    const bareModalIds = { port: ports.bareModalIds, pid: ports.bareModalIdsPid };
    const warm = async (port: number, kind: Kind) => {
      await saturate(port, kind, WARM_UP_SECONDS);
      await outboxDrained(ports.helpdeskOps);
    };
    await warm(app.port, 'slash command');
    const appCommand = await throughput(app, ports.helpdeskOps, 'slash command');
    await warm(bareModal.port, 'slash command');
    const bareCommand = await throughput(bareModal, ports.helpdeskOps, 'slash command');
    await warm(bareModalIds.port, 'slash command');
    const bareIdsCommand = await throughput(bareModalIds, ports.helpdeskOps, 'slash command');
    await warm(app.port, 'slash command');
    const commandLatency = await openLoop(app, ports.helpdeskOps, 'slash command', COMMAND_RPS);
    await warm(bareModal.port, 'slash command');
    const bareLatency = await openLoop(bareModal, ports.helpdeskOps, 'slash command', COMMAND_RPS);
    await warm(app.port, 'button click');
    const clickLatency = await openLoop(app, ports.helpdeskOps, 'button click', COMMAND_RPS);
    await warm(app.port, 'ticket submission');
    const submissionLatency = await openLoop(app, ports.helpdeskOps, 'ticket submission', SUBMISSION_RPS);
    await outboxDrained(ports.helpdeskOps);
    const tickets = await endToEnd(ports);
    const memory = residentMegabytes(ports.appPid);
    const ratio = appCommand.perSecond / bareCommand.perSecond;
    const idsRatio = appCommand.perSecond / bareIdsCommand.perSecond;
    const ticketBar = databaseUrl ? 100 : 200;
    const row = (what: string, figure: string, bar: string, cpu: string, met: boolean) => `| ${what} | ${figure} | ${bar} | ${cpu} | ${met ? 'yes' : '**no**'} |\n`;
    process.stdout.write(
      `\n${label}\n| measure | figure | bar | CPU per request | met |\n| --- | --- | --- | --- | --- |\n` +
        row(
          '/ticket throughput, app / bare Bolt opening the modal',
          `${appCommand.perSecond.toFixed(0)} / ${bareCommand.perSecond.toFixed(0)} req/s (${(100 * ratio).toFixed(0)}%)`,
          '≥ 90%',
          `${ms(appCommand.cpuMsPerRequest, 2)} / ${ms(bareCommand.cpuMsPerRequest, 2)}`,
          ratio >= 0.9,
        ) +
        row(
          "the same against bare Bolt with the app's listener ids registered (each only acks)",
          `${appCommand.perSecond.toFixed(0)} / ${bareIdsCommand.perSecond.toFixed(0)} req/s (${(100 * idsRatio).toFixed(0)}%)`,
          '—',
          `${ms(appCommand.cpuMsPerRequest, 2)} / ${ms(bareIdsCommand.cpuMsPerRequest, 2)}`,
          true,
        ) +
        row(
          `/ticket ack p50 / p99 at ${COMMAND_RPS}/s, app (bare Bolt opening the modal: ${ms(bareLatency.p50)} / ${ms(bareLatency.p99)})`,
          `${ms(commandLatency.p50)} / ${ms(commandLatency.p99)}`,
          'p99 < 25 ms',
          ms(commandLatency.cpuMsPerRequest, 2),
          commandLatency.p99 < 25,
        ) +
        row(
          `button click ack p50 / p99 at ${COMMAND_RPS}/s (assign, then stale clicks: refusal, redraw, answer)`,
          `${ms(clickLatency.p50)} / ${ms(clickLatency.p99)}`,
          '—',
          ms(clickLatency.cpuMsPerRequest, 2),
          true,
        ) +
        row(
          `ticket submission ack p50 / p99 at ${SUBMISSION_RPS}/s, cards and DMs going out`,
          `${ms(submissionLatency.p50)} / ${ms(submissionLatency.p99)}`,
          'p99 < 50 ms',
          ms(submissionLatency.cpuMsPerRequest, 2),
          submissionLatency.p99 < 50,
        ) +
        row(
          `tickets end to end (committed, card posted), ${END_TO_END_TICKETS} from ${SATURATION_CLIENTS} clients`,
          `${tickets.perSecond.toFixed(0)}/s`,
          `≥ ${ticketBar}/s`,
          ms(tickets.cpuMsPerTicket, 2),
          tickets.perSecond >= ticketBar,
        ) +
        row('resident memory of the app after the run, 100,000 tickets', `${memory.toFixed(0)} MB`, '< 200 MB', '—', memory < 200),
    );
    process.stdout.write(`\nApp still calling Slack after its last /ticket answer at saturation (counted in its req/s): ${ms(appCommand.catchUpMs)}\n`);
  } finally {
    for (const child of children) {
      child.removeAllListeners('exit');
      child.kill();
    }
  }
};

const main = async () => {
  await run('SQLite');
  // A database of its own, dropped afterwards: a second run would otherwise seed over the first one's tickets.
  const server = process.env.BENCH_DATABASE_URL;
  if (server) await withOwnPostgresDatabase(server, 'helpdesk_ack_bench_', (url) => run('PostgreSQL', url));
  else process.stdout.write('\nPostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://… to include it)\n');
  agent.destroy();
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
