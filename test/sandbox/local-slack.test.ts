import { WebClient } from '@slack/web-api';
import { channels, people } from '../support/demo-workspace';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { startLocalSlack } from '../support/helpdesk-harness';
import { botClient, errorOf, startLocalSlackWithBot } from '../support/local-slack-client';

type Json = Record<string, unknown>;

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (text: string, actionId: string) => ({ type: 'button', text: { type: 'plain_text', text }, action_id: actionId, value: 'v' });
const modal = (overrides: Json = {}) => ({
  type: 'modal',
  title: { type: 'plain_text', text: 'New ticket' },
  submit: { type: 'plain_text', text: 'Submit' },
  blocks: [{ type: 'input', block_id: 'b', label: { type: 'plain_text', text: 'Summary' }, element: { type: 'plain_text_input', action_id: 'a' } }],
  ...overrides,
});

describe('the local Slack rejects what Slack rejects', () => {
  let slack: LocalSlack;
  let client: WebClient;
  beforeAll(async () => {
    ({ slack, client } = await startLocalSlackWithBot());
  });
  afterAll(async () => {
    await slack.stop();
  });

  it('refuses a wrong token with invalid_auth', async () => {
    const stranger = new WebClient('xoxb-wrong', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    expect(await errorOf(stranger.chat.postMessage({ channel: channels.support, text: 'hi' }))).toBe('invalid_auth');
  });

  it('answers unknown_method for a method it does not serve', async () => {
    expect(await errorOf(client.apiCall('bookmarks.list', { channel_id: channels.support }))).toBe('unknown_method');
  });

  it('refuses unknown channels and channels the app is not in', async () => {
    expect(await errorOf(client.chat.postMessage({ channel: 'C0NOWHERE', text: 'hi' }))).toBe('channel_not_found');
    expect(await errorOf(client.chat.postMessage({ channel: channels.general, text: 'hi' }))).toBe('not_in_channel');
  });

  it('refuses more than 50 blocks in a message', async () => {
    const blocks = Array.from({ length: 51 }, (_, index) => section(`line ${index}`));
    expect(await errorOf(client.chat.postMessage({ channel: channels.support, text: 'x', blocks }))).toBe('invalid_blocks');
    expect(slack.rejections.at(-1)?.problems).toContain('blocks: must hold at most 50 blocks (has 51)');
  });

  it('refuses section text over 3,000 characters and button text over 75', async () => {
    const blocks = [section('x'.repeat(3001)), { type: 'actions', elements: [button('b'.repeat(76), 'a1')] }];
    expect(await errorOf(client.chat.postMessage({ channel: channels.support, text: 'x', blocks }))).toBe('invalid_blocks');
    expect(slack.rejections.at(-1)?.problems).toEqual(['blocks[0].text.text: must be at most 3000 characters (is 3001)', 'blocks[1].elements[0].text.text: must be at most 75 characters (is 76)']);
  });

  it('refuses duplicate action ids in a block and ids over 255 characters', async () => {
    const blocks = [{ type: 'actions', block_id: 'b'.repeat(256), elements: [button('One', 'same'), button('Two', 'same')] }];
    expect(await errorOf(client.chat.postMessage({ channel: channels.support, text: 'x', blocks }))).toBe('invalid_blocks');
    expect(slack.rejections.at(-1)?.problems).toEqual(['blocks[0].block_id: must be at most 255 characters', 'blocks[0].elements[1].action_id: duplicate action_id same']);
  });

  it('refuses more than 100 blocks in a view and a modal title over 24 characters', async () => {
    const trigger = slack.issueTrigger(people.karen.id);
    const blocks = Array.from({ length: 101 }, (_, index) => section(`line ${index}`));
    const view = modal({ title: { type: 'plain_text', text: 'A title that is far too long' }, blocks });
    expect(await errorOf(client.views.open({ trigger_id: trigger, view: view as never }))).toBe('invalid_arguments');
    expect(slack.rejections.at(-1)?.problems).toEqual(['view.title.text: must be at most 24 characters (is 28)', 'view.blocks: must hold at most 100 blocks (has 101)']);
  });

  it('refuses half an emoji: the Web API client throws on it in text before calling, Slack refuses it in blocks', async () => {
    const halfEmoji = '📧'.slice(0, 1);
    const calls = slack.calls.length;
    expect(await errorOf(client.chat.postMessage({ channel: channels.support, text: `mail ${halfEmoji}` }))).toMatch(/URI malformed/);
    expect(slack.calls.length).toBe(calls);
    expect(await errorOf(client.chat.postMessage({ channel: channels.support, text: 'x', blocks: [section(`mail ${halfEmoji}`)] }))).toBe('invalid_blocks');
    expect(slack.rejections.at(-1)?.problems).toEqual(['blocks[0].text.text: holds half a character (a lone UTF-16 surrogate)']);
    const trigger = slack.issueTrigger(people.karen.id);
    expect(await errorOf(client.views.open({ trigger_id: trigger, view: modal({ title: { type: 'plain_text', text: `New ${halfEmoji}` } }) as never }))).toBe('invalid_arguments');
    expect(slack.rejections.at(-1)?.problems).toEqual(['view.title.text: holds half a character (a lone UTF-16 surrogate)']);
  });

  it('refuses a header over 150 characters, an option over 75, a placeholder over 150 and a pre-filled input over 3,000', async () => {
    const select = {
      type: 'input',
      block_id: 's',
      label: { type: 'plain_text', text: 'Help topic' },
      element: { type: 'static_select', action_id: 'a', placeholder: { type: 'plain_text', text: 'p'.repeat(151) }, options: [{ text: { type: 'plain_text', text: 'o'.repeat(76) }, value: '1' }] },
    };
    const input = { type: 'input', block_id: 'i', label: { type: 'plain_text', text: 'Details' }, element: { type: 'plain_text_input', action_id: 'a', initial_value: 'd'.repeat(3001) } };
    const trigger = slack.issueTrigger(people.karen.id);
    expect(await errorOf(client.views.open({ trigger_id: trigger, view: modal({ blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }, select, input] }) as never }))).toBe(
      'invalid_arguments',
    );
    expect(slack.rejections.at(-1)?.problems).toEqual([
      'view.blocks[0].text.text: must be at most 150 characters (is 151)',
      'view.blocks[1].element.placeholder.text: must be at most 150 characters (is 151)',
      'view.blocks[1].element.options[0].text.text: must be at most 75 characters (is 76)',
      'view.blocks[2].element.initial_value: must be at most 3000 characters',
    ]);
  });

  it('accepts a trigger id once, within 3 seconds', async () => {
    const trigger = slack.issueTrigger(people.karen.id);
    expect(await errorOf(client.views.open({ trigger_id: trigger, view: modal() as never }))).toBe('ok');
    expect(await errorOf(client.views.open({ trigger_id: trigger, view: modal() as never }))).toBe('expired_trigger_id');
    const late = slack.issueTrigger(people.karen.id);
    slack.ageTrigger(late, 3001);
    expect(await errorOf(client.views.open({ trigger_id: late, view: modal() as never }))).toBe('expired_trigger_id');
    expect(await errorOf(client.views.open({ trigger_id: 'made-up', view: modal() as never }))).toBe('invalid_trigger_id');
  });

  it('opens one DM channel per user and posts there', async () => {
    const opened = await client.conversations.open({ users: people.karen.id });
    const again = await client.conversations.open({ users: people.karen.id });
    expect(again.channel?.id).toBe(opened.channel?.id);
    const posted = await client.chat.postMessage({ channel: opened.channel?.id ?? '', text: 'Your ticket #1001' });
    expect(slack.messagesIn(opened.channel?.id ?? '').map((message) => message.ts)).toEqual([posted.ts]);
    expect(await errorOf(client.conversations.open({ users: 'U0NOBODY' }))).toBe('user_not_found');
  });

  it('serves users.info and chat.getPermalink', async () => {
    const user = await client.users.info({ user: people.karen.id });
    expect(user.user?.real_name).toBe('Karen Karen');
    const message = slack.postAsUser(channels.general, people.karen.id, 'hello');
    const link = await client.chat.getPermalink({ channel: channels.general, message_ts: message.ts });
    expect(link.permalink).toContain(`/archives/${channels.general}/p`);
    expect(await errorOf(client.chat.getPermalink({ channel: channels.general, message_ts: '1.2' }))).toBe('message_not_found');
  });

  it('updates a message in place and refuses one that does not exist', async () => {
    const posted = await client.chat.postMessage({ channel: channels.support, text: 'v1' });
    await client.chat.update({ channel: channels.support, ts: posted.ts ?? '', text: 'v2' });
    const message = slack.messagesIn(channels.support).find((candidate) => candidate.ts === posted.ts);
    expect(message).toMatchObject({ text: 'v2', edits: 1 });
    expect(await errorOf(client.chat.update({ channel: channels.support, ts: '9.9', text: 'x' }))).toBe('message_not_found');
  });

  it("deletes the app's own message, and refuses a person's message or one that is not there", async () => {
    const posted = await client.chat.postMessage({ channel: channels.support, text: 'relayed copy' });
    const person = slack.postAsUser(channels.support, people.john.id, 'a person wrote this');
    expect(await errorOf(client.chat.delete({ channel: channels.support, ts: person.ts }))).toBe('cant_delete_message');
    await client.chat.delete({ channel: channels.support, ts: posted.ts ?? '' });
    expect(slack.messagesIn(channels.support).map((message) => message.ts)).not.toContain(posted.ts);
    expect(await errorOf(client.chat.delete({ channel: channels.support, ts: posted.ts ?? '' }))).toBe('message_not_found');
    expect(await errorOf(client.chat.delete({ channel: 'C0NOWHERE', ts: '1.2' }))).toBe('channel_not_found');
  });

  it('sends message_changed and message_deleted as Slack does when a person edits or deletes a message', () => {
    const channel = slack.openDm(people.karen.id);
    const message = slack.postAsUser(channel, people.karen.id, 'my password is hunter2', '1.000001');
    const edit = slack.editAsUser(message, 'my password is ******');
    expect(edit).toMatchObject({
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel,
      channel_type: 'im',
      message: { user: people.karen.id, text: 'my password is ******', ts: message.ts, thread_ts: '1.000001', edited: { user: people.karen.id, ts: edit.ts } },
      previous_message: { text: 'my password is hunter2', ts: message.ts },
    });
    expect(Number(edit.ts)).toBeGreaterThan(Number(message.ts));
    const deletion = slack.deleteAsUser(message);
    expect(deletion).toMatchObject({
      subtype: 'message_deleted',
      hidden: true,
      channel,
      channel_type: 'im',
      deleted_ts: message.ts,
      previous_message: { text: 'my password is ******', thread_ts: '1.000001' },
    });
    expect(slack.messagesIn(channel).map((candidate) => candidate.ts)).not.toContain(message.ts);
  });

  it('refuses an ephemeral message to someone who is not in the channel', async () => {
    expect(await errorOf(client.chat.postEphemeral({ channel: channels.support, user: people.karen.id, text: 'psst' }))).toBe('user_not_in_channel');
  });
});

describe('the local Slack as the sandbox keeps it', () => {
  let slack: LocalSlack;
  let client: WebClient;
  beforeEach(async () => {
    ({ slack, client } = await startLocalSlackWithBot());
  });
  afterEach(async () => {
    await slack.stop();
  });

  it('stacks pushed modals, goes back on close, and clears the stack on response_action clear', async () => {
    const first = await client.views.open({ trigger_id: slack.issueTrigger(people.karen.id), view: modal() as never });
    const firstId = String(first.view?.id);
    slack.applyViewAck(firstId, JSON.stringify({ response_action: 'push', view: modal({ title: { type: 'plain_text', text: 'Second' } }) }));
    const second = slack.currentView(people.karen.id);
    expect((second?.view.title as Json).text).toBe('Second');
    slack.closeView(people.karen.id);
    expect(slack.currentView(people.karen.id)?.id).toBe(firstId);
    slack.applyViewAck(firstId, JSON.stringify({ response_action: 'push', view: modal() }));
    const third = slack.currentView(people.karen.id);
    slack.applyViewAck(String(third?.id), JSON.stringify({ response_action: 'clear' }));
    expect(slack.currentView(people.karen.id)).toBeNull();
  });

  it('records a view update with bad Block Kit as a refused call, and keeps the old view', async () => {
    const opened = await client.views.open({ trigger_id: slack.issueTrigger(people.karen.id), view: modal() as never });
    slack.applyViewAck(String(opened.view?.id), JSON.stringify({ response_action: 'update', view: modal({ title: { type: 'plain_text', text: 'x'.repeat(25) } }) }));
    expect(slack.callsTo('view_submission ack').at(-1)?.response).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect((slack.currentView(people.karen.id)?.view.title as Json).text).toBe('New ticket');
  });

  it('restores its conversations from a snapshot, DMs included, and forgets them on clear', async () => {
    const posted = await client.chat.postMessage({ channel: people.karen.id, text: 'We got your ticket #1001' });
    slack.postAsUser(String(posted.channel), people.karen.id, 'thanks', String(posted.ts));
    const snapshot = JSON.parse(JSON.stringify(slack.snapshot())) as ReturnType<LocalSlack['snapshot']>;

    const restarted = await startLocalSlack();
    try {
      restarted.restore(snapshot);
      expect(restarted.dmChannelOf(people.karen.id)).toBe(posted.channel);
      expect(restarted.messagesIn(String(posted.channel), String(posted.ts)).map((message) => message.text)).toEqual(['thanks']);
      const again = botClient(restarted);
      await again.chat.update({ channel: String(posted.channel), ts: String(posted.ts), text: 'edited after a restart' });
      const next = await again.chat.postMessage({ channel: String(posted.channel), text: 'later' });
      expect(Number(next.ts)).toBeGreaterThan(Number(posted.ts));
      restarted.clear();
      expect(restarted.messages).toEqual([]);
      expect(restarted.dmChannelOf(people.karen.id)).toBeNull();
    } finally {
      await restarted.stop();
    }
  });
});
