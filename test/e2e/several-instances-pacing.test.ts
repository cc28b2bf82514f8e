import { channels, people } from '../support/demo-workspace';
import { SLACK_TARGET_LIMITS } from '../../src/sandbox/local-slack/rate-limits';
import { Harness, startHarness, startLocalSlack } from '../support/helpdesk-harness';
import { karenTicketSubmission } from '../support/ticket-submission';
import { createTestDatabase, onPostgres, TestDatabase } from '../support/test-database';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';

const TICKETS = 20;
const REQUESTERS = [people.karen, people.ken];

/**
 * Two instances pace their calls each on its own (README's "Several instances"): filed in a burst
 * to one channel through both, they meet Slack's per-channel limit together. Every 429 is waited
 * out: every card and confirmation arrives once, in about the time Slack's limits allow, and the
 * 429s stay within one or two per ticket. PostgreSQL only (SQLite is one instance's database).
 */
(onPostgres() ? describe : describe.skip)("two instances under Slack's rate limits", () => {
  let database: TestDatabase;
  let slack: LocalSlack;
  let instances: Harness[];
  beforeAll(async () => {
    database = await createTestDatabase();
    slack = await startLocalSlack();
    instances = [await startHarness({ database, slack, rateLimits: true }), await startHarness({ database, slack, rateLimits: true })];
  });
  afterAll(async () => {
    for (const instance of instances) await instance.stop();
    await slack.stop();
    await database.drop();
  });

  it('deliver every card and confirmation of a burst to one channel once, waiting out the 429s they meet together', async () => {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: TICKETS }, async (_, index) => {
        await new Promise((resolve) => setTimeout(resolve, index * 100));
        const requester = REQUESTERS[index % REQUESTERS.length]!;
        const payload = karenTicketSubmission(slack, `VPAIR${index}`, `Printer ${index} is jammed`);
        const answer = await instances[index % 2]!.requests.interaction({ ...payload, user: { ...payload.user, id: requester.id, username: requester.name, name: requester.name } });
        expect(answer.status).toBe(200);
      }),
    );
    const cards = () => slack.messagesIn(channels.support, null).filter((message) => /^#\d+ Printer \d+ is jammed/.test(message.text));
    const confirmations = () => REQUESTERS.flatMap((person) => slack.messagesIn(slack.dmChannelOf(person.id) ?? '', null).filter((message) => message.text.startsWith('We got your ticket #')));
    await slack.waitFor(() => cards().length >= TICKETS && confirmations().length >= TICKETS, 90_000, 'every card and confirmation');
    const tookMs = performance.now() - started;
    for (const instance of instances) await instance.settle();

    expect(cards()).toHaveLength(TICKETS);
    expect(new Set(cards().map((card) => card.text.split(' ')[0])).size).toBe(TICKETS);
    expect(new Set(confirmations().map((message) => /#\d+/.exec(message.text)?.[0])).size).toBe(TICKETS);
    expect(confirmations()).toHaveLength(TICKETS);
    const { perMinute, burst } = SLACK_TARGET_LIMITS['chat.postMessage']!.limit;
    const leastMs = ((TICKETS - burst) * 60_000) / perMinute;
    expect(tookMs).toBeLessThanOrEqual(1.5 * leastMs);
    // Not "a few": the instances do not share their pacing, so about one 429 per post beyond the limit.
    expect(slack.rateLimitedCalls().length).toBeGreaterThan(0);
    expect(slack.rateLimitedCalls().length).toBeLessThanOrEqual(2 * TICKETS);
    process.stdout.write(`two instances: ${TICKETS} tickets to one channel in ${(tookMs / 1000).toFixed(1)} s (least ${leastMs / 1000} s), 429s ${slack.rateLimitedCalls().length}\n`);
    expect(slack.rejections).toEqual([]);
  }, 120_000);
});
