import { ErrorCode, WebClient } from '@slack/web-api';
import { channels, people } from '../support/demo-workspace';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { BOT_TOKEN, startLocalSlack } from '../support/helpdesk-harness';

/** A clock the test moves by hand, for the local Slack's buckets. */
const manualClock = () => {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
};

/** One Web API call over HTTP, as Slack answers it: status, Retry-After, body. */
const call = async (slack: LocalSlack, method: string, args: Record<string, unknown>) => {
  const response = await fetch(`${slack.apiUrl}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(args),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown> };
};

const post = (slack: LocalSlack, channel: string) => call(slack, 'chat.postMessage', { channel, text: 'Printer 7 is jammed' });
const home = { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Your tickets' } }] };

describe("the local Slack enforces Slack's rate limits when asked", () => {
  let slack: LocalSlack;
  let clock: ReturnType<typeof manualClock>;
  beforeEach(async () => {
    slack = await startLocalSlack();
    clock = manualClock();
    slack.limitRates(true, clock.now);
  });
  afterEach(async () => {
    await slack.stop();
  });

  it('lets a channel take a short burst of posts, then answers 429 with Retry-After and ratelimited, as Slack does', async () => {
    for (let index = 0; index < 3; index++) expect((await post(slack, channels.support)).status).toBe(200);
    const refused = await post(slack, channels.support);
    expect(refused).toEqual({ status: 429, retryAfter: '1', body: { ok: false, error: 'ratelimited' } });
    // The refused post was not made, and took no token.
    expect(slack.messagesIn(channels.support, null)).toHaveLength(3);
    expect(slack.rateLimitedCalls().map(({ method, status }) => ({ method, status }))).toEqual([{ method: 'chat.postMessage', status: 429 }]);
  });

  it('limits chat.postMessage per channel: another channel still takes posts, and a second later the first takes one more', async () => {
    for (let index = 0; index < 4; index++) await post(slack, channels.support);
    expect((await post(slack, channels.sysadmins)).status).toBe(200);
    clock.advance(1000);
    expect((await post(slack, channels.support)).status).toBe(200);
    expect((await post(slack, channels.support)).status).toBe(429);
  });

  it("limits a Tier 3 method per workspace: 50 in a minute, then Retry-After until the next call's share of the minute", async () => {
    const opens = [];
    for (let index = 0; index < 51; index++) opens.push(await call(slack, 'conversations.open', { users: people.karen.id }));
    expect(opens.slice(0, 50).every((answer) => answer.status === 200)).toBe(true);
    // Tier 3 refills one call every 1.2 s: Retry-After says 2, in whole seconds.
    expect(opens[50]).toEqual({ status: 429, retryAfter: '2', body: { ok: false, error: 'ratelimited' } });
  });

  it('limits views.publish per person as well as per workspace', async () => {
    for (let index = 0; index < 3; index++) expect((await call(slack, 'views.publish', { user_id: people.john.id, view: home })).status).toBe(200);
    expect((await call(slack, 'views.publish', { user_id: people.john.id, view: home })).status).toBe(429);
    expect((await call(slack, 'views.publish', { user_id: people.jane.id, view: home })).status).toBe(200);
  });

  it("is what the app's Web API client, set up as the app sets it up, reports as a rate-limited error with Slack's Retry-After in seconds", async () => {
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    for (let index = 0; index < 3; index++) await client.chat.postMessage({ channel: channels.support, text: 'hi' });
    const error = (await client.chat.postMessage({ channel: channels.support, text: 'hi' }).catch((failure: unknown) => failure)) as { code?: string; retryAfter?: number };
    expect({ code: error.code, retryAfter: error.retryAfter }).toEqual({ code: ErrorCode.RateLimitedError, retryAfter: 1 });
  });

  it('limits nothing unless asked (the default), or once told to stop', async () => {
    slack.limitRates(false);
    for (let index = 0; index < 10; index++) expect((await post(slack, channels.support)).status).toBe(200);
    const unlimited = await startLocalSlack();
    try {
      for (let index = 0; index < 10; index++) expect((await post(unlimited, channels.support)).status).toBe(200);
    } finally {
      await unlimited.stop();
    }
  });
});
