import { RunningSandbox, startSandbox } from '../../src/sandbox/sandbox';
import { channels, people } from '../support/demo-workspace';
import { pageTokenOf } from '../support/sandbox-http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The sandbox page shares files as Slack does, and shows them: Karen's screenshot reaches John's card thread. */
describe('files in the sandbox', () => {
  let sandbox: RunningSandbox;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-files-'));
    sandbox = await startSandbox({ dataDir: dir, port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const act = async (body: unknown) => {
    const headers = { 'content-type': 'application/json', 'x-sandbox-token': await pageTokenOf(sandbox.url) };
    const response = await fetch(`${sandbox.url}/sandbox/act`, { method: 'POST', headers, body: JSON.stringify(body) });
    return (await response.json()) as { ok: boolean; error?: string };
  };
  const screenOf = async (as: string, conversation: string, thread?: string) => {
    const query = new URLSearchParams({ as, conversation, tz: 'Europe/London', ...(thread ? { thread } : {}) });
    return (await (await fetch(`${sandbox.url}/sandbox/screen?${query}`)).json()) as { thread: { html: string } | null };
  };
  const settle = async () => {
    const { helpdesk } = sandbox.current();
    await helpdesk.inFlight.idle(5000);
    await helpdesk.dispatcher.flush(5000);
  };

  it('a file Karen shares in her ticket thread shows in the card thread John sees, with its name and size', async () => {
    const requests = sandbox.current().requests;
    await requests.slashCommand(people.karen.id, 'The banking app shows an error');
    await sandbox.slack.waitFor(() => sandbox.slack.currentView(people.karen.id), 3000, 'the ticket modal');
    await requests.submitModal(people.karen.id, { 'Help topic': 'Report a Problem' });
    await settle();
    const dm = sandbox.slack.messagesIn(sandbox.slack.dmChannelOf(people.karen.id) ?? '', null)[0];
    const shared = await act({
      kind: 'share_file',
      as: people.karen.id,
      conversation: 'app-messages',
      thread: dm?.ts,
      name: 'error-screenshot.png',
      content: Buffer.from('PNG bytes').toString('base64'),
    });
    expect(shared).toEqual({ ok: true });
    await settle();
    const card = sandbox.slack.messagesIn(channels.support, null)[0];
    const thread = (await screenOf(people.john.id, channels.support, card?.ts)).thread?.html ?? '';
    expect(thread).toMatch(/<a class="file-name" href="[^"]+" download>error-screenshot.png<\/a>/);
    expect(thread).toContain('png · 9 bytes');
    // John opens the copy in the card thread; Ken, in neither conversation, cannot open either copy.
    const link = /<a class="file-name" href="([^"]+)"/.exec(thread)?.[1] ?? '';
    const opened = await fetch(`${sandbox.url}${link.replace(/&amp;/g, '&')}`);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''error-screenshot.png");
    expect(Buffer.from(await opened.arrayBuffer()).toString()).toBe('PNG bytes');
    const copyId = /\/sandbox\/file\/([^?]+)\?/.exec(link)?.[1] ?? '';
    const karensId = sandbox.slack.messages.find((message) => message.user === people.karen.id && message.files?.length)?.files?.[0]?.id;
    for (const id of [copyId, String(karensId)]) expect((await fetch(`${sandbox.url}/sandbox/file/${id}?as=${people.ken.id}`)).status).toBe(404);
    expect((await fetch(`${sandbox.url}/sandbox/file/${String(karensId)}?as=${people.karen.id}`)).status).toBe(200);
  });
});
