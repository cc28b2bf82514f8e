import { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, ErrorCode, LogLevel, Receiver } from '@slack/bolt';
import { createRootLogger } from '../../src/observability/logger';
import { slackLogger } from '../../src/observability/slack-logger';
import { signRequest } from '../../src/sandbox/local-slack/slack-requests';
import { HelpdeskReceiver } from '../../src/slack/receiver/helpdesk-receiver';

const SECRET = 'contract-signing-secret';

/**
 * The receiver stands on Bolt's documented custom-receiver contract: `init(app)` called by the App
 * constructor, `start`/`stop` called by `app.start`/`app.stop`, and `app.processEvent(event)` with
 * `body`, `ack`, `retryNum` and `retryReason`. A Bolt upgrade that changes any of it fails here.
 */
describe("the receiver on Bolt's Receiver contract", () => {
  let app: App;
  let url: string;
  const lines: string[] = [];
  const seen: Record<string, unknown>[] = [];
  let eventDone = false;

  beforeAll(async () => {
    const logger = slackLogger(createRootLogger('warn', { write: (line: string) => lines.push(line.trimEnd()) }));
    const receiver: Receiver = new HelpdeskReceiver({ signingSecret: SECRET, logger, now: Date.now });
    app = new App({ receiver, token: 'xoxb-contract', botId: 'B0HELPDESK', botUserId: 'U0HELPDESK', tokenVerificationEnabled: false, logger, logLevel: LogLevel.WARN });
    app.command('/ticket', async ({ ack, command, context }) => {
      await ack({ response_type: 'ephemeral', text: `got ${command.text}` });
      const secondAck = await ack().then(
        () => 'accepted',
        (error: { code?: string }) => error.code,
      );
      seen.push({ text: command.text, retryNum: context.retryNum, retryReason: context.retryReason, secondAck });
    });
    app.command('/broken', async () => {
      throw new Error('the listener failed before its ack');
    });
    app.view('contract_modal', async ({ ack, view }) => ack({ response_action: 'errors', errors: { summary: `bad ${view.id}` } }));
    app.event('app_mention', async () => {
      await new Promise((settle) => setTimeout(settle, 200));
      eventDone = true;
    });
    app.error(async (error) => {
      throw error;
    });
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterAll(async () => {
    await app.stop();
  });

  const post = async (body: string, contentType: string, headers: Record<string, string> = {}) => {
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signRequest(SECRET, timestamp, body), ...headers },
      body,
    });
    return { status: response.status, text: await response.text(), contentType: response.headers.get('content-type') };
  };
  const command = (name: string, text: string) =>
    new URLSearchParams({
      command: name,
      text,
      user_id: 'U0KAREN',
      channel_id: 'C0GENERAL',
      team_id: 'T0HELPDESK',
      trigger_id: 't.1',
      response_url: 'https://hooks.slack.com/commands/T0/1/x',
    }).toString();

  it("hands a command to its listener with Slack's retry headers as retryNum and retryReason, answers with the ack's body, and refuses a second ack", async () => {
    const answer = await post(command('/ticket', 'Printer on 3rd floor is jammed'), 'application/x-www-form-urlencoded', { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' });
    expect(answer).toEqual({ status: 200, text: JSON.stringify({ response_type: 'ephemeral', text: 'got Printer on 3rd floor is jammed' }), contentType: 'application/json' });
    expect(seen).toEqual([{ text: 'Printer on 3rd floor is jammed', retryNum: 2, retryReason: 'http_timeout', secondAck: ErrorCode.ReceiverMultipleAckError }]);
  });

  it('answers a view submission with what its listener acked', async () => {
    const payload = { type: 'view_submission', user: { id: 'U0KAREN' }, team: { id: 'T0HELPDESK' }, view: { id: 'V1', callback_id: 'contract_modal', state: { values: {} } } };
    const answer = await post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
    expect({ status: answer.status, body: JSON.parse(answer.text) as unknown }).toEqual({ status: 200, body: { response_action: 'errors', errors: { summary: 'bad V1' } } });
  });

  it('answers an Events API request only once its listeners have finished', async () => {
    const body = JSON.stringify({ type: 'event_callback', team_id: 'T0HELPDESK', event_id: 'Ev1', event: { type: 'app_mention', user: 'U0KAREN', channel: 'C0GENERAL', text: 'hi', ts: '1.000001' } });
    const answer = await post(body, 'application/json');
    expect(answer.status).toBe(200);
    expect(eventDone).toBe(true);
  });

  it('answers 500 at once when a listener fails before its ack, and 404 at once when no listener takes a command', async () => {
    const started = Date.now();
    expect((await post(command('/broken', 'x'), 'application/x-www-form-urlencoded')).status).toBe(500);
    expect((await post(command('/nobody', 'x'), 'application/x-www-form-urlencoded')).status).toBe(404);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
