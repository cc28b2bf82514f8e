import { WebClient } from '@slack/web-api';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { channels, people } from '../support/demo-workspace';
import { BOT_TOKEN } from '../support/helpdesk-harness';
import { errorOf, startLocalSlackWithBot } from '../support/local-slack-client';

/** The local Slack's files behave as Slack's: the two-step upload, and downloads that need the bot token. */
describe("the local Slack's files (files.getUploadURLExternal, files.completeUploadExternal, url_private)", () => {
  let slack: LocalSlack;
  let client: WebClient;
  beforeAll(async () => {
    ({ slack, client } = await startLocalSlackWithBot());
  });
  afterAll(async () => {
    await slack.stop();
  });

  const upload = async (name: string, bytes: Buffer) => {
    const target = await client.files.getUploadURLExternal({ filename: name, length: bytes.length });
    const posted = await fetch(target.upload_url ?? '', { method: 'POST', body: new Uint8Array(bytes) });
    return { fileId: target.file_id ?? '', status: posted.status };
  };

  it('uploads in two steps and shares the file in a thread as a message of the app', async () => {
    const card = slack.postAsUser(channels.support, people.john.id, 'a card');
    const { fileId, status } = await upload('runbook.txt', Buffer.from('1. Reconnect pool 3'));
    expect(status).toBe(200);
    await client.files.completeUploadExternal({ files: [{ id: fileId, title: 'runbook.txt' }], channel_id: channels.support, thread_ts: card.ts, initial_comment: 'the runbook' });
    const shared = slack.messagesIn(channels.support, card.ts).at(-1);
    expect(shared).toMatchObject({ text: 'the runbook', user: slack.botUserId });
    expect(shared?.files?.[0]).toMatchObject({ id: fileId, name: 'runbook.txt', size: 19, mimetype: 'text/plain' });
  });

  it('shows blocks, with their block ids, when there is no initial_comment (Slack ignores blocks beside one); conversations.replies lists them with the files', async () => {
    const card = slack.postAsUser(channels.support, people.john.id, 'a card');
    const section = { type: 'section', block_id: 'helpdesk_outbox:7:0', text: { type: 'mrkdwn', text: ':paperclip: attached' } };
    const first = await upload('a.txt', Buffer.from('a'));
    await client.files.completeUploadExternal({ files: [{ id: first.fileId, title: 'a.txt' }], channel_id: channels.support, thread_ts: card.ts, blocks: [section] });
    const second = await upload('b.txt', Buffer.from('b'));
    await client.files.completeUploadExternal({ files: [{ id: second.fileId, title: 'b.txt' }], channel_id: channels.support, thread_ts: card.ts, initial_comment: 'words win', blocks: [section] });
    const replies = await client.conversations.replies({ channel: channels.support, ts: card.ts });
    const shares = (replies.messages ?? []).slice(1);
    expect(shares.map((message) => [message.text, message.blocks?.map((block) => block.block_id), message.files?.map((file) => file.id), message.bot_id])).toEqual([
      ['', ['helpdesk_outbox:7:0'], [first.fileId], 'B0HELPBOT'],
      ['words win', undefined, [second.fileId], 'B0HELPBOT'],
    ]);
    const third = await upload('c.txt', Buffer.from('c'));
    expect(await errorOf(client.files.completeUploadExternal({ files: [{ id: third.fileId }], channel_id: channels.support, blocks: [{ type: 'section' }] as never }))).toBe('invalid_blocks');
  });

  it("refuses what Slack refuses: a missing length, a file whose bytes never came, a channel the app is not in, a thread that doesn't exist", async () => {
    expect(await errorOf(client.files.getUploadURLExternal({ filename: 'empty.txt', length: 0 }))).toBe('missing_argument');
    const never = await client.files.getUploadURLExternal({ filename: 'never.txt', length: 5 });
    expect(await errorOf(client.files.completeUploadExternal({ files: [{ id: never.file_id ?? '' }], channel_id: channels.support }))).toBe('file_not_found');
    const { fileId } = await upload('x.txt', Buffer.from('x'));
    expect(await errorOf(client.files.completeUploadExternal({ files: [{ id: fileId }], channel_id: channels.general }))).toBe('not_in_channel');
    expect(await errorOf(client.files.completeUploadExternal({ files: [{ id: fileId }], channel_id: channels.support, thread_ts: '1.000000' }))).toBe('thread_not_found');
  });

  it("serves a file's url_private only with the bot token in an Authorization header", async () => {
    const message = slack.shareFilesAsUser(slack.openDm(people.karen.id), people.karen.id, 'look', null, [{ name: 'error.png', bytes: Buffer.from('PNG bytes') }]);
    const url = String(message.files?.[0]?.url_private_download);
    expect((await fetch(url)).status).toBe(403);
    expect((await fetch(url, { headers: { Authorization: 'Bearer xoxb-someone-else' } })).status).toBe(403);
    const download = await fetch(url, { headers: { Authorization: `Bearer ${BOT_TOKEN}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe('PNG bytes');
  });
});
