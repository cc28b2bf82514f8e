import { inertText } from '../domain/inert-text';
import { z } from 'zod';

/**
 * Files that travel with messages: the requester's (or a watcher's) from their ticket thread to
 * the card thread, an agent's from the Reply to requester modal to the requester's thread. Which
 * files may travel is decided here (`screenFiles`), against the limits of helpdesk.yml's
 * `attachments:`; the Slack layer copies them (download with the bot token, Slack's upload flow).
 */

/** A file Slack holds, as the app copies it: `url` is its `url_private_download`, read with the bot token. */
export const attachedFileSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** In bytes. */
  size: z.number().int().nonnegative(),
  mimetype: z.string(),
  url: z.string(),
});
export type AttachedFile = z.infer<typeof attachedFileSchema>;

/** What files may travel (helpdesk.yml `attachments:`). */
export interface AttachmentLimits {
  /** The largest file copied, in bytes. */
  readonly maxFileBytes: number;
  /** The most files copied from one message. */
  readonly maxFilesPerMessage: number;
  /** File name extensions never copied, lower case without the dot (`exe`). */
  readonly refusedTypes: readonly string[];
}

/** Without `attachments:` in helpdesk.yml: 10 MB a file, 5 files a message, programs and scripts refused. */
export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = {
  maxFileBytes: 10 * 1024 * 1024,
  maxFilesPerMessage: 5,
  refusedTypes: ['exe', 'bat', 'cmd', 'com', 'msi', 'scr', 'ps1', 'vbs', 'js', 'jar'],
};

/** A file that may not travel, and why, as the person who sent it reads it. */
export interface RefusedFile {
  readonly file: AttachedFile;
  readonly reason: string;
}

/** A size for people: `12.5 MB`, `800 KB`, `15 bytes`. */
export const formatBytes = (bytes: number): string => {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
};

const extensionOf = (name: string): string | null => (name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : null);

/**
 * Sorts a message's files into those that may travel and those refused, each with its reason: a
 * refused type, an empty file, a file over the size limit, and the files past the per-message limit (the first
 * ones in the message travel). Pure.
 */
export const screenFiles = (files: readonly AttachedFile[], limits: AttachmentLimits): { accepted: AttachedFile[]; refused: RefusedFile[] } => {
  const accepted: AttachedFile[] = [];
  const refused: RefusedFile[] = [];
  for (const file of files) {
    const extension = extensionOf(file.name);
    if (extension && limits.refusedTypes.includes(extension)) refused.push({ file, reason: `files of type .${extension} are not accepted` });
    // Slack's upload flow refuses a length of 0 (files.getUploadURLExternal): copying one would fail the other files of its message too.
    else if (file.size === 0) refused.push({ file, reason: 'it is empty' });
    else if (file.size > limits.maxFileBytes) refused.push({ file, reason: `it is ${formatBytes(file.size)}; files may be at most ${formatBytes(limits.maxFileBytes)}` });
    else if (accepted.length >= limits.maxFilesPerMessage) refused.push({ file, reason: `at most ${limits.maxFilesPerMessage} files are passed on from one message` });
    else accepted.push(file);
  }
  return { accepted, refused };
};

/** What the sender is told of their refused files: one sentence per file, naming it (as inert text) and why. */
export const describeRefusedFiles = (refused: readonly RefusedFile[]): string => refused.map(({ file, reason }) => `${inertText(file.name)} was not passed on: ${reason}.`).join(' ');

/** A file a person shared in their ticket thread: its name, and the file to copy when Slack described one the app can read. */
export interface SharedFile {
  readonly name: string;
  readonly copy: AttachedFile | null;
}

/** The line the card thread shows for a shared file, its name as inert text (a name is not a message); a refused one says why it is not copied. */
export const fileNote = (name: string, refusal?: string): string => `:paperclip: attached a file in their DM: ${inertText(name)}${refusal ? ` (not copied here: ${refusal})` : ''}`;
