import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { App, LogLevel, Logger, Receiver, ReceiverEvent } from '@slack/bolt';
import { people } from '../../../src/sandbox/demo-workspace';
import { ids } from '../../../src/slack/ids';
import { registerListeners } from '../../../src/slack/listeners';
import { ACTION_IDS } from '../../../src/slack/listeners/actions';
import { ListenerDeps } from '../../../src/slack/listeners/deps';
import { NO_TOPICS_TEXT } from '../../../src/slack/listeners/commands/ticket-command';
import { VIEW_IDS } from '../../../src/slack/listeners/views';

/**
 * The listeners registered on a real Bolt App, driven through `app.processEvent` (the documented
 * entry for receivers). This catches a Bolt upgrade that changes how ids, RegExp constraints or
 * listener typing match: every id this app knows must reach its own listener and be acked once;
 * any other id must be acked once and logged. The services are recording stand-ins (each method
 * named) that refuse everything, so what reaches them (and with which ticket) is all that is looked at.
 */

type Call = { method: string; args: unknown[] };
const TICKET = 7;
const VERSION = 3;

const refusal = { ok: false, error: { code: 'TICKET.NOT_FOUND', message: 'Ticket not found.' } };

type ServiceName = 'intake' | 'workflow' | 'conversation' | 'search' | 'relations' | 'satisfaction';

/**
 * A stand-in for one service: each method named (checked against the service's type) records its
 * call and refuses, or offers no help topics. A listener calling a method not named here fails the
 * test, so the list is what the listeners reach.
 */
const recordingService = <K extends ServiceName>(service: K, methods: readonly (keyof NonNullable<ListenerDeps[K]> & string)[], calls: Call[]) =>
  Object.fromEntries(
    methods.map((method) => [
      method,
      async (...args: unknown[]) => {
        calls.push({ method: `${service}.${method}`, args });
        return method === 'offeredTopics' ? [] : refusal;
      },
    ]),
  );

const recordingLogger = (warnings: string[]): Logger => ({
  debug: () => undefined,
  info: () => undefined,
  warn: (...message: unknown[]) => void warnings.push(message.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ')),
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.WARN,
  setName: () => undefined,
});

const noReceiver: Receiver = { init: () => undefined, start: async () => undefined, stop: async () => undefined };

/** The ticket a call was about, wherever the listener put it (first argument, or `ticketId` of it). */
const ticketOf = (call: Call): unknown => (typeof call.args[0] === 'object' ? (call.args[0] as { ticketId?: unknown }).ticketId : call.args[0]);

describe('listener registration on a real Bolt App', () => {
  let server: Server;
  let apiUrl: string;
  let app: App;
  let calls: Call[];
  let warnings: string[];

  beforeAll(async () => {
    // Stands in for Slack's Web API and response_url: every call succeeds.
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((closed) => server.close(closed));
  });

  beforeEach(() => {
    calls = [];
    warnings = [];
    app = new App({
      token: 'xoxb-test',
      botId: 'B0HELPDESK',
      botUserId: 'U0HELPDESK',
      tokenVerificationEnabled: false,
      receiver: noReceiver,
      logger: recordingLogger(warnings),
      clientOptions: { slackApiUrl: `${apiUrl}api/`, retryConfig: { retries: 0 } },
    });
    const deps = {
      intake: recordingService('intake', ['submit', 'offeredTopics'], calls),
      workflow: recordingService('workflow', ['assignToMe', 'perform', 'authorizeStaff', 'liveCard', 'authorizeRequester', 'authorizeWithdraw', 'watchersOf'], calls),
      conversation: recordingService('conversation', ['received'], calls),
      search: recordingService('search', ['searchAs'], calls),
      relations: recordingService('relations', [], calls),
      satisfaction: recordingService('satisfaction', ['question'], calls),
    };
    registerListeners(app, deps as unknown as ListenerDeps);
  });

  /** Sends `body` as a receiver would; answers what it was acked with, once per ack. */
  const deliver = async (body: Record<string, unknown>): Promise<unknown[]> => {
    const acks: unknown[] = [];
    const event: ReceiverEvent = { body, ack: async (response?: unknown) => void acks.push(response ?? null) };
    await app.processEvent(event);
    return acks;
  };

  const click = (actionId: string, value: string) =>
    deliver({
      type: 'block_actions',
      user: { id: people.ken.id, username: 'ken', name: 'ken', team_id: 'T0HELPDESK' },
      team: { id: 'T0HELPDESK' },
      api_app_id: 'A0HELPDESK',
      trigger_id: '1.trigger',
      response_url: `${apiUrl}response`,
      container: { type: 'message', channel_id: 'C0SUPPORT', message_ts: '1.000100' },
      channel: { id: 'C0SUPPORT' },
      actions: [
        actionId === ids.card.more || actionId === ids.card.relate
          ? { type: 'overflow', action_id: actionId, block_id: ids.card.actionsBlock, selected_option: { text: { type: 'plain_text', text: 'Release' }, value }, action_ts: '1' }
          : { type: 'button', action_id: actionId, block_id: ids.card.actionsBlock, text: { type: 'plain_text', text: 'x' }, value, action_ts: '1' },
      ],
    });

  const submit = (callbackId: string, privateMetadata: string, values: Record<string, unknown> = {}) =>
    deliver({
      type: 'view_submission',
      user: { id: people.ken.id, username: 'ken', name: 'ken', team_id: 'T0HELPDESK' },
      team: { id: 'T0HELPDESK' },
      api_app_id: 'A0HELPDESK',
      view: { id: 'V0FORM', type: 'modal', callback_id: callbackId, private_metadata: privateMetadata, state: { values }, blocks: [], hash: 'h' },
    });

  /** What each card or prompt action reaches in the services. */
  const REACHES: Record<(typeof ACTION_IDS)[number], string | null> = {
    [ids.card.assignSelf]: 'workflow.assignToMe',
    [ids.card.close]: 'workflow.perform',
    [ids.card.reopen]: 'workflow.perform',
    [ids.card.more]: 'workflow.perform',
    [ids.card.relate]: 'workflow.perform',
    [ids.card.reply]: 'workflow.authorizeStaff',
    [ids.card.note]: 'workflow.authorizeStaff',
    [ids.card.transfer]: 'workflow.authorizeStaff',
    [ids.card.escalate]: 'workflow.authorizeStaff',
    [ids.card.resolve]: 'workflow.authorizeStaff',
    [ids.card.openCard]: 'workflow.liveCard',
    [ids.card.takeOver]: 'workflow.assignToMe',
    [ids.card.keepAssignee]: null,
    [ids.requester.fixed]: 'workflow.perform',
    [ids.requester.stillBroken]: 'workflow.authorizeRequester',
    [ids.search.openFromHome]: null,
    [ids.requester.withdraw]: 'workflow.authorizeWithdraw',
    // A choice in a modal: this click comes from a message, so it stops before any service.
    [ids.work.insertCanned]: null,
    [ids.watchers.open]: 'workflow.watchersOf',
    [ids.watchers.stopWatching]: 'workflow.perform',
  };

  const SPELLINGS = [
    ['spelled-out keys', { ticketId: TICKET, version: VERSION }],
    ['the short keys of cards posted before', { t: TICKET, v: VERSION }],
  ] as const;

  describe.each(SPELLINGS)('a click carrying %s', (_name, ref) => {
    it.each(ACTION_IDS.map((id) => [id]))('%s reaches its own listener, acked once, about the ticket clicked', async (actionId) => {
      const value = JSON.stringify(actionId === ids.card.more || actionId === ids.card.relate ? { ...ref, ...('t' in ref ? { a: 'release' } : { action: 'release' }) } : ref);
      const acks = await click(actionId, value);
      expect(acks).toHaveLength(1);
      expect(warnings).toEqual([]);
      const reached = REACHES[actionId];
      expect(calls.map((call) => call.method)).toEqual(reached ? [reached] : []);
      for (const call of calls) expect(ticketOf(call)).toBe(TICKET);
    });
  });

  /** What each modal's submission reaches, given a choice of Ken for the inputs that need one. */
  const SUBMITS: Record<(typeof VIEW_IDS)[number], string | null> = {
    [ids.modal.newTicket]: 'intake.submit',
    [ids.work.reply]: 'workflow.perform',
    [ids.work.note]: 'workflow.perform',
    [ids.work.assign]: 'workflow.perform',
    // A department and a priority are picked from options; Ken is neither, so these stop at the input.
    [ids.work.transfer]: null,
    [ids.work.escalate]: null,
    [ids.work.resolve]: 'workflow.perform',
    [ids.work.stillBroken]: 'workflow.perform',
    [ids.search.modal]: 'search.searchAs',
    // A help topic is picked from options; none is given, so the edit stops at the input.
    [ids.work.edit]: null,
    [ids.work.withdraw]: 'workflow.perform',
    // Its one input is a multi-user select; a submission without it stops there.
    [ids.watchers.modal]: null,
    // No ticket number picked or typed: these stop at the input.
    [ids.work.merge]: null,
    [ids.work.link]: null,
    // Its rating is picked from options; without one it stops at the input.
    [ids.satisfaction.modal]: null,
  };

  describe.each(SPELLINGS)('a workflow modal whose private_metadata has %s', (_name, ref) => {
    it.each(VIEW_IDS.map((id) => [id]))('%s is answered by its own listener, acked once', async (callbackId) => {
      const metadata = callbackId === ids.modal.newTicket ? '{"source":null}' : JSON.stringify(ref);
      const acks = await submit(callbackId, metadata, { [ids.work.choiceBlock]: { [ids.modal.input]: { type: 'users_select', selected_user: people.ken.id } } });
      expect(acks).toHaveLength(1);
      expect(warnings).toEqual([]);
      const reached = SUBMITS[callbackId];
      expect(calls.map((call) => call.method)).toEqual(reached ? [reached] : []);
      if (reached === 'workflow.perform') expect(ticketOf(calls[0]!)).toBe(TICKET);
    });
  });

  it.each([
    [`${ids.home.assignSelf}:unassigned:7`, 'workflow.assignToMe'],
    [`${ids.home.reopen}:recent:7`, 'workflow.authorizeRequester'],
    [`${ids.home.view}:open:7`, null],
    [`${ids.home.openCard}:mine:7`, null],
    [`${ids.home.page}:open:next`, null],
    [ids.home.newTicket, 'intake.offeredTopics'],
  ])('a Home click on %s reaches its own listener, acked once, never the unknown-id one', async (actionId, reached) => {
    const acks = await click(actionId, JSON.stringify({ ticketId: TICKET, version: VERSION, number: 1001 }));
    expect(acks).toHaveLength(1);
    expect(warnings.filter((warning) => warning.includes('does not know'))).toEqual([]);
    expect(calls.map((call) => call.method)).toEqual(reached ? [reached] : []);
  });

  it.each([1, 5])('a How did we do? click on rating %s reaches its own listener, acked once, about the ticket clicked', async (rating) => {
    const acks = await click(`${ids.satisfaction.rate}:${rating}`, JSON.stringify({ ticketId: TICKET, rating }));
    expect(acks).toHaveLength(1);
    expect(warnings).toEqual([]);
    expect(calls.map((call) => call.method)).toEqual(['satisfaction.question']);
    expect(calls[0]?.args[0]).toBe(TICKET);
  });

  it('acks a click on an element it does not know at once, changes nothing, and logs it at warn', async () => {
    for (const actionId of ['no_such_action', `${ids.card.resolve}_again`, `x${ids.card.close}`]) {
      warnings.length = 0;
      expect(await click(actionId, '{"ticketId":7,"version":3}')).toHaveLength(1);
      expect(calls).toEqual([]);
      expect(warnings).toEqual([expect.stringContaining('a click on an element this app does not know')]);
      expect(warnings[0]).toContain(actionId);
    }
  });

  it('acks the submission of a modal it does not know at once, changes nothing, and logs it at warn', async () => {
    expect(await submit('no_such_modal', '')).toEqual([null]);
    expect(calls).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining('a submission of a modal this app does not know')]);
    expect(warnings[0]).toContain('no_such_modal');
  });

  it('answers /ticket, the Create ticket shortcut and a DM to the app through their listeners', async () => {
    const command = await deliver({
      command: ids.command,
      text: 'Entire mobile online banking is down',
      trigger_id: '1.trigger',
      user_id: people.karen.id,
      team_id: 'T0HELPDESK',
      channel_id: 'C0SUPPORT',
      response_url: `${apiUrl}response`,
      api_app_id: 'A0HELPDESK',
    });
    expect(command).toEqual([{ response_type: 'ephemeral', text: NO_TOPICS_TEXT }]);
    const shortcut = await deliver({
      type: 'message_action',
      callback_id: ids.shortcut.createFromMessage,
      trigger_id: '1.trigger',
      user: { id: people.karen.id },
      team: { id: 'T0HELPDESK' },
      channel: { id: 'C0SUPPORT' },
      message: { type: 'message', user: people.karen.id, text: 'Entire mobile online banking is down', ts: '1.000100' },
      response_url: `${apiUrl}response`,
      action_ts: '1',
    });
    expect(shortcut).toHaveLength(1);
    await deliver({
      type: 'event_callback',
      team_id: 'T0HELPDESK',
      api_app_id: 'A0HELPDESK',
      event_id: 'Ev0DM',
      event_time: 1,
      event: { type: 'message', channel: 'D0KAREN', channel_type: 'im', user: people.karen.id, text: 'Still down', ts: '2.000100' },
    });
    expect(calls.map((call) => call.method)).toEqual(['intake.offeredTopics', 'intake.offeredTopics', 'conversation.received']);
    expect(warnings).toEqual([]);
  });
});
