import { parseDatabaseUrl } from '../../src/config/env';
import { createDataSource } from '../../src/persistence/data-source';
import { openDatabase } from '../../src/persistence/database';
import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { people } from '../support/demo-workspace';
import { makeAppSurroundings, removeAppSurroundings } from '../support/app-folder';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { SlackRequests } from '../../src/sandbox/local-slack/slack-requests';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/helpdesk-harness';
import { requireBuiltApp, spawnApp, SpawnedApp } from '../support/spawned-app';
import { TestDatabase } from '../support/test-database';
import { karenTicketSubmission } from '../support/ticket-submission';

const SUBMISSIONS = 80;
/** Deliveries under way at the kill are sent again once their lease expires: a short lease keeps the test short. */
const LEASE_MS = 1000;

/** Runs the built app as a real process, as `npm start` does, and resolves once it listens; unpaced, as this local Slack limits nothing. */
const startApp = (dir: string, slack: LocalSlack, database: TestDatabase): Promise<SpawnedApp> =>
  spawnApp(dir, {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: database.url,
    LOG_LEVEL: 'info',
    OUTBOX_LEASE_MS: String(LEASE_MS),
    SLACK_PACING: 'off',
  });

const cardsOf = (slack: LocalSlack, number: number) => slack.messagesIn('C0SUPPORT', null).filter((message) => message.text.startsWith(`#${number} `));

describe('killing the process with SIGKILL under load', () => {
  let dir: string;
  let slack: LocalSlack;
  let database: TestDatabase;
  beforeAll(async () => {
    requireBuiltApp();
    ({ dir, slack, database } = await makeAppSurroundings('helpdesk-kill-'));
  });
  afterAll(() => removeAppSurroundings({ dir, slack, database }));

  it('loses no acknowledged ticket; after restart every card and confirmation arrives exactly once', async () => {
    const first = await startApp(dir, slack, database);
    let requests = new SlackRequests(slack, `http://127.0.0.1:${first.port}`, SIGNING_SECRET);
    // Each submission is a modal the person has open; their view ids are what Slack would resend.
    const payloads = Array.from({ length: SUBMISSIONS }, (_, index) => karenTicketSubmission(slack, `VKILL${index}`, `Printer ${index} is jammed`));

    const acknowledged = new Set<string>();
    // Killed while busy: once some submissions are acknowledged and the rest still arriving.
    const kill = () => void first.kill();
    const killAt = setTimeout(kill, 5000);
    await Promise.all(
      payloads.map(async (payload, index) => {
        await new Promise((wait) => setTimeout(wait, index * 4));
        try {
          const response = await requests.interaction(payload);
          if (response.status === 200 && response.json().response_action === 'update') acknowledged.add(payload.view.id);
          if (acknowledged.size === 10) kill();
        } catch {
          // The process died with this request in flight: Slack would show the person an error and they would submit again.
        }
      }),
    );
    clearTimeout(killAt);
    await first.kill();
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(acknowledged.size).toBeLessThan(SUBMISSIONS);

    const second = await startApp(dir, slack, database);
    try {
      const db = await openDatabase(createDataSource(parseDatabaseUrl(database.url)));
      const saved = await db.manager.find(TicketEntity, { select: { intakeKey: true } }).finally(() => db.close());
      const savedKeys = new Set(saved.map((ticket) => ticket.intakeKey));
      expect([...acknowledged].filter((viewId) => !savedKeys.has(viewId))).toEqual([]);

      requests = new SlackRequests(slack, `http://127.0.0.1:${second.port}`, SIGNING_SECRET);
      // The people whose submissions failed press Submit again; the acknowledged ones change nothing when resent.
      const answers = await Promise.all(payloads.map((payload) => requests.interaction(payload)));
      expect(answers.every((answer) => answer.status === 200 && answer.json().response_action === 'update')).toBe(true);
      const numbers = answers.map((answer) => Number(/#(\d+)/.exec(JSON.stringify(answer.json()))?.[1]));
      expect(new Set(numbers).size).toBe(SUBMISSIONS);

      await slack.waitFor(() => numbers.every((number) => cardsOf(slack, number).length > 0), 40_000, 'a card for every ticket');
      await slack.waitFor(
        () => {
          const dm = slack.dmChannelOf(people.karen.id);
          return dm && slack.messagesIn(dm, null).length >= SUBMISSIONS;
        },
        40_000,
        'a confirmation for every ticket',
      );
      await new Promise((settle) => setTimeout(settle, 500));
      // Exactly once: a delivery under way at the kill is retried after restart, and the retry reads
      // the conversation back and finds what Slack already took instead of posting it again.
      expect(numbers.filter((number) => cardsOf(slack, number).length !== 1)).toEqual([]);
      const confirmations = slack.messagesIn(slack.dmChannelOf(people.karen.id) ?? '', null).map((message) => /#(\d+)/.exec(message.text)?.[1]);
      expect(confirmations).toHaveLength(SUBMISSIONS);
      expect(new Set(confirmations).size).toBe(SUBMISSIONS);
    } finally {
      await second.stop();
    }
  }, 120_000);
});
