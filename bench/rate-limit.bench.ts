/**
 * `npm run bench`: a burst of 60 tickets filed within 10 s to one department, against a local
 * Slack that enforces Slack's published rate limits, in real time. Reports how long until every
 * card and requester confirmation was delivered, against the least time those limits allow, the
 * 429s Slack answered, and the slowest ack. On SQLite: the time is Slack's limits', not the
 * database's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { people, populateDemoWorkspace } from '../src/sandbox/demo-workspace';
import { startLocalApp } from '../src/sandbox/local-app';
import { LocalSlack } from '../src/sandbox/local-slack/local-slack';
import { SLACK_TARGET_LIMITS } from '../src/sandbox/local-slack/rate-limits';
import { SlackRequests } from '../src/sandbox/local-slack/slack-requests';
import { DEMO_CONFIG } from '../test/support/demo-workspace';
import { karenTicketSubmission } from '../test/support/ticket-submission';

const TICKETS = 60;
const FILING_SPAN_MS = 10_000;
const REQUESTERS = [people.karen, people.ken, people.michael];
const TOKEN = 'xoxb-bench-token';
const SECRET = 'bench-signing-secret';

/** The least time Slack's limits allow for `posts` messages to one channel: a burst, then one per interval. */
const leastTimeMs = (posts: number): number => {
  const limit = SLACK_TARGET_LIMITS['chat.postMessage']?.limit ?? { perMinute: 60, burst: 1 };
  return (Math.max(0, posts - limit.burst) * 60_000) / limit.perMinute;
};

const run = async (): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-ratelimit-bench-'));
  const slack = populateDemoWorkspace(await new LocalSlack({ botToken: TOKEN }).start());
  slack.limitRates();
  writeFileSync(join(dir, 'helpdesk.yml'), DEMO_CONFIG);
  const helpdesk = await startLocalApp({
    slack: { apiUrl: slack.apiUrl, botToken: TOKEN },
    signingSecret: SECRET,
    databaseUrl: `sqlite:${join(dir, 'bench.sqlite')}`,
    configPath: join(dir, 'helpdesk.yml'),
    logDestination: pino.destination({ dest: '/dev/null', sync: true }),
    overrides: { scheduleSlaSweep: false, slackPacing: true },
  });
  try {
    const requests = new SlackRequests(slack, `http://127.0.0.1:${helpdesk.port}`, SECRET);
    const started = performance.now();
    const ackMs: number[] = [];
    let firstAckMs = 0;
    await Promise.all(
      Array.from({ length: TICKETS }, async (_, index) => {
        await new Promise((resolve) => setTimeout(resolve, (index * FILING_SPAN_MS) / TICKETS));
        const requester = REQUESTERS[index % REQUESTERS.length] ?? people.karen;
        const payload = karenTicketSubmission(slack, `VBENCH${index}`, `Printer ${index} is jammed`);
        const sent = performance.now();
        const answer = await requests.interaction({ ...payload, user: { ...payload.user, id: requester.id, username: requester.name, name: requester.name } });
        if (answer.status !== 200) throw new Error(`submission ${index} answered ${answer.status}`);
        ackMs.push(performance.now() - sent);
        if (index === 0) firstAckMs = performance.now() - sent;
      }),
    );
    const delivered = () => {
      const cards = slack.messagesIn('C0SUPPORT', null).filter((message) => message.text.includes(' is jammed')).length;
      const confirmations = REQUESTERS.flatMap((person) => slack.messagesIn(slack.dmChannelOf(person.id) ?? '', null)).filter((message) => message.text.startsWith('We got your ticket #')).length;
      return cards === TICKETS && confirmations === TICKETS;
    };
    await slack.waitFor(delivered, 180_000, 'every card and confirmation');
    const tookMs = performance.now() - started;
    const least = leastTimeMs(TICKETS);
    ackMs.sort((a, b) => a - b);
    const line = {
      tickets: TICKETS,
      filedWithinSeconds: FILING_SPAN_MS / 1000,
      deliveredAfterSeconds: Number((tookMs / 1000).toFixed(1)),
      leastSeconds: least / 1000,
      ratio: Number((tookMs / least).toFixed(2)),
      ratelimited429s: slack.rateLimitedCalls().length,
      ackP50Ms: Number((ackMs[Math.floor(ackMs.length / 2)] ?? 0).toFixed(1)),
      ackMaxMs: Number((ackMs.at(-1) ?? 0).toFixed(1)),
      // The first request of a fresh process compiles and opens what the others reuse.
      firstAckMs: Number(firstAckMs.toFixed(1)),
    };
    process.stdout.write(`rate limits: ${JSON.stringify(line)}\n`);
  } finally {
    await helpdesk.stop();
    await slack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};

run().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
