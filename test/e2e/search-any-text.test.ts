import fc from 'fast-check';
import { TicketSearchRepository } from '../../src/persistence/repositories/ticket-search.repository';
import { TicketSearchService } from '../../src/services/ticket-search.service';
import { buildSearchModal } from '../../src/slack/views/search-results.view';
import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { markup } from '../support/markup-arbitrary';

const { karen, michael, john, jerry } = people;

/** Pieces of FTS5's and tsquery's syntax, Slack's escaping and markup, and characters that break careless cuts. */
const syntax = fc.constantFrom(
  '"',
  "'",
  'AND',
  'OR',
  'NOT',
  'NEAR(',
  'NEAR/2',
  '*',
  '-',
  ':',
  '(',
  ')',
  '{',
  '}',
  '^',
  '+',
  '!',
  '|',
  '&',
  '<->',
  '<2>',
  ':*',
  'summary:',
  'scope:',
  '{summary body}:',
  'd1',
  '\\',
  '&lt;',
  '&gt;',
  '&amp;',
  '<@U0KAREN>',
  '<@U0KAREN|karen>',
  'U0MICHAEL',
  '#1001',
  '1002',
  '👩‍💻',
  '🇫🇷',
  '👍🏽',
  'e\u0301',
  '银行',
  'banking',
  'mobile',
  ' ',
  '\n',
);
const typed = fc.oneof(
  fc.array(syntax, { maxLength: 12 }).map((parts) => parts.join('')),
  fc.array(fc.oneof(syntax, fc.string({ maxLength: 4 })), { maxLength: 10 }).map((parts) => parts.join(' ')),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  markup,
);

/**
 * Whatever a person types into a search (quotes, operators of FTS5 or tsquery, Slack's escaping,
 * markup, emoji, half characters), the search answers: never an error, never a ticket outside the
 * asker's departments, and, through Slack, an answer Slack accepts.
 */
describe('search answers any text', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
    const scenes = new Scenes(harness);
    await scenes.fileTicket(michael.id, 'Report a Problem', 'Mail stopped on my iPhone 👩‍💻', 'It stopped after I opened the banking app <https://bank.example/|the bank> & "quotes" *bold*');
    await scenes.fileTicket(karen.id, 'Business Critical Outage', 'Entire mobile online banking is down', 'Customers cannot log in: NEAR(mobile banking) AND "error 503" — 🇫🇷 e\u0301 银行');
    await scenes.fileTicket(karen.id, 'Access Issue', 'VPN access for the mobile banking vendor');
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('answers any text typed in the Search modal with a view Slack accepts', async () => {
    const { slack, requests } = harness;
    await fc.assert(
      fc.asyncProperty(typed, fc.constantFrom(john.id, jerry.id), async (text, agent) => {
        const modal = slack.createView(agent, buildSearchModal() as unknown as Record<string, unknown>);
        const response = await requests.interaction(requests.viewSubmissionOf(agent, modal, { search_text: text }));
        expect(response.status).toBe(200);
        const body = response.json() as { response_action: string };
        expect(['update', 'errors']).toContain(body.response_action);
        slack.applyViewAck(modal.id, response.body);
        slack.closeView(agent);
      }),
      { numRuns: 60 },
    );
    expect(slack.rejections).toEqual([]);
  });

  it("answers any string, half characters included, with hits of the asker's departments only", async () => {
    const service = new TicketSearchService(new TicketSearchRepository(harness.helpdesk.db.manager), harness.helpdesk.catalog);
    const support = (await harness.helpdesk.catalog.listActiveDepartments()).find((department) => department.name === 'Support')!;
    // Syntax is read as the words it holds: this finds the ticket whose details say it.
    const literal = await service.searchAs(john.id, 'NEAR(mobile banking) AND "error 503" * - :');
    expect(literal.ok && literal.value.page.hits.map((hit) => hit.number)).toEqual([1002]);
    await fc.assert(
      fc.asyncProperty(fc.oneof(typed, fc.string({ unit: 'binary', maxLength: 60 })), async (text) => {
        const answer = await service.searchAs(john.id, text);
        if (!answer.ok) return expect(answer.error).toBe('nothing_to_search');
        for (const hit of answer.value.page.hits) expect(hit.departmentId).toBe(support.id);
        expect(answer.value.page.total).toBeGreaterThanOrEqual(answer.value.page.hits.length);
      }),
      { numRuns: 400 },
    );
  });
});
