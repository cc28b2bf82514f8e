import { WebClient } from '@slack/web-api';
import { Json } from '../../src/sandbox/json';
import { LocalSlack, OpenView } from '../../src/sandbox/local-slack/local-slack';
import { SlackRequests } from '../../src/sandbox/local-slack/slack-requests';
import { people } from '../support/demo-workspace';
import { startLocalSlackWithBot } from '../support/local-slack-client';
import { statesByLabel } from '../../src/sandbox/local-slack/slack-payloads';

const karen = people.karen.id;

const textInput = (blockId: string, initial?: string): Json => ({
  type: 'input',
  block_id: blockId,
  label: { type: 'plain_text', text: 'Message' },
  element: { type: 'plain_text_input', action_id: 'value', ...(initial ? { initial_value: initial } : {}) },
});
const select = (dispatch: boolean): Json => ({
  type: 'input',
  block_id: 'canned',
  optional: true,
  ...(dispatch ? { dispatch_action: true } : {}),
  label: { type: 'plain_text', text: 'Insert a canned response' },
  element: { type: 'static_select', action_id: 'pick', options: [{ text: { type: 'plain_text', text: 'Hello' }, value: 'hello' }] },
});
const modal = (blocks: Json[]) => ({ type: 'modal', title: { type: 'plain_text', text: 'Reply' }, submit: { type: 'plain_text', text: 'Send' }, blocks });

describe('the local Slack updates modals as Slack does', () => {
  let slack: LocalSlack;
  let client: WebClient;
  beforeAll(async () => {
    ({ slack, client } = await startLocalSlackWithBot());
  });
  afterAll(async () => {
    await slack.stop();
  });

  const open = async (blocks: Json[]) => {
    const opened = (await client.views.open({ trigger_id: slack.issueTrigger(karen), view: modal(blocks) as never })) as { view?: { id?: string } };
    return String(opened.view?.id);
  };
  /** What the modal's inputs hold now, as Slack would report them, by block id. */
  const shownMessage = () => {
    const view = slack.currentView(karen);
    if (!view) throw new Error('no modal');
    return statesByLabel(view, {});
  };

  it('keeps what was typed in an input whose block id stays, and shows the new initial value under a new block id', async () => {
    const viewId = await open([textInput('text')]);
    statesByLabel(slack.currentView(karen) as OpenView, { Message: 'typed by Karen' });

    await client.views.update({ view_id: viewId, view: modal([textInput('text', 'from the app')]) as never });
    expect(shownMessage().text?.value).toMatchObject({ value: 'typed by Karen' });

    await client.views.update({ view_id: viewId, view: modal([textInput('text.1', 'from the app')]) as never });
    expect(shownMessage()['text.1']?.value).toMatchObject({ value: 'from the app' });
  });

  it("sends nothing for a select's choice in a modal unless its input block dispatches it (dispatch_action)", async () => {
    const requests = new SlackRequests(slack, 'http://127.0.0.1:9', 'secret');
    await open([select(false), textInput('text')]);
    await expect(requests.chooseInModal(karen, 'Insert a canned response', 'Hello')).rejects.toThrow('Slack sends nothing until Submit');
  });
});
