import { ServerResponse } from 'node:http';
import { Json, jsonText } from '../json';
import { WebApiMethods } from './web-api-method';
import { SlackWorkspace } from './workspace';

/**
 * A file uploaded the way Slack's Web API takes files now
 * (https://docs.slack.dev/reference/methods/files.getUploadURLExternal): a URL and an id are
 * asked for, the bytes are sent to the URL, and files.completeUploadExternal shares the file in a
 * channel (a message there, its `initial_comment` the text). Minimal: what the app's report uses.
 */
export interface UploadedFile {
  readonly id: string;
  readonly filename: string;
  readonly length: number;
  /** The uploaded text; null until the bytes arrive at the upload URL. */
  content: string | null;
  title: string | null;
  /** Where it was shared, once completed. */
  channel: string | null;
  ts: string | null;
}

const uploads = new WeakMap<SlackWorkspace, Map<string, UploadedFile>>();
const uploadsOf = (slack: SlackWorkspace): Map<string, UploadedFile> => {
  let known = uploads.get(slack);
  if (!known) uploads.set(slack, (known = new Map<string, UploadedFile>()));
  return known;
};

/** The files shared so far, oldest first; with `channel`, only those shared there. */
export const sharedFiles = (slack: SlackWorkspace, channel?: string): UploadedFile[] =>
  [...uploadsOf(slack).values()].filter((file) => file.channel !== null && (channel === undefined || file.channel === channel));

/** The path of a file's upload URL on the local Slack. */
export const UPLOAD_PATH = '/upload/';

/**
 * The bytes arrive at the upload URL, raw or as a multipart form (Slack takes both; the Node SDK
 * sends a form): HTTP 200 `OK - <length>` as Slack answers, 404 for an id never handed out.
 */
export const receiveUpload = async (slack: SlackWorkspace, fileId: string, raw: string, contentType: string | undefined, response: ServerResponse): Promise<void> => {
  const file = uploadsOf(slack).get(fileId);
  if (!file) {
    response.writeHead(404, { 'content-type': 'text/plain' });
    return void response.end('Not Found');
  }
  let content = raw;
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const part = [...form.values()][0];
    content = typeof part === 'string' ? part : part ? await part.text() : '';
  }
  file.content = content;
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.end(`OK - ${Buffer.byteLength(content)}`);
  slack.changed();
};

/** `files.getUploadURLExternal` and `files.completeUploadExternal`. */
export const filesMethods: WebApiMethods = {
  'files.getUploadURLExternal'(args) {
    const length = Number(args.length);
    if (typeof args.filename !== 'string' || args.filename === '' || !Number.isInteger(length) || length <= 0) return this.fail('files.getUploadURLExternal', 'missing_argument');
    const id = `F${String(uploadsOf(this).size + 1).padStart(8, '0')}`;
    uploadsOf(this).set(id, { id, filename: args.filename, length, content: null, title: null, channel: null, ts: null });
    const base = (this as unknown as { url: string }).url;
    return { ok: true, upload_url: `${base}${UPLOAD_PATH}${id}`, file_id: id };
  },
  'files.completeUploadExternal'(args) {
    let files: Json[];
    try {
      files = (typeof args.files === 'string' ? JSON.parse(args.files) : args.files) as Json[];
    } catch {
      return this.fail('files.completeUploadExternal', 'invalid_arguments');
    }
    if (!Array.isArray(files) || files.length === 0) return this.fail('files.completeUploadExternal', 'invalid_arguments');
    const known = files.map((entry) => uploadsOf(this).get(String(entry.id)));
    // A file whose bytes never arrived cannot be completed.
    if (known.some((file) => !file || file.content === null)) return this.fail('files.completeUploadExternal', 'file_not_found');
    const channel = args.channel_id === undefined ? null : this.resolveChannel(args.channel_id);
    if (args.channel_id !== undefined && !channel) return this.fail('files.completeUploadExternal', 'channel_not_found');
    if (channel && !channel.members.has(this.botUserId)) return this.fail('files.completeUploadExternal', 'not_in_channel');
    const ts = channel ? this.nextTs() : null;
    if (channel && ts) this.messages.push({ channel: channel.id, ts, text: jsonText(args.initial_comment), blocks: [], threadTs: null, user: this.botUserId, edits: 0 });
    known.forEach((file, index) => {
      if (!file) return;
      const title = files[index]?.title;
      file.title = typeof title === 'string' ? title : file.filename;
      file.channel = channel?.id ?? null;
      file.ts = ts;
    });
    return { ok: true, files: known.map((file) => ({ id: file?.id ?? '', name: file?.filename ?? '', title: file?.title ?? '' })) };
  },
};
