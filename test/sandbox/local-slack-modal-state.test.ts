import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { SlackRequests } from '../../src/sandbox/local-slack/slack-requests';
import { people } from '../support/demo-workspace';
import { errorOf, startLocalSlackWithBot } from '../support/local-slack-client';

type Json = Record<string, unknown>;

const input = (blockId: string, label: string, element: Json, extra: Json = {}) => ({ type: 'input', block_id: blockId, label: { type: 'plain_text', text: label }, element, ...extra });
const text = (actionId = 'value') => ({ type: 'plain_text_input', action_id: actionId });
const topics = {
  type: 'static_select',
  action_id: 'topic',
  options: ['Report a Problem', 'Business Critical Outage'].map((name, index) => ({ text: { type: 'plain_text', text: name }, value: String(index + 1) })),
};
const modal = (blocks: Json[]) => ({ type: 'modal', title: { type: 'plain_text', text: 'New ticket' }, submit: { type: 'plain_text', text: 'Submit' }, blocks });

/**
 * What the New ticket modal's topic form relies on, as Slack does it: an input block with
 * `dispatch_action` sends a block action at once; views.update keeps what was typed in inputs whose
 * block_id and action_id it repeats (https://docs.slack.dev/reference/views/modal-views,
 * "Preserving input entry"), and refuses a stale hash; the input elements a form field uses.
 */
describe('the local Slack keeps a help-topic form as Slack does', () => {
  let slack: LocalSlack;
  let client: WebClient;
  let app: Server;
  let received: Json[];
  let requests: SlackRequests;

  beforeAll(async () => {
    ({ slack, client } = await startLocalSlackWithBot());
    app = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push(JSON.parse(new URLSearchParams(body).get('payload') ?? '{}') as Json);
        response.end();
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    requests = new SlackRequests(slack, `http://127.0.0.1:${(app.address() as AddressInfo).port}`, 'secret');
  });
  beforeEach(() => {
    received = [];
  });
  afterAll(async () => {
    await new Promise((resolve) => app.close(resolve));
    await slack.stop();
  });

  const open = async (blocks: Json[]) => {
    const opened = await client.views.open({ trigger_id: slack.issueTrigger(people.karen.id), view: modal(blocks) as never });
    return slack.views.get(String(opened.view?.id));
  };

  it('sends a block action with the modal, its hash and state when a dispatch_action select is used, and nothing without dispatch_action', async () => {
    const view = await open([input('help_topic', 'Help topic', topics, { dispatch_action: true }), input('summary', 'Summary', text()), input('quiet', 'Quiet', { ...topics, action_id: 'quiet' })]);
    requests.typeInModal(people.karen.id, { Summary: 'Entire mobile online banking is down' });
    const answer = await requests.chooseInModal(people.karen.id, 'Help topic', 'Business Critical Outage');
    expect(answer?.status).toBe(200);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      type: 'block_actions',
      container: { type: 'view', view_id: view?.id },
      view: { id: view?.id, hash: view?.hash, state: { values: { summary: { value: { type: 'plain_text_input', value: 'Entire mobile online banking is down' } } } } },
      actions: [{ type: 'static_select', action_id: 'topic', block_id: 'help_topic', selected_option: { value: '2' } }],
    });
    expect(received[0]).not.toHaveProperty('response_url');
    await expect(requests.chooseInModal(people.karen.id, 'Quiet', 'Report a Problem')).rejects.toThrow('Slack sends nothing until Submit');
    expect(received).toHaveLength(1);
  });

  it('keeps what was typed in inputs the update repeats by block and action id, and starts the others afresh', async () => {
    const view = await open([input('summary', 'Summary', text()), input('details', 'Details', text()), input('gone', 'Gone', text())]);
    requests.typeInModal(people.karen.id, { Summary: 'Entire mobile online banking is down', Details: 'since 9:05', Gone: 'dropped' });
    await client.views.update({
      view_id: String(view?.id),
      hash: view?.hash,
      // Summary keeps its ids under a new label; Details changes its action id; a new input appears.
      view: modal([input('summary', 'Title', text()), input('details', 'Details', text('other')), input('affected_system', 'Affected system', text())]) as never,
    });
    const submission = requests.viewSubmission(people.karen.id, {}).payload as { view: { state: { values: Record<string, Record<string, Json>> } } };
    expect(submission.view.state.values).toEqual({
      summary: { value: { type: 'plain_text_input', value: 'Entire mobile online banking is down' } },
      details: { other: { type: 'plain_text_input', value: null } },
      affected_system: { value: { type: 'plain_text_input', value: null } },
    });
  });

  it('refuses an update carrying a hash the view no longer has', async () => {
    const view = await open([input('summary', 'Summary', text())]);
    const stale = String(view?.hash);
    await client.views.update({ view_id: String(view?.id), hash: stale, view: modal([input('summary', 'Summary', text())]) as never });
    expect(await errorOf(client.views.update({ view_id: String(view?.id), hash: stale, view: modal([input('summary', 'Summary', text())]) as never }))).toBe('hash_conflict');
  });

  it.each([
    ['a number_input without is_decimal_allowed', { type: 'number_input', action_id: 'n' }, 'is_decimal_allowed: is required'],
    ['a number_input with a number as initial_value', { type: 'number_input', action_id: 'n', is_decimal_allowed: true, initial_value: 12 }, 'initial_value: must be a number written as a string'],
    ['a datetimepicker with a text initial_date_time', { type: 'datetimepicker', action_id: 'd', initial_date_time: '2026-11-30' }, 'initial_date_time: must be a UNIX timestamp in seconds'],
    ['a datepicker with a US date', { type: 'datepicker', action_id: 'd', initial_date: '11/30/2026' }, 'initial_date: must be a date written YYYY-MM-DD'],
    ['a multi_static_select without options', { type: 'multi_static_select', action_id: 'm', options: [] }, 'options: must list at least one option'],
  ])('refuses %s with invalid_arguments', async (_what, element, problem) => {
    const refused = await client.views.open({ trigger_id: slack.issueTrigger(people.karen.id), view: modal([input('f', 'Field', element)]) as never }).catch((error: { data: Json }) => error.data);
    expect(refused).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(JSON.stringify(refused)).toContain(problem);
  });

  it('takes the inputs a form field uses: number, email, url, date, date and time, multi-select, people, channels, checkboxes', async () => {
    const elements: Json[] = [
      { type: 'number_input', action_id: 'value', is_decimal_allowed: true, initial_value: '12000' },
      { type: 'email_text_input', action_id: 'value' },
      { type: 'url_text_input', action_id: 'value' },
      { type: 'datepicker', action_id: 'value', initial_date: '2026-11-30' },
      { type: 'datetimepicker', action_id: 'value', initial_date_time: 1795957500 },
      { ...topics, type: 'multi_static_select', action_id: 'value' },
      { type: 'users_select', action_id: 'value' },
      { type: 'channels_select', action_id: 'value' },
      { type: 'checkboxes', action_id: 'value', options: [{ text: { type: 'plain_text', text: 'I asked my manager' }, value: 'yes' }] },
    ];
    expect(
      await errorOf(client.views.open({ trigger_id: slack.issueTrigger(people.karen.id), view: modal(elements.map((element, index) => input(`f${index}`, `F${index}`, element))) as never })),
    ).toBe('ok');
  });
});
