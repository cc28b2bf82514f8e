import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { sharedFiles } from '../../src/sandbox/local-slack/local-files';
import { people } from '../support/demo-workspace';
import { errorOf, startLocalSlackWithBot } from '../support/local-slack-client';
import type { WebClient } from '@slack/web-api';

/** Slack's file upload (files.getUploadURLExternal, the upload URL, files.completeUploadExternal), as the local Slack answers it. */
describe('the local Slack takes files as Slack does', () => {
  let slack: LocalSlack;
  let client: WebClient;
  beforeEach(async () => {
    ({ slack, client } = await startLocalSlackWithBot());
  });
  afterEach(async () => {
    await slack.stop();
  });

  it("shares a file uploaded with the SDK's filesUploadV2 in a DM, its bytes and its comment", async () => {
    const channel = (await client.conversations.open({ users: people.supportManager.id })).channel?.id ?? '';
    await client.filesUploadV2({
      channel_id: channel,
      file: Buffer.from('Number,Help topic\r\n1001,"Report, a Problem"\r\n'),
      filename: 'tickets.csv',
      title: 'tickets.csv',
      initial_comment: 'The tickets',
    });
    const [file, ...more] = sharedFiles(slack, channel);
    expect(more).toHaveLength(0);
    expect(file).toMatchObject({ filename: 'tickets.csv', title: 'tickets.csv', content: 'Number,Help topic\r\n1001,"Report, a Problem"\r\n' });
    expect(slack.messagesIn(channel, null).at(-1)?.text).toBe('The tickets');
  });

  it('refuses an upload URL without a length, and to complete a file whose bytes never arrived', async () => {
    expect(await errorOf(client.files.getUploadURLExternal({ filename: 'empty.csv', length: 0 }))).toBe('missing_argument');
    const { file_id: id } = await client.files.getUploadURLExternal({ filename: 'report.csv', length: 10 });
    expect(await errorOf(client.files.completeUploadExternal({ files: [{ id: id ?? '' }], channel_id: 'C0SUPPORT' }))).toBe('file_not_found');
  });
});
