import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { channels, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
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

  it('files a summary or details with NUL or a lone surrogate, each shown and stored as U+FFFD on both databases, the rest as typed', async () => {
    // PostgreSQL refused the NUL and the person was asked to press Submit again, forever; SQLite and PostgreSQL stored a lone surrogate differently.
    const cases: readonly [string, string][] = [
      ['Mobile banking down\u0000', 'details with a NUL \u0000 inside'],
      ['Lone surrogate \ud800 here', 'and \udfff there, a pair \u{1F3E6} kept'],
    ];
    let view = 0;
    for (const [summary, details] of cases) {
      const answer = await harness.requests.interaction(submission(harness, `VNUL${(view += 1)}`, summary, details));
      expect(answer.status).toBe(200);
      expect(answer.body).toContain('"response_action":"update"');
    }
    await harness.settle();
    const replaced = (text: string) => text.replace(/\u0000|\ud800|\udfff/g, '\uFFFD');
    const tickets = await harness.helpdesk.db.manager.find(TicketEntity, { order: { number: 'ASC' } });
    expect(tickets.map((ticket) => [ticket.summary, ticket.details])).toEqual(cases.map(([summary, details]) => [replaced(summary), replaced(details)]));
    const cards = harness.slack.messagesIn(channels.support, null);
    expect(cards).toHaveLength(2);
    expect(visibleText(cards[0] ?? {})).toContain('Mobile banking down\uFFFD');
    expect(harness.slack.rejections).toEqual([]);
  });

  it('says a 40,000-character details is too long, on the field, and files nothing', async () => {
    const details = 'Every page of the app answers 404. '.repeat(1200).slice(0, 40_000);
    const answer = await harness.requests.interaction(submission(harness, 'VLONG', 'Entire mobile online banking is down', details));
    expect(answer.status).toBe(200);
    await harness.settle();
    expect(await harness.helpdesk.db.manager.count(TicketEntity)).toBe(0);
    expect(JSON.parse(answer.body)).toEqual({ response_action: 'errors', errors: { details: 'Details are 40000 characters; the limit is 3000.' } });
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

  it("relays Karen's DM with a NUL to the card's thread, the NUL shown as U+FFFD, on both databases", async () => {
    const scenes = new Scenes(harness);
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    const { response } = await harness.requests.writeInDm(karen, 'Still down\u0000 at 9:05? $1 \ud800', (await scenes.ticket(1001)).requesterDmTs);
    expect(response.status).toBe(200);
    await harness.settle();
    expect(scenes.thread(await scenes.card(1001)).filter((line) => line.includes('Still down\uFFFD at 9:05? $1 \uFFFD'))).toHaveLength(1);
    expect(harness.slack.rejections).toEqual([]);
  });
});
