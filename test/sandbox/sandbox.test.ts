import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHelpdeskConfig } from '../../src/config/helpdesk-config';
import { readAppManifest } from '../../src/sandbox/app-manifest';
import { SANDBOX_CONFIG } from '../../src/sandbox/demo-workspace';
import { projectRoot } from '../../src/sandbox/project-root';
import { RunningSandbox, startSandbox } from '../../src/sandbox/sandbox';
import { channels, people } from '../support/demo-workspace';
import { pageTokenOf } from '../support/sandbox-http';

/** The sandbox over HTTP, as its page uses it, without a browser. */
type Screen = {
  messagesHtml: string;
  thread: { html: string } | null;
  modal: { id: string; html: string } | null;
  sidebar: { id: string; label: string }[];
  problems: { method: string; error: string }[];
};

const screenOf = async (sandbox: RunningSandbox, as: string, conversation = 'app-messages', thread?: string): Promise<Screen> => {
  const query = new URLSearchParams({ as, conversation, tz: 'Europe/London', ...(thread ? { thread } : {}) });
  const response = await fetch(`${sandbox.url}/sandbox/screen?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Screen;
};

const act = async (sandbox: RunningSandbox, body: unknown): Promise<{ status: number; body: { ok: boolean; error?: string } }> => {
  const headers = { 'content-type': 'application/json', 'x-sandbox-token': await pageTokenOf(sandbox.url) };
  const response = await fetch(`${sandbox.url}/sandbox/act`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { ok: boolean; error?: string } };
};

const settle = async (sandbox: RunningSandbox) => {
  const { helpdesk } = sandbox.current();
  await helpdesk.inFlight.idle(5000);
  await helpdesk.dispatcher.flush(5000);
};

/** Karen files the outage through the page's acts; returns the card's ts. */
const fileOutage = async (sandbox: RunningSandbox): Promise<string> => {
  expect((await act(sandbox, { kind: 'compose', as: people.karen.id, conversation: 'app-messages', text: '/ticket Entire mobile online banking is down' })).body).toEqual({ ok: true });
  const modal = (await screenOf(sandbox, people.karen.id)).modal;
  if (!modal) throw new Error('no modal');
  const topic = /<option value="(\d+)">Business Critical Outage<\/option>/.exec(modal.html)?.[1];
  const submitted = await act(sandbox, {
    kind: 'submit',
    as: people.karen.id,
    viewId: modal.id,
    values: { help_topic: topic ?? null, summary: 'Entire mobile online banking is down', details: null },
  });
  expect(submitted.body).toEqual({ ok: true });
  await settle(sandbox);
  const card = sandbox.slack.messagesIn(channels.support, null)[0];
  if (!card) throw new Error('no card');
  return card.ts;
};

describe('the sandbox', () => {
  let dataDir: string;
  let sandbox: RunningSandbox;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'helpdesk-sandbox-'));
    sandbox = await startSandbox({ dataDir, port: 0, host: '127.0.0.1' });
  });

  afterEach(async () => {
    await sandbox.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the page and its script', async () => {
    const page = await fetch(`${sandbox.url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<select id="person"');
    expect((await fetch(`${sandbox.url}/sandbox/sandbox.js`)).status).toBe(200);
  });

  it('shows the first person to a page that names someone not in the workspace', async () => {
    const response = await fetch(`${sandbox.url}/sandbox/screen?as=U0NOBODY`);
    expect(((await response.json()) as { viewer: { id: string } }).viewer.id).toBe(people.karen.id);
  });

  it('writes the demo helpdesk.yml into its data folder, and it is a valid config', () => {
    expect(readFileSync(join(dataDir, 'helpdesk.yml'), 'utf8')).toBe(SANDBOX_CONFIG);
    const config = loadHelpdeskConfig(join(dataDir, 'helpdesk.yml'));
    expect(config.ok && config.value.help_topics.map((topic) => topic.name)).toEqual(['Report a Problem', 'Business Critical Outage', 'Access Issue', 'General Inquiry']);
  });

  it('knows the app from manifest.yml: its command, its message shortcut, its events, its Home tab', () => {
    expect(readAppManifest(join(projectRoot(), 'manifest.yml'))).toMatchObject({
      name: 'Helpdesk',
      commands: ['/ticket'],
      messageShortcuts: [{ callbackId: 'create_ticket_from_message', name: 'Create ticket' }],
      botEvents: ['app_home_opened', 'member_joined_channel', 'message.im'],
      homeTab: true,
    });
  });

  it('shows each person their own channels, and the card only to the department', async () => {
    await fileOutage(sandbox);
    const karen = await screenOf(sandbox, people.karen.id);
    expect(karen.sidebar.map((item) => item.label)).toEqual(['# general', 'Helpdesk']);
    expect(karen.messagesHtml).toContain('We got your ticket <b>#1001</b>');
    const john = await screenOf(sandbox, people.john.id, channels.support);
    expect(john.sidebar.map((item) => item.label)).toEqual(['# support', '# general', 'Helpdesk']);
    expect(john.messagesHtml).toContain('#1001 Entire mobile online banking is down');
    // Karen is not in #support: asking for it shows her DM with the app instead.
    expect((await screenOf(sandbox, people.karen.id, channels.support)).messagesHtml).not.toContain('Assign to me');
  });

  it('clicks card buttons as Slack would, and keeps the conversations across a restart', async () => {
    const cardTs = await fileOutage(sandbox);
    const blockId = /data-block-id="([^"]+)" data-action-id="([^"]+)">Assign to me</.exec((await screenOf(sandbox, people.john.id, channels.support)).messagesHtml);
    expect(blockId).not.toBeNull();
    await sandbox.stop();
    sandbox = await startSandbox({ dataDir, port: 0, host: '127.0.0.1' });

    const click = await act(sandbox, { kind: 'click', as: people.john.id, channel: channels.support, ts: cardTs, blockId: blockId?.[1], actionId: blockId?.[2] });
    expect(click.body).toEqual({ ok: true });
    await settle(sandbox);
    const john = await screenOf(sandbox, people.john.id, channels.support, cardTs);
    expect(john.messagesHtml).toContain('<span class="mention">@John Doe</span>');
    expect(john.thread?.html).toContain('assigned this to themselves.');
    expect(john.problems).toEqual([]);
  });

  it("inserts a canned response when John picks one in the Reply modal, as Slack sends a dispatching input's choice", async () => {
    const cardTs = await fileOutage(sandbox);
    const reply = /data-block-id="([^"]+)" data-action-id="([^"]+)">Reply to requester</.exec((await screenOf(sandbox, people.john.id, channels.support)).messagesHtml);
    expect((await act(sandbox, { kind: 'click', as: people.john.id, channel: channels.support, ts: cardTs, blockId: reply?.[1], actionId: reply?.[2] })).body).toEqual({ ok: true });
    await settle(sandbox);
    const modal = (await screenOf(sandbox, people.john.id, channels.support)).modal;
    expect(modal?.html).toContain('data-block-id="canned" data-type="static_select" data-dispatch="true"');
    const chosen = await act(sandbox, { kind: 'modal_choice', as: people.john.id, viewId: modal?.id, blockId: 'canned', values: { canned: 'Looking into it', text: null } });
    expect(chosen.body).toEqual({ ok: true });
    await settle(sandbox);
    const filled = (await screenOf(sandbox, people.john.id, channels.support)).modal;
    expect(filled?.html).toContain('data-block-id="text.1"');
    expect(filled?.html).toContain('Hi Karen Karen, this is John Doe from Support. We are looking into #1001 (Entire mobile online banking is down)');
    // A choice that Slack would not send before Submit is refused.
    expect((await act(sandbox, { kind: 'modal_choice', as: people.john.id, viewId: modal?.id, blockId: 'options', values: {} })).body).toEqual({
      ok: false,
      error: 'That choice is not sent before Submit.',
    });
  });

  it('relays a DM thread reply to the app as a message event, escaped as Slack escapes it', async () => {
    await fileOutage(sandbox);
    const dm = sandbox.slack.messagesIn(sandbox.slack.dmChannelOf(people.karen.id) ?? '', null)[0];
    const reply = await act(sandbox, { kind: 'compose', as: people.karen.id, conversation: 'app-messages', thread: dm?.ts, text: 'Only the app & not <the website>' });
    expect(reply.body).toEqual({ ok: true });
    await settle(sandbox);
    const card = sandbox.slack.messagesIn(channels.support, null)[0];
    const thread = (await screenOf(sandbox, people.john.id, channels.support, card?.ts)).thread?.html ?? '';
    expect(thread).toContain('Only the app &amp; not &lt;the website&gt;');
  });

  it('lets a person edit and delete their own DM reply, and the card thread follows', async () => {
    await fileOutage(sandbox);
    const dmChannel = sandbox.slack.dmChannelOf(people.karen.id) ?? '';
    const dm = sandbox.slack.messagesIn(dmChannel, null)[0];
    await act(sandbox, { kind: 'compose', as: people.karen.id, conversation: 'app-messages', thread: dm?.ts, text: 'error 503 & more' });
    await settle(sandbox);
    const reply = sandbox.slack.messagesIn(dmChannel, dm?.ts ?? '').find((message) => message.user === people.karen.id);
    if (!reply) throw new Error('no reply');
    const karensThread = (await screenOf(sandbox, people.karen.id, 'app-messages', dm?.ts)).thread?.html ?? '';
    expect(karensThread).toContain('<option value="sandbox:edit">Edit message</option>');
    expect(karensThread).toContain('data-text="error 503 &amp; more"');
    expect(await act(sandbox, { kind: 'edit', as: people.john.id, channel: dmChannel, ts: reply.ts, text: 'hijacked' })).toMatchObject({
      body: { ok: false, error: 'You can edit or delete only your own messages.' },
    });
    expect((await act(sandbox, { kind: 'edit', as: people.karen.id, channel: dmChannel, ts: reply.ts, text: 'error 502 & more' })).body).toEqual({ ok: true });
    await settle(sandbox);
    const card = sandbox.slack.messagesIn(channels.support, null)[0];
    expect((await screenOf(sandbox, people.john.id, channels.support, card?.ts)).thread?.html).toContain('(requester, edited): error 502 &amp; more');
    expect((await act(sandbox, { kind: 'delete', as: people.karen.id, channel: dmChannel, ts: reply.ts })).body).toEqual({ ok: true });
    await settle(sandbox);
    const thread = (await screenOf(sandbox, people.john.id, channels.support, card?.ts)).thread?.html ?? '';
    expect(thread).toContain('(requester) deleted this message.');
    expect(thread).not.toContain('error 50');
  });

  it('refuses what a person cannot do, each with a message, and changes nothing', async () => {
    expect(await act(sandbox, { kind: 'fly' })).toMatchObject({ status: 400, body: { ok: false, error: 'That is not something a person can do here.' } });
    expect(await act(sandbox, { kind: 'compose', as: people.karen.id, conversation: 'app-messages', text: 'x'.repeat(40_001) })).toMatchObject({
      status: 400,
      body: { error: 'A message can be at most 40,000 characters, as in Slack; nothing was sent.' },
    });
    expect(await act(sandbox, { kind: 'compose', as: 'U0NOBODY', conversation: 'app-messages', text: 'hi' })).toMatchObject({ status: 422, body: { error: 'Pick a person from the workspace.' } });
    expect(await act(sandbox, { kind: 'compose', as: people.karen.id, conversation: channels.support, text: 'let me in' })).toMatchObject({
      status: 422,
      body: { error: 'You are not a member of that channel.' },
    });
    expect(await act(sandbox, { kind: 'compose', as: people.karen.id, conversation: 'app-messages', text: '   ' })).toMatchObject({ status: 422, body: { error: 'Type a message first.' } });
    expect(await act(sandbox, { kind: 'submit', as: people.karen.id, viewId: 'V404', values: {} })).toMatchObject({ status: 422, body: { error: 'That dialog is no longer open.' } });
    expect(sandbox.slack.messagesIn(channels.support)).toEqual([]);
    const headers = { 'content-type': 'application/json', 'x-sandbox-token': await pageTokenOf(sandbox.url) };
    const response = await fetch(`${sandbox.url}/sandbox/act`, { method: 'POST', headers, body: 'not json' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ ok: false, error: 'The request is not JSON.' });
  });

  it('starts over on reset: no tickets, no messages, numbering from #1001 again', async () => {
    await fileOutage(sandbox);
    expect((await act(sandbox, { kind: 'reset' })).body).toEqual({ ok: true });
    expect(sandbox.slack.messages).toEqual([]);
    await fileOutage(sandbox);
    expect((await screenOf(sandbox, people.karen.id)).messagesHtml).toContain('<b>#1001</b>');
  });

  it('starts over from the command line with --reset', async () => {
    await fileOutage(sandbox);
    await sandbox.stop();
    sandbox = await startSandbox({ dataDir, port: 0, host: '127.0.0.1', reset: true });
    expect(sandbox.slack.messages).toEqual([]);
    expect((await screenOf(sandbox, people.john.id, channels.support)).messagesHtml).toContain('No messages yet.');
  });
});
