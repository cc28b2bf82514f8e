import { OutboxMessageEntity } from '../../src/persistence/entities/outbox-message.entity';
import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { channels, people } from '../support/demo-workspace';
import { createTestDatabase } from '../support/test-database';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { visibleText } from '../support/visible-text';

const fileTicket = async (harness: Harness, summary = 'Entire mobile online banking is down') => {
  await harness.requests.slashCommand(people.karen.id, summary);
  await harness.slack.waitFor(() => harness.slack.currentView(people.karen.id), 3000, 'the ticket modal');
  return harness.requests.submitModal(people.karen.id, { 'Help topic': 'Business Critical Outage' });
};

describe('when Slack fails', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('tells the person to try again when the modal cannot open in time', async () => {
    const { slack, requests } = harness;
    slack.failNext('views.open', { error: 'expired_trigger_id' });
    await requests.slashCommand(people.karen.id, 'Printer on 3rd floor is jammed');
    const notice = await slack.waitFor(() => slack.ephemeralsFor(people.karen.id)[0], 3000, 'the notice');
    expect(notice).toMatchObject({ via: 'response_url', text: 'Slack took too long to open the ticket form. Please try again.' });
  });

  it('retries a card that Slack failed to take (HTTP 500), and posts it once', async () => {
    const { slack } = harness;
    slack.failNext('chat.postMessage', { status: 500, channel: channels.support });
    await fileTicket(harness);
    const card = await slack.waitFor(() => slack.messagesIn(channels.support)[0], 5000, 'the card after a retry');
    expect(visibleText(card)).toContain('#1001');
    await harness.settle();
    expect(slack.messagesIn(channels.support)).toHaveLength(1);
    const failed = slack.callsTo('chat.postMessage').filter((call) => call.status === 500);
    expect(failed).toHaveLength(1);
  });

  it('posts a card once when Slack took it but the answer was lost, and keeps the ts Slack gave it', async () => {
    const { slack, helpdesk } = harness;
    slack.failNext('chat.postMessage', { status: 500, afterApplying: true, channel: channels.support });
    await fileTicket(harness);
    await slack.waitFor(() => slack.callsTo('conversations.history').length > 0, 5000, 'the retry to look back');
    await harness.settle();
    const cards = slack.messagesIn(channels.support, null);
    expect(cards).toHaveLength(1);
    const ticket = await helpdesk.db.manager.findOneByOrFail(TicketEntity, { number: 1001 });
    expect(ticket.cardTs).toBe(cards[0]?.ts);
    // Later changes update that card in place.
    await harness.requests.clickButton(people.john.id, cards[0] as never, 'Assign to me');
    await harness.settle();
    expect(slack.messagesIn(channels.support, null)).toHaveLength(1);
    expect(cards[0]?.edits).toBe(1);
  });

  it('posts each piece of a long thread message once when a retry follows a lost answer', async () => {
    const { slack, requests } = harness;
    await fileTicket(harness);
    await harness.settle();
    const dm = slack.messagesIn(slack.dmChannelOf(people.karen.id) ?? '', null)[0];
    // Long enough to be relayed to the card thread in two pieces; Slack loses the answer to the second.
    const long = `${'The app shows 404 on the accounts page. '.repeat(80)}END`;
    const card = slack.messagesIn(channels.support, null)[0];
    const before = slack.messagesIn(channels.support, card?.ts).length;
    slack.failNext('chat.postMessage', { status: 500, afterApplying: true });
    await requests.writeInDm(people.karen.id, long, dm?.ts ?? null);
    const relayed = await slack.waitFor(
      () => {
        const replies = slack
          .messagesIn(channels.support, card?.ts)
          .slice(before)
          .map((message) => message.text);
        return replies.join('').includes('END') ? replies : null;
      },
      5000,
      'the whole message in the card thread',
    );
    await harness.settle();
    expect(slack.callsTo('conversations.replies').length).toBeGreaterThan(0);
    expect(relayed.length).toBeGreaterThan(1);
    expect(
      slack
        .messagesIn(channels.support, card?.ts)
        .slice(before)
        .map((message) => message.text),
    ).toEqual(relayed);
    expect(new Set(relayed).size).toBe(relayed.length);
  });

  it('waits out a rate limit (429 with Retry-After) before trying again', async () => {
    const { slack } = harness;
    slack.failNext('chat.postMessage', { retryAfterSeconds: 1, channel: channels.support });
    const started = Date.now();
    await fileTicket(harness);
    await slack.waitFor(() => slack.messagesIn(channels.support)[0], 5000, 'the card after the rate limit');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(slack.messagesIn(channels.support)).toHaveLength(1);
  });

  it('tells the department when a message to the requester cannot be delivered', async () => {
    const { slack } = harness;
    slack.failNext('conversations.open', { error: 'user_disabled' });
    await fileTicket(harness);
    const notice = await slack.waitFor(() => slack.messagesIn(channels.support, null).find((message) => message.text.includes('could not deliver')), 5000, 'the failure notice');
    expect(notice.text).toBe(
      ":warning: The help desk could not deliver the requester's confirmation DM for *#1001*: Slack answered `user_disabled`. The ticket itself is safe; ask your help desk admin to check the app's channels and scopes.",
    );
  });

  it('gives up at once on a card Slack refuses for good, records why, and still confirms to the requester', async () => {
    const { slack, helpdesk, logs } = harness;
    // The card's post, in the department's channel (the requester's DM goes out beside it).
    slack.failNext('chat.postMessage', { error: 'msg_too_long', channel: 'C0SUPPORT' });
    await fileTicket(harness);
    await slack.waitFor(
      () => {
        const dm = slack.dmChannelOf(people.karen.id);
        return dm && slack.messagesIn(dm)[0];
      },
      5000,
      'the requester DM',
    );
    await harness.settle();
    const card = await helpdesk.db.manager.findOneByOrFail(OutboxMessageEntity, { kind: 'post_ticket_card' });
    expect(card).toMatchObject({ lastError: 'msg_too_long', sentAt: null, failedAt: expect.any(Date), attempts: 1 });
    const givenUp = logs.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.msg === 'outbox message given up');
    // Sent by the dispatcher, not by the request that filed the ticket: no request's ids on it.
    expect(givenUp).toMatchObject({ level: 'error', kind: 'post_ticket_card', ticket: 1001, error: 'msg_too_long' });
    expect(givenUp).not.toHaveProperty('requestId');
    expect(await helpdesk.db.manager.countBy(TicketEntity, {})).toBe(1);
  });
});

describe('when the process stops between saving a ticket and telling Slack', () => {
  it('delivers the card and the DM exactly once after a restart', async () => {
    const database = await createTestDatabase();
    const first = await startHarness({ database });
    try {
      // Slack is down: every delivery fails, so the ticket is saved but nothing reaches Slack.
      first.slack.failNext('chat.postMessage', { status: 503 }, 1000);
      first.slack.failNext('conversations.open', { status: 503 }, 1000);
      await fileTicket(first);
      await first.slack.waitFor(() => first.slack.callsTo('chat.postMessage').length > 0, 3000, 'a first attempt');
    } finally {
      await first.stop();
    }
    expect(first.slack.messagesIn(channels.support)).toHaveLength(0);

    const second = await startHarness({ database });
    try {
      // The lease of the failed attempt and its backoff pass; the restarted app delivers.
      const card = await second.slack.waitFor(() => second.slack.messagesIn(channels.support)[0], 8000, 'the card after restart');
      expect(visibleText(card)).toContain('#1001 Entire mobile online banking is down');
      await second.slack.waitFor(
        () => {
          const dm = second.slack.dmChannelOf(people.karen.id);
          return dm && second.slack.messagesIn(dm)[0];
        },
        8000,
        'the DM after restart',
      );
      await second.settle();
      expect(second.slack.messagesIn(channels.support)).toHaveLength(1);
      expect(second.slack.messagesIn(second.slack.dmChannelOf(people.karen.id) ?? '')).toHaveLength(1);
    } finally {
      await second.stop();
      await database.drop();
    }
  });
});
