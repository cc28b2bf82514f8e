import { channels, people } from '../support/demo-workspace';
import { Harness, startHarness, TEST_CLIENT_PING_TIMEOUT_MS } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { buttonLabels, visibleText } from '../support/visible-text';

const karen = people.karen.id;
const john = people.john.id;
const jerry = people.jerry.id;

/** Polls `check` every 20 ms until it holds, for at most `timeoutMs`. */
const until = async (check: () => boolean, what: string, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/**
 * The osTicket story over Socket Mode: no HTTP request from Slack at all, every command, click,
 * submission and DM an envelope on the app's WebSocket, through a dropped socket, a refresh and
 * Slack's retries, with nothing lost and nothing done twice.
 */
describe('the ticket story in Socket Mode', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeAll(async () => {
    harness = await startHarness({ socketMode: true });
    scenes = new Scenes(harness);
  });
  afterAll(async () => {
    await harness.stop();
  });

  const publicHealth = () => fetch(`http://127.0.0.1:${harness.helpdesk.healthPort}/healthz`);
  const opsHealth = async () => {
    const response = await fetch(`http://127.0.0.1:${harness.helpdesk.opsPort}/healthz`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const relaysOf = async (text: string) => scenes.thread(await scenes.card(1001)).filter((line) => line.includes(text));
  const karenWrites = async (text: string, deliveries = 1) => {
    const ticket = await scenes.ticket(1001);
    const { response } = await harness.requests.writeInDm(karen, text, ticket.requesterDmTs, {}, deliveries);
    await harness.settle();
    return response;
  };

  it('connects with the app-level token, is greeted, and has no Slack-facing HTTP port', async () => {
    expect(harness.helpdesk.port).toBeNull();
    expect(harness.slack.socketMode.connectionCount).toBe(1);
    expect(harness.helpdesk.slackConnected()).toBe(true);
    expect(await (await publicHealth()).text()).toBe('ok\n');
    expect(await opsHealth()).toMatchObject({ status: 200, body: { database: 'ok', socketMode: 'connected' } });
  });

  it('1. Karen files the outage under Business Critical Outage: the command and the submission are envelopes', async () => {
    const ticket = await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down', 'Every page of the app answers 404.');
    expect(ticket).toMatchObject({ number: 1001, priority: 'emergency', status: 'open' });
    expect((await scenes.card(1001)).channel).toBe(channels.support);
    const kinds = harness.slack.socketMode.sent.map(({ envelope }) => `${envelope.type}${envelope.type === 'interactive' ? `:${String(envelope.payload.type)}` : ''}`);
    expect(kinds).toEqual(['slash_commands', 'interactive:view_submission']);
    // The submission's acknowledgement carried the modal's next screen (response_action: update).
    expect(harness.slack.socketMode.sent[1]?.ack?.payload).toMatchObject({ response_action: 'update' });
  });

  it('2. John claims it and 3. replies to Karen', async () => {
    await scenes.click(john, await scenes.card(1001), 'Assign to me');
    expect(visibleText(await scenes.card(1001))).toContain(`*Assignee*\n<@${john}>`);
    const { body } = await scenes.clickAndSubmit(john, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'Does the website work for you, or only the app?' });
    expect(body).toEqual({});
    expect(visibleText(await scenes.card(1001))).toContain('Waiting on requester');
  });

  it('the socket drops: health says down; what Karen writes meanwhile arrives after the reconnect, once', async () => {
    harness.slack.socketMode.drop();
    await until(() => !harness.helpdesk.slackConnected(), 'the app to notice the lost connection');
    expect((await publicHealth()).status).toBe(503);
    expect(await opsHealth()).toMatchObject({ status: 503, body: { database: 'ok', socketMode: 'disconnected' } });

    const started = Date.now();
    const response = await karenWrites('Only the app; the website is fine.');
    expect(response.status).toBe(200);
    // Slack kept the event until the app was back (after the client's reconnect delay), and sent it as a retry.
    expect(Date.now() - started).toBeGreaterThanOrEqual(TEST_CLIENT_PING_TIMEOUT_MS / 2);
    expect(harness.slack.socketMode.sent.at(-1)?.envelope).toMatchObject({ type: 'events_api', retry_attempt: 1 });
    expect(await relaysOf('Only the app; the website is fine.')).toHaveLength(1);
    expect(visibleText(await scenes.card(1001))).toContain('In progress');
    expect((await publicHealth()).status).toBe(200);
  });

  it('Slack is unreachable while the app reconnects (HTTP 503s, a 429): the app stays up, says down, and comes back', async () => {
    const opens = () => harness.slack.callsTo('apps.connections.open');
    const before = opens().length;
    harness.slack.failNext('apps.connections.open', { status: 503 }, 2);
    harness.slack.failNext('apps.connections.open', { retryAfterSeconds: 1 });
    harness.slack.socketMode.drop();
    await until(() => !harness.helpdesk.slackConnected(), 'the app to notice the lost connection');
    expect((await publicHealth()).status).toBe(503);
    await until(() => harness.helpdesk.slackConnected(), 'the app to reconnect once Slack answers again', 20_000);
    // Each refusal was retried: two 503s, the 429 waited out, then the URL that connected.
    expect(
      opens()
        .slice(before)
        .map((call) => call.status),
    ).toEqual([503, 503, 429, 200]);
    expect((await publicHealth()).status).toBe(200);
    expect((await karenWrites('Still only the app.')).status).toBe(200);
    expect(await relaysOf('Still only the app.')).toHaveLength(1);
  }, 30_000);

  it('the socket drops after an event was sent and before its ack: Slack sends it again, the app acts once', async () => {
    harness.slack.socketMode.dropAfterNextEnvelope();
    await karenWrites('Customers are calling the branch');
    const deliveries = harness.slack.socketMode.sent.filter(({ envelope }) => JSON.stringify(envelope.payload).includes('Customers are calling the branch'));
    expect(deliveries.map(({ envelope }) => envelope.retry_attempt)).toEqual([0, 1]);
    expect(deliveries[1]?.ack).not.toBeNull();
    expect(await relaysOf('Customers are calling the branch')).toHaveLength(1);
  });

  it('Slack refreshes the connection (warning, then refresh_requested): the app reconnects and goes on', async () => {
    harness.slack.socketMode.disconnect('warning');
    harness.slack.socketMode.disconnect('refresh_requested');
    await until(() => !harness.helpdesk.slackConnected(), 'the app to close the old connection');
    await harness.slack.socketMode.waitForConnections(1);
    await until(() => harness.helpdesk.slackConnected(), 'the app to be greeted again');
    expect(harness.slack.socketMode.connectionCount).toBe(1);
  });

  it('4. John transfers it to Sys Admins: a new card there, the history with it', async () => {
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Transfer', { 'Transfer to': 'Sys Admins', Reason: 'needs the load balancer team' });
    const newCard = await scenes.card(1001);
    expect(newCard.channel).toBe(channels.sysadmins);
    expect(scenes.thread(newCard).join('\n')).toContain('History of #1001 so far');
    expect((await scenes.requesterThread(1001)).at(-1)?.text).toBe('Your ticket #1001 was passed to Sys Admins, who are better placed to help.');
  });

  it("Slack retries one of Karen's messages (same event id, retry_attempt 1): answered once", async () => {
    const before = harness.slack.socketMode.sent.length;
    await karenWrites('Still down here at the branch', 2);
    const retries = harness.slack.socketMode.sent.slice(before).map(({ envelope }) => [envelope.retry_attempt, envelope.payload.event_id]);
    expect(retries).toEqual([
      [0, expect.any(String)],
      [1, retries[0]?.[1]],
    ]);
    expect(await relaysOf('Still down here at the branch')).toHaveLength(1);
  });

  it('5. Jerry claims and resolves it, 6. Karen confirms: closed', async () => {
    await scenes.click(jerry, await scenes.card(1001), 'Assign to me');
    await scenes.clickAndSubmit(jerry, await scenes.card(1001), 'Resolve', { Resolution: 'Found and reconnected a failed load balancer' });
    const resolution = (await scenes.requesterThread(1001)).at(-1);
    if (!resolution) throw new Error('no resolution message');
    expect(buttonLabels(resolution)).toEqual(['That fixed it', 'Still broken']);
    await scenes.click(karen, resolution, 'That fixed it');
    expect(await scenes.ticket(1001)).toMatchObject({ status: 'closed', closedAt: expect.any(Date) });
    expect(visibleText(resolution)).toContain('You confirmed the fix; #1001 is closed.');
  });

  it('kept the whole story, each step once, and every envelope was acknowledged', async () => {
    expect((await scenes.history(1001)).map(({ type, actorId }) => `${type} ${actorId}`)).toEqual([
      `created ${karen}`,
      `assigned ${john}`,
      `replied ${john}`,
      `requester_messaged ${karen}`,
      `requester_messaged ${karen}`,
      `requester_messaged ${karen}`,
      `transferred ${john}`,
      `requester_messaged ${karen}`,
      `assigned ${jerry}`,
      `resolved ${jerry}`,
      `closed ${karen}`,
    ]);
    const unanswered = harness.slack.socketMode.sent.filter(({ ack }) => ack === null);
    // Only the one envelope whose socket was dropped before its ack went unanswered.
    expect(unanswered.map(({ envelope }) => [envelope.type, envelope.retry_attempt])).toEqual([['events_api', 0]]);
    expect(harness.slack.rejections).toEqual([]);
  });

  it('an envelope of a shape Slack does not send is logged; an event is acknowledged, a command is not', async () => {
    const { socketMode } = harness.slack;
    // With an event type: @slack/socket-mode itself reads `payload.event.type` before handing the envelope on.
    const event = await socketMode.deliver('events_api', { type: 'event_callback', event_id: 'EvBADCHANNEL', team_id: harness.slack.teamId, event: { type: 'message', channel: 42 } });
    expect(event).toMatchObject({ envelope_id: expect.any(String) });
    expect(await socketMode.deliver('slash_commands', { command: '/ticket', user_id: karen, text: 'no channel, no trigger' })).toBeNull();
    const warnings = harness.logs.filter((line) => line.includes('a Socket Mode envelope this app does not handle'));
    expect(warnings.map((line) => (JSON.parse(line) as { type: string }).type)).toEqual(['events_api', 'slash_commands']);
  });
});

describe('stopping the app in Socket Mode', () => {
  it('closes the socket with an info line, not a "connection lost" warning', async () => {
    const harness = await startHarness({ socketMode: true });
    await harness.stop();
    const closing = harness.logs.filter((line) => line.includes('Socket Mode connection'));
    expect(closing.map((line) => (JSON.parse(line) as { level: string; msg: string }).msg)).toEqual(['Socket Mode connection closed']);
  });
});
