import { join } from 'node:path';
import { startLocalApp } from '../../src/sandbox/local-app';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { SlackRequests } from '../../src/sandbox/local-slack/slack-requests';
import { people } from '../support/demo-workspace';
import { makeAppSurroundings, removeAppSurroundings } from '../support/app-folder';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/helpdesk-harness';
import { requireBuiltApp, spawnApp } from '../support/spawned-app';
import { TestDatabase } from '../support/test-database';

const SUMMARY = 'Entire mobile online banking is down';
const DETAILS = 'Customers see a blank screen after the login page since 09:05';
const QUESTION = 'Which version of the banking app are you on?';
const ANSWER = 'Version 4.2 on Android, my PIN is 4711';

describe('LOG_LEVEL', () => {
  let dir: string;
  let slack: LocalSlack;
  let database: TestDatabase;
  beforeAll(() => {
    requireBuiltApp();
  });
  beforeEach(async () => {
    ({ dir, slack, database } = await makeAppSurroundings('helpdesk-log-'));
  });
  afterEach(() => removeAppSurroundings({ dir, slack, database }));

  it('at debug, the built app writes debug lines, and not one line holds what Karen or John wrote, or a token', async () => {
    const app = await spawnApp(dir, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, DATABASE_URL: database.url, LOG_LEVEL: 'debug' });
    try {
      const requests = new SlackRequests(slack, `http://127.0.0.1:${app.port}`, SIGNING_SECRET);
      await requests.slashCommand(people.karen.id, SUMMARY);
      await slack.waitFor(() => slack.currentView(people.karen.id)?.view.callback_id === 'ticket_new', 5000, 'the ticket modal');
      const filed = await requests.submitModal(people.karen.id, { 'Help topic': 'Business Critical Outage', Details: DETAILS });
      expect(filed.json().response_action).toBe('update');
      slack.closeView(people.karen.id);
      const card = await slack.waitFor(() => slack.messagesIn('C0SUPPORT', null).find((message) => /(^| )#1001 /.test(message.text)), 10_000, 'the card');

      await requests.clickButton(people.john.id, card, 'Reply to requester');
      const modal = await slack.waitFor(() => slack.currentView(people.john.id), 5000, 'the reply modal');
      await requests.submitModal(people.john.id, { 'Message to the requester': QUESTION }, modal);
      const dm = slack.dmChannelOf(people.karen.id) ?? '';
      const confirmation = await slack.waitFor(() => slack.messagesIn(dm, null)[0], 10_000, "Karen's confirmation");
      await slack.waitFor(() => slack.messagesIn(dm, confirmation.ts).some((message) => message.text.includes(QUESTION)), 10_000, "John's question in Karen's thread");
      await requests.writeInDm(people.karen.id, ANSWER, confirmation.ts);
      await slack.waitFor(() => slack.messagesIn('C0SUPPORT', card.ts).some((message) => message.text.includes('Version 4.2')), 10_000, "Karen's answer in the card thread");
    } finally {
      await app.stop();
    }
    const levels = new Set(app.lines.map((line) => (JSON.parse(line) as { level: string }).level));
    expect(levels).toContain('debug');
    const leaks = app.lines.filter((line) => [SUMMARY, DETAILS, QUESTION, ANSWER, 'blank screen', 'PIN is', BOT_TOKEN, SIGNING_SECRET].some((secret) => line.includes(secret)));
    expect(leaks).toEqual([]);
  }, 60_000);

  it('at warn, the app writes no info lines, even though Bolt is given the logger', async () => {
    const lines: string[] = [];
    const helpdesk = await startLocalApp({
      slack,
      signingSecret: SIGNING_SECRET,
      databaseUrl: database.url,
      configPath: join(dir, 'helpdesk.yml'),
      variables: { LOG_LEVEL: 'warn' },
      logDestination: { write: (line: string) => lines.push(line.trimEnd()) },
      overrides: { scheduleSlaSweep: false },
    });
    try {
      const requests = new SlackRequests(slack, `http://127.0.0.1:${helpdesk.port}`, SIGNING_SECRET);
      await requests.slashCommand(people.karen.id, SUMMARY);
      await slack.waitFor(() => slack.currentView(people.karen.id), 5000, 'the ticket modal');
      await requests.submitModal(people.karen.id, { 'Help topic': 'Report a Problem' });
      await slack.waitFor(() => slack.messagesIn('C0SUPPORT', null)[0], 10_000, 'the card');
    } finally {
      await helpdesk.stop();
    }
    expect(lines.filter((line) => !/"level":"(warn|error)"/.test(line))).toEqual([]);
  });
});
