import { parseDatabaseUrl } from '../../src/config/env';
import { createDataSource } from '../../src/persistence/data-source';
import { openDatabase } from '../../src/persistence/database';
import { TicketEventEntity } from '../../src/persistence/entities/ticket-event.entity';
import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { SlackRequests } from '../../src/sandbox/local-slack/slack-requests';
import { people } from '../support/demo-workspace';
import { makeAppSurroundings, removeAppSurroundings } from '../support/app-folder';
import { BOT_TOKEN } from '../support/helpdesk-harness';
import { requireBuiltApp, spawnApp, SpawnedApp } from '../support/spawned-app';
import { TestDatabase } from '../support/test-database';
import { karenTicketSubmission } from '../support/ticket-submission';

const karen = people.karen.id;
const MESSAGE = 'It fails on 4G too, and on the office Wi-Fi';

/** Runs the built app as a real process in Socket Mode, and resolves once it is connected. */
const startApp = (dir: string, slack: LocalSlack, database: TestDatabase): Promise<SpawnedApp> =>
  spawnApp(dir, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: slack.socketMode.appToken, SLACK_API_URL: slack.apiUrl, DATABASE_URL: database.url, LOG_LEVEL: 'info' });

/** Reads the stored tickets and their events, from outside the app. */
const stored = async (database: TestDatabase) => {
  const db = await openDatabase(createDataSource(parseDatabaseUrl(database.url)));
  try {
    return { tickets: await db.manager.find(TicketEntity), events: await db.manager.find(TicketEventEntity) };
  } finally {
    await db.close();
  }
};

/** Polls `read` every 20 ms until it gives a value, or fails after `timeoutMs`. */
const eventually = async <T>(read: () => T | null | Promise<T | null>, timeoutMs: number, what: string): Promise<T> => {
  for (const start = Date.now(); Date.now() - start < timeoutMs; await new Promise((wait) => setTimeout(wait, 20))) {
    const value = await read();
    if (value !== null) return value;
  }
  throw new Error(`no ${what} within ${timeoutMs} ms`);
};

/**
 * Keeps the app from storing anything until the returned release is called. SQLite: an exclusive
 * transaction (the app's write fails at once with `database is locked`, its listener fails);
 * PostgreSQL: the ticket tables locked (the app's handling waits). Either way the event is not stored.
 */
const holdWrites = async (database: TestDatabase): Promise<() => Promise<void>> => {
  const dataSource = await createDataSource(parseDatabaseUrl(database.url)).initialize();
  const runner = dataSource.createQueryRunner();
  if (database.kind === 'sqlite') {
    await runner.query('BEGIN EXCLUSIVE');
  } else {
    await runner.query('BEGIN');
    await runner.query('LOCK TABLE tickets, ticket_events, outbox IN ACCESS EXCLUSIVE MODE');
  }
  return async () => {
    await runner.query('ROLLBACK');
    await runner.release();
    await dataSource.destroy();
  };
};

describe('Socket Mode: killed while an event is being handled', () => {
  let dir: string;
  let slack: LocalSlack;
  let database: TestDatabase;
  beforeAll(async () => {
    requireBuiltApp();
    ({ dir, slack, database } = await makeAppSurroundings('helpdesk-socket-kill-'));
  });
  afterAll(() => removeAppSurroundings({ dir, slack, database }));

  it("does not acknowledge the requester's message before it is stored; Slack's retry stores it exactly once after restart", async () => {
    const requests = new SlackRequests(slack, { socketMode: true }, '');
    const first = await startApp(dir, slack, database);
    let release: (() => Promise<void>) | null = null;
    let delivered: ReturnType<SlackRequests['writeInDm']> | null = null;
    try {
      const filed = await requests.interaction(karenTicketSubmission(slack, 'VSOCKETKILL', 'Entire mobile online banking is down'));
      expect(filed.json().response_action).toBe('update');
      const dmTs = await eventually(async () => (await stored(database)).tickets[0]?.requesterDmTs ?? null, 10_000, 'ticket DM to Karen');

      release = await holdWrites(database);
      const before = slack.socketMode.sent.length;
      delivered = requests.writeInDm(karen, MESSAGE, dmTs);
      const envelope = await eventually(() => slack.socketMode.sent[before] ?? null, 3000, 'message event sent over the socket');
      expect(envelope.envelope.type).toBe('events_api');
      // Long enough for an ack sent on arrival to have come back over loopback.
      await new Promise((wait) => setTimeout(wait, 500));
      expect(envelope.ack).toBeNull();
      await first.kill();
    } finally {
      await first.kill();
      await release?.();
    }

    // The event was not acknowledged: the local Slack sends it again, as Slack does, once the app is back.
    const second = await startApp(dir, slack, database);
    try {
      const answer = await delivered;
      expect(answer?.response.status).toBe(200);
      const deliveries = slack.socketMode.sent.filter((sent) => JSON.stringify(sent.envelope.payload).includes(MESSAGE));
      expect(deliveries.map((sent) => ({ retry: sent.envelope.retry_attempt, acked: sent.ack !== null }))).toEqual([
        { retry: 0, acked: false },
        { retry: 1, acked: true },
      ]);
      const relayed = () => slack.messages.filter((message) => message.channel === 'C0SUPPORT' && message.text.includes(MESSAGE));
      await eventually(() => (relayed().length > 0 ? true : null), 10_000, "relay of Karen's message to the card's thread");
      await new Promise((settle) => setTimeout(settle, 500));
      expect(relayed()).toHaveLength(1);
      const { events } = await stored(database);
      expect(events.filter((event) => event.type === 'requester_messaged').map((event) => event.text)).toEqual([MESSAGE]);
    } finally {
      await second.stop();
    }
    expect((await second.exited).code).toBe(0);
  }, 60_000);
});
