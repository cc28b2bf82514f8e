import { isJsonObject, Json } from '../json';
import { messageProblems } from './block-kit-rules';
import { WebApiMethods } from './web-api-method';

/** How many files one files.completeUploadExternal may share: Slack's limit. */
const FILES_PER_UPLOAD_MAX = 10;

/**
 * Slack's upload flow (https://docs.slack.dev/messaging/working-with-files#uploading_files):
 * files.getUploadURLExternal, a POST of the bytes, then files.completeUploadExternal, which shares
 * the files in a channel or thread as a message of the app (a `file_share`). The message says
 * `initial_comment`, or else shows `blocks` as sent (block ids kept, as chat.postMessage keeps
 * them); Slack ignores `blocks` when there is an `initial_comment`.
 */
export const filesMethods: WebApiMethods = {
  'files.getUploadURLExternal'(args) {
    const length = Number(args.length);
    if (typeof args.filename !== 'string' || args.filename === '' || !Number.isInteger(length) || length <= 0) return this.fail('files.getUploadURLExternal', 'missing_argument');
    const { fileId, uploadUrl } = this.files.beginUpload(args.filename, length);
    return { ok: true, upload_url: uploadUrl, file_id: fileId };
  },
  'files.completeUploadExternal'(args) {
    const files = typeof args.files === 'string' ? (JSON.parse(args.files) as unknown) : args.files;
    if (!Array.isArray(files) || files.length === 0 || files.length > FILES_PER_UPLOAD_MAX) return this.fail('files.completeUploadExternal', 'invalid_arguments');
    const channelId = typeof args.channel_id === 'string' ? args.channel_id : null;
    const channel = channelId ? this.channels.get(channelId) : null;
    if (channelId && !channel) return this.fail('files.completeUploadExternal', 'channel_not_found');
    if (channel && !channel.members.has(this.botUserId)) return this.fail('files.completeUploadExternal', 'not_in_channel');
    const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : null;
    const text = typeof args.initial_comment === 'string' ? args.initial_comment : '';
    const blocks = text === '' && Array.isArray(args.blocks) ? (args.blocks as Json[]) : [];
    const problems = blocks.length ? messageProblems(text, blocks) : [];
    if (problems.length) return this.fail('files.completeUploadExternal', 'invalid_blocks', problems);
    if (channelId && threadTs && !this.messages.some((message) => message.channel === channelId && message.ts === threadTs)) return this.fail('files.completeUploadExternal', 'thread_not_found');
    const stored = [];
    for (const file of files as Json[]) {
      const done = isJsonObject(file) && typeof file.id === 'string' ? this.files.completeUpload(file.id, typeof file.title === 'string' ? file.title : null, this.botUserId) : null;
      // A file whose bytes never reached the upload URL: Slack answers that the upload did not happen.
      if (!done) return this.fail('files.completeUploadExternal', 'file_not_found');
      stored.push(done);
    }
    if (channelId) {
      this.messages.push({
        channel: channelId,
        ts: this.nextTs(),
        text,
        blocks,
        threadTs,
        user: this.botUserId,
        edits: 0,
        botId: 'B0HELPBOT',
        files: stored.map((file) => this.files.describe(file)),
      });
    }
    return { ok: true, files: stored.map((file) => ({ id: file.id, title: file.title })) };
  },
};
