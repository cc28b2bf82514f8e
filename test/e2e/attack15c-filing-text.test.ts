import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { channels, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { karenTicketSubmission } from '../support/ticket-submission';
import { visibleText } from '../support/visible-text';

const karen = people.karen.id;

/** Karen's submission with `summary` and `details` as she typed them. */
const submission = (harness: Harness, viewId: string, summary: string, details: string) => {
  const payload = karenTicketSubmission(harness.slack, viewId, summary);
  payload.view.state.values.details.value = { type: 'plain_text_input', value: details as unknown as null };
  return payload;
};

/**
 * Text that could break a hand-written statement (the filing's WriteBatch joins its parts into one
 * statement on PostgreSQL, renumbering `?` into `$n`): stored and shown as typed, on both databases.
 */
describe('attack15c: text that could break the filing statement', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.stop();
  });

  const hostile: readonly [string, string][] = [
    ['Is the app down? Really?', 'What about ?1 and ? and ?? — and $1, $2, $$ quoted $$'],
    ["Robert'); DROP TABLE tickets;--", "'; DELETE FROM outbox_messages; --\n\\' \\\\"],
    ['$1 $2 $3 $10', 'WITH part_0 AS (SELECT 1) SELECT 1; /* ? */ -- ?'],
    ['Emoji 🏦 and RTL \u202e mobile', 'é\u0301 \u{1F469}\u200D\u{1F4BB} tabs\tand\r\nnewlines'],
  ];

  it('stores and shows summaries and details with ?, $1, quotes and comments exactly as typed', async () => {
    let view = 0;
    for (const [summary, details] of hostile) {
      const answer = await harness.requests.interaction(submission(harness, `VTEXT${(view += 1)}`, summary, details));
      expect(answer.status).toBe(200);
    }
    await harness.settle();
    const tickets = await harness.helpdesk.db.manager.find(TicketEntity, { order: { number: 'ASC' } });
    expect(tickets.map((ticket) => [ticket.summary, ticket.details])).toEqual(hostile.map(([summary, details]) => [summary, details]));
    for (const ticket of tickets) {
      const cards = harness.slack.messagesIn(channels.support, null).filter((message) => message.text.startsWith(`#${ticket.number} `));
      expect(cards).toHaveLength(1);
    }
    const confirmations = harness.slack.messagesIn(harness.slack.dmChannelOf(karen) ?? '', null).filter((message) => message.text.startsWith('We got your ticket #'));
    expect(confirmations).toHaveLength(hostile.length);
    expect(harness.slack.rejections).toEqual([]);
  });

  it('answers a summary or details with NUL or a lone surrogate with a clear message or stores it, never a 5xx or a silent loss', async () => {
    const cases: readonly [string, string][] = [
      ['Mobile banking down\u0000', 'details with a NUL \u0000 inside'],
      ['Lone surrogate \ud800 here', 'and \udfff there'],
    ];
    let view = 0;
    for (const [summary, details] of cases) {
      const answer = await harness.requests.interaction(submission(harness, `VNUL${(view += 1)}`, summary, details));
      expect(answer.status).toBe(200);
      const body = answer.body;
      const tickets = await harness.helpdesk.db.manager.find(TicketEntity, { order: { number: 'ASC' } });
      const stored = tickets.at(-1);
      if (stored && stored.summary.startsWith(summary.slice(0, 10)) && body.includes('"response_action":"update"')) continue;
      // Either filed (the modal shows the ticket) or refused with errors on the fields: never nothing.
      expect(body).toMatch(/response_action/);
    }
    await harness.settle();
    expect(harness.helpdesk.inFlight.busy).toBe(false);
    expect(harness.slack.rejections).toEqual([]);
  });

  it('stores a 40,000-character details in full or says it is too long', async () => {
    const details = 'Every page of the app answers 404. '.repeat(1200).slice(0, 40_000);
    const answer = await harness.requests.interaction(submission(harness, 'VLONG', 'Entire mobile online banking is down', details));
    expect(answer.status).toBe(200);
    await harness.settle();
    const tickets = await harness.helpdesk.db.manager.find(TicketEntity);
    if (tickets.length === 1) expect(tickets[0]?.details).toBe(details);
    else expect(answer.body).toContain('"response_action":"errors"');
    expect(harness.slack.rejections).toEqual([]);
  });

  it('files one ticket, one card, one confirmation when the same submission arrives twice at once (retry and double click)', async () => {
    const payload = submission(harness, 'VTWICE', 'Entire mobile online banking is down', 'Business Critical Outage');
    const answers = await Promise.all([harness.requests.interaction(payload), harness.requests.interaction(payload), harness.requests.interaction(payload)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    await harness.settle();
    const tickets = await harness.helpdesk.db.manager.find(TicketEntity);
    expect(tickets).toHaveLength(1);
    const number = tickets[0]?.number ?? 0;
    for (const answer of answers) expect(answer.body).toContain(`#${number}`);
    expect(harness.slack.messagesIn(channels.support, null).filter((message) => message.text.startsWith(`#${number} `))).toHaveLength(1);
    const dms = harness.slack.messagesIn(harness.slack.dmChannelOf(karen) ?? '', null).filter((message) => visibleText(message).includes('We got your ticket'));
    expect(dms).toHaveLength(1);
  });
});
