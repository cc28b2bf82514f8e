import { Json } from '../json';

/** A file Slack holds: its bytes, who shared it, and how events and messages describe it. */
export interface StoredFile {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly mimetype: string;
  readonly size: number;
  readonly user: string;
  readonly bytes: Buffer;
}

/** An upload begun with files.getUploadURLExternal: its bytes once POSTed to the upload URL. */
interface PendingUpload {
  readonly filename: string;
  readonly length: number;
  bytes: Buffer | null;
}

const MIME_TYPES: Record<string, string> = { txt: 'text/plain', png: 'image/png', jpg: 'image/jpeg', pdf: 'application/pdf', log: 'text/plain', csv: 'text/csv', exe: 'application/x-msdownload' };

/** The file's type as Slack names it (`filetype`): its extension, or `binary`. */
const filetypeOf = (name: string): string => (name.includes('.') ? (name.split('.').pop() ?? 'binary').toLowerCase() : 'binary');

/**
 * The files of the local Slack, as Slack's file service keeps them: uploads in two steps
 * (files.getUploadURLExternal, a POST of the bytes to the upload URL, then
 * files.completeUploadExternal), and downloads of `url_private` / `url_private_download` that
 * need the bot token in an Authorization header, as Slack's do
 * (https://docs.slack.dev/messaging/working-with-files).
 */
export class LocalFiles {
  /** The local Slack's address, for upload and download URLs. */
  baseUrl: () => string = () => '';
  private counter = 0;
  readonly uploads = new Map<string, PendingUpload>();
  readonly stored = new Map<string, StoredFile>();

  private nextId(): string {
    return `F0${String(++this.counter).padStart(8, '0')}`;
  }

  /** Begins an upload: answers the file's id and where to POST its bytes. */
  beginUpload(filename: string, length: number): { fileId: string; uploadUrl: string } {
    const fileId = this.nextId();
    this.uploads.set(fileId, { filename, length, bytes: null });
    return { fileId, uploadUrl: `${this.baseUrl()}/upload/${fileId}` };
  }

  /** The bytes POSTed to an upload URL; false for a URL Slack never gave. */
  receiveUpload(fileId: string, bytes: Buffer): boolean {
    const upload = this.uploads.get(fileId);
    if (!upload) return false;
    upload.bytes = bytes;
    return true;
  }

  /** Finishes an upload whose bytes arrived, as `user`'s file; null when they never did. */
  completeUpload(fileId: string, title: string | null, user: string): StoredFile | null {
    const upload = this.uploads.get(fileId);
    if (!upload?.bytes) return null;
    this.uploads.delete(fileId);
    return this.keep({ id: fileId, name: upload.filename, title: title ?? upload.filename, bytes: upload.bytes, user });
  }

  /** A file a person shares from their own device (the tests' and the sandbox's people). */
  share(name: string, bytes: Buffer, user: string, mimetype?: string): StoredFile {
    return this.keep({ id: this.nextId(), name, title: name, bytes, user, ...(mimetype ? { mimetype } : {}) });
  }

  /** The file's owner deletes it (files.delete): its downloads answer 404 from now on, as Slack's do. */
  remove(fileId: string): void {
    this.stored.delete(fileId);
  }

  private keep(file: { id: string; name: string; title: string; bytes: Buffer; user: string; mimetype?: string }): StoredFile {
    const stored: StoredFile = { ...file, mimetype: file.mimetype ?? MIME_TYPES[filetypeOf(file.name)] ?? 'application/octet-stream', size: file.bytes.length };
    this.stored.set(stored.id, stored);
    return stored;
  }

  /** The file as Slack describes it in a message and its event (`files[]`). */
  describe(file: StoredFile): Json {
    const base = `${this.baseUrl()}/files-pri/${file.id}/${encodeURIComponent(file.name)}`;
    return {
      id: file.id,
      name: file.name,
      title: file.title,
      mimetype: file.mimetype,
      filetype: filetypeOf(file.name),
      size: file.size,
      user: file.user,
      mode: 'hosted',
      url_private: base,
      url_private_download: `${base}?download=1`,
    };
  }

  /** The file behind a `url_private` path (`/files-pri/<id>/<name>`), or null. */
  fileAt(path: string): StoredFile | null {
    const match = /^\/files-pri\/(F0\d+)\//.exec(path);
    return match ? (this.stored.get(match[1] ?? '') ?? null) : null;
  }
}

/** A file shared in a conversation, as tests read it: its name, title and bytes as text. */
export interface SharedFile {
  readonly id: string;
  readonly filename: string;
  readonly title: string;
  readonly content: string;
  readonly channel: string;
}

/** The files shared so far in messages, oldest first; with `channel`, only those shared there. */
export const sharedFiles = (workspace: { readonly files: LocalFiles; readonly messages: readonly { readonly channel: string; readonly files?: readonly Json[] }[] }, channel?: string): SharedFile[] =>
  workspace.messages
    .filter((message) => channel === undefined || message.channel === channel)
    .flatMap((message) =>
      (message.files ?? []).flatMap((described) => {
        const file = workspace.files.stored.get(String(described.id));
        return file ? [{ id: file.id, filename: file.name, title: file.title, content: file.bytes.toString('utf8'), channel: message.channel }] : [];
      }),
    );
