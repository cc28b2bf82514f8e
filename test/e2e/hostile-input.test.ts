import fc from 'fast-check';
import { ids } from '../../src/slack/ids';
import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';

const STRANGERS = [people.ken.id, people.michael.id, people.jerry.id];
// With ids no listener knows, which must be answered at once and change nothing.
const ACTION_IDS = [...Object.values(ids.card), ...Object.values(ids.requester), 'no_such_action'];
const CALLBACK_IDS = [...Object.values(ids.work).filter((id) => id.endsWith('_modal')), 'no_such_modal'];

/** Text people might type, mixed with what tries to break Slack formatting or our parsing. */
const nastyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.constantFrom('<!channel>', '<!here|here>', '<@U0BOSS>', '&amp;<>', '*bold* _it_ ~x~ `c`', '\u0000', '"}]}', 'x'.repeat(5000)),
);

// Both spellings: cards posted now carry { ticketId, version, action }, older ones { t, v, a }.
const valueOf = (ticketId: number) =>
  fc.oneof(
    fc.record({ ticketId: fc.constantFrom(ticketId, 0, -1, 999999), version: fc.integer({ min: -1, max: 5 }) }).map((ref) => JSON.stringify(ref)),
    fc.record({ ticketId: fc.constant(ticketId), version: fc.constant(1), action: fc.constantFrom('assign', 'release', 'close', 'explode') }).map((ref) => JSON.stringify(ref)),
    fc.record({ t: fc.constantFrom(ticketId, 0, -1, 999999), v: fc.integer({ min: -1, max: 5 }) }).map((ref) => JSON.stringify(ref)),
    fc.record({ t: fc.constant(ticketId), v: fc.constant(1), a: fc.constantFrom('assign', 'release', 'close', 'explode') }).map((ref) => JSON.stringify(ref)),
    nastyText,
  );

describe('hostile and random payloads', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeAll(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
    await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('never crash the app, never answer 5xx, never let an outsider change a ticket, never make the app send invalid blocks', async () => {
    const before = await scenes.ticket(1001);
    const channel = before.cardChannelId ?? '';
    const dm = harness.slack.dmChannelOf(people.karen.id) ?? '';

    const buttonClick = fc
      .record({ user: fc.constantFrom(...STRANGERS), actionId: fc.constantFrom(...ACTION_IDS), value: valueOf(before.id), inDm: fc.boolean() })
      .map(({ user, actionId, value, inDm }) => ({
        type: 'block_actions',
        user: { id: user, username: user, name: user, team_id: harness.slack.teamId },
        api_app_id: 'A0HELPDESK',
        token: 'unused',
        trigger_id: harness.slack.issueTrigger(user),
        team: { id: harness.slack.teamId, domain: 'helpdesk-demo' },
        channel: { id: inDm ? dm : channel, name: 'x' },
        container: { type: 'message', message_ts: before.cardTs, channel_id: inDm ? dm : channel },
        message: { type: 'message', ts: before.cardTs, text: '' },
        response_url: harness.slack.issueResponseUrl(user, channel),
        actions: [
          actionId === ids.card.more
            ? { type: 'overflow', action_id: actionId, block_id: 'b', selected_option: { text: { type: 'plain_text', text: 'x' }, value }, action_ts: '1' }
            : { type: 'button', action_id: actionId, block_id: 'b', text: { type: 'plain_text', text: 'x' }, value, action_ts: '1' },
        ],
      }));

    const viewSubmission = fc
      .record({
        user: fc.constantFrom(...STRANGERS),
        callbackId: fc.constantFrom(...CALLBACK_IDS),
        metadata: fc.oneof(valueOf(before.id), fc.constant(JSON.stringify({ t: before.id, v: before.version, p: { c: dm, ts: before.requesterDmTs } }))),
        text: nastyText,
        choice: fc.oneof(fc.constantFrom('1', '2', 'emergency', 'low', people.ken.id), nastyText),
      })
      .map(({ user, callbackId, metadata, text, choice }) => ({
        type: 'view_submission',
        user: { id: user, username: user, name: user, team_id: harness.slack.teamId },
        team: { id: harness.slack.teamId, domain: 'helpdesk-demo' },
        api_app_id: 'A0HELPDESK',
        token: 'unused',
        trigger_id: harness.slack.issueTrigger(user),
        view: {
          id: `V${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
          type: 'modal',
          callback_id: callbackId,
          private_metadata: metadata,
          blocks: [{ type: 'input', block_id: 'text', label: { type: 'plain_text', text: 'x' }, element: { type: 'plain_text_input', action_id: 'value' } }],
          state: { values: { text: { value: { type: 'plain_text_input', value: text } }, choice: { value: { type: 'static_select', selected_option: { value: choice }, selected_user: choice } } } },
        },
      }));

    const dmMessage = fc.record({ user: fc.constantFrom(...STRANGERS), text: nastyText, threaded: fc.boolean() }).map(({ user, text, threaded }) => ({
      event: { type: 'message', channel: dm, channel_type: 'im', user, text, ts: `${Date.now() / 1000}`, ...(threaded ? { thread_ts: before.requesterDmTs } : {}) },
    }));

    // Well-formed JSON of no known shape is answered at once; test/e2e/malformed-input.test.ts covers it.
    const malformed = fc.oneof(
      fc.string().map((junk) => ({ raw: junk, contentType: 'application/json' })),
      fc.string().map((junk) => ({ raw: `payload=${encodeURIComponent(junk)}`, contentType: 'application/x-www-form-urlencoded' })),
    );

    const request = fc.oneof(
      buttonClick.map((payload) => () => harness.requests.interaction(payload)),
      viewSubmission.map((payload) => () => harness.requests.interaction(payload)),
      dmMessage.map(
        ({ event }) =>
          () =>
            harness.requests.event(event),
      ),
      nastyText.map((text) => () => harness.requests.slashCommand(people.ken.id, text)),
      malformed.map(
        ({ raw, contentType }) =>
          () =>
            harness.requests.post(raw, contentType),
      ),
    );

    await fc.assert(
      fc.asyncProperty(request, async (send) => {
        const response = await send();
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
    await harness.settle();

    const after = await scenes.ticket(1001);
    expect({ status: after.status, assigneeId: after.assigneeId, departmentId: after.departmentId, priority: after.priority, version: after.version }).toEqual({
      status: before.status,
      assigneeId: before.assigneeId,
      departmentId: before.departmentId,
      priority: before.priority,
      version: before.version,
    });
    const changes = (await scenes.history(1001)).filter((event) => !['created', 'refused'].includes(event.type));
    expect(changes).toEqual([]);
    expect(harness.slack.rejections).toEqual([]);
  }, 240_000);

  it('answers a click or a modal submission with an id it does not know, changes nothing, and logs it', async () => {
    const ken = { id: people.ken.id, username: 'ken', name: 'ken', team_id: harness.slack.teamId };
    const click = await harness.requests.interaction({
      type: 'block_actions',
      user: ken,
      team: { id: harness.slack.teamId },
      api_app_id: 'A0HELPDESK',
      trigger_id: harness.slack.issueTrigger(people.ken.id),
      actions: [{ type: 'button', action_id: 'no_such_action', block_id: 'b', value: '{"t":1,"v":1}', action_ts: '1' }],
    });
    const submission = await harness.requests.interaction({
      type: 'view_submission',
      user: ken,
      team: { id: harness.slack.teamId },
      api_app_id: 'A0HELPDESK',
      view: { id: 'VUNKNOWN1', type: 'modal', callback_id: 'no_such_modal', private_metadata: '', state: { values: {} } },
    });
    expect([click.status, submission.status]).toEqual([200, 200]);
    expect(submission.body).toBe('');
    const warnings = harness.logs.filter((line) => line.includes('"level":"warn"'));
    expect(warnings.some((line) => line.includes('a click on an element this app does not know') && line.includes('no_such_action'))).toBe(true);
    expect(warnings.some((line) => line.includes('a submission of a modal this app does not know') && line.includes('no_such_modal'))).toBe(true);
  });

  it('answers a signed payload of no known shape without an error', async () => {
    const response = await harness.requests.interaction({ type: 'something_new', user: { id: people.ken.id } });
    expect(response.status).toBeLessThan(500);
  });
});
