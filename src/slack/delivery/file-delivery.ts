import { AttachedFile } from '../../services/attachments';
import { DeliveryOutcome } from '../../services/outbox-dispatcher';
import { OutboxMessage } from '../../services/outbox-messages';
import { TicketRow } from '../../services/ports/records';
import { inertText } from '../../domain/inert-text';
import { PacingDeferral } from '../../services/outbox-pacing';
import { escapeMrkdwn, mentionUser } from '../views/mrkdwn';
import { classifySlackError } from './classify-slack-error';
import { DeliveryContext, failed, retry, SENT } from './delivery-context';
import { PostOnce } from './post-once';

/** How long one file's download or upload may take. */
const TRANSFER_TIMEOUT_MS = 60_000;

type FileCopy = Extract<OutboxMessage, { kind: 'copy_files_to_card' | 'copy_files_to_requester' | 'copy_files_to_watcher' }>;

/** The thread a copy goes to, or why there is none: the card's, the requester's ticket thread, or a watcher's own. */
const destinationOf = async (context: DeliveryContext, ticket: TicketRow, message: FileCopy): Promise<{ channel: string; threadTs: string } | { skip: DeliveryOutcome }> => {
  if (message.kind === 'copy_files_to_watcher') {
    const watcher = await context.reads.watcher(ticket.id, message.userId);
    // A watcher removed since the reply hears nothing more of the ticket.
    if (!watcher) return { skip: SENT };
    if (!watcher.dmChannelId || !watcher.dmTs) return { skip: failed(`the watcher ${message.userId} has no ticket conversation to copy files into`) };
    return { channel: watcher.dmChannelId, threadTs: watcher.dmTs };
  }
  const toCard = message.kind === 'copy_files_to_card';
  const channel = toCard ? ticket.cardChannelId : ticket.requesterDmChannelId;
  const threadTs = toCard ? ticket.cardTs : ticket.requesterDmTs;
  if (!channel || !threadTs) return { skip: failed(toCard ? 'the ticket has no card to copy files under' : 'the requester has no ticket conversation to copy files into') };
  return { channel, threadTs };
};

/** HTTP answers to a download that will not change by asking again: the file was deleted, or the app may not read it. */
const GONE_HTTP = new Set([401, 403, 404, 410]);

/** One file's copy: shared, refused for good (with why, as its sender reads it), or to try again later. */
type FileOutcome = { readonly copied: true } | { readonly lost: string } | { readonly later: string };

/**
 * Reads a file Slack holds: its `url_private_download` with the bot token in an Authorization header
 * (https://docs.slack.dev/messaging/working-with-files#authenticating). Answers its bytes, or why not:
 * a file deleted since it was shared answers 404 for good; a 5xx or a lost connection may pass later.
 */
const download = async (file: AttachedFile, token: string): Promise<ArrayBuffer | Exclude<FileOutcome, { copied: true }>> => {
  let response: Response;
  try {
    response = await fetch(file.url, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(TRANSFER_TIMEOUT_MS) });
  } catch (error) {
    return { later: `downloading ${file.name} failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (GONE_HTTP.has(response.status)) return { lost: `Slack no longer has it (it may have been deleted; HTTP ${response.status})` };
  if (!response.ok) return { later: `downloading ${file.name} answered HTTP ${response.status}` };
  return response.arrayBuffer();
};

/** A Web API error as one file's outcome: Slack's permanent answers lose the file, the rest wait (pacing is the dispatcher's). */
const slackRefusal = (error: unknown, step: string): Exclude<FileOutcome, { copied: true }> => {
  if (error instanceof PacingDeferral) throw error;
  const outcome = classifySlackError(error);
  if (outcome.status === 'failed') return { lost: `Slack refused it (${step}: ${outcome.error})` };
  return { later: `${step} failed: ${outcome.status === 'retry' ? outcome.error : outcome.status}` };
};

/** Downloads one file and shares it in the thread, its one block marked as piece `piece` of this delivery. */
const copyOne = async (context: DeliveryContext, file: AttachedFile, token: string, where: { channel: string; threadTs: string; comment: string; marker: string }): Promise<FileOutcome> => {
  const bytes = await download(file, token);
  if (!(bytes instanceof ArrayBuffer)) return bytes;
  let target: { upload_url?: string; file_id?: string };
  try {
    await context.pace({ method: 'files.getUploadURLExternal' });
    target = await context.client.files.getUploadURLExternal({ filename: file.name, length: bytes.byteLength });
  } catch (error) {
    return slackRefusal(error, 'files.getUploadURLExternal');
  }
  if (!target.upload_url || !target.file_id) return { later: 'files.getUploadURLExternal answered without an upload URL' };
  let sent: Response;
  try {
    sent = await fetch(target.upload_url, { method: 'POST', body: bytes, signal: AbortSignal.timeout(TRANSFER_TIMEOUT_MS) });
  } catch (error) {
    return { later: `uploading ${file.name} failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (sent.status >= 400 && sent.status < 500 && sent.status !== 408 && sent.status !== 429) return { lost: `Slack refused its upload (HTTP ${sent.status})` };
  if (!sent.ok) return { later: `uploading ${file.name} answered HTTP ${sent.status}` };
  await context.pace({ method: 'files.completeUploadExternal' });
  // No initial_comment: Slack would ignore the blocks, and with them the marker. Errors here are the thread's, not the file's: the delivery's.
  await context.client.files.completeUploadExternal({
    files: [{ id: target.file_id, title: file.name }],
    channel_id: where.channel,
    thread_ts: where.threadTs,
    blocks: [{ type: 'section', block_id: where.marker, text: { type: 'mrkdwn', text: where.comment } }],
  });
  return { copied: true };
};

/**
 * Where the sender of a file hears it was not copied: a requester or watcher in their own ticket
 * thread; an agent, whose reply's files did not reach someone, in the card's thread.
 */
const senderThread = async (context: DeliveryContext, ticket: TicketRow, message: FileCopy, senderId: string | null): Promise<{ channel: string; threadTs: string } | null> => {
  if (message.kind !== 'copy_files_to_card') return ticket.cardChannelId && ticket.cardTs ? { channel: ticket.cardChannelId, threadTs: ticket.cardTs } : null;
  if (senderId === ticket.requesterId) return ticket.requesterDmChannelId && ticket.requesterDmTs ? { channel: ticket.requesterDmChannelId, threadTs: ticket.requesterDmTs } : null;
  const watcher = senderId ? await context.reads.watcher(ticket.id, senderId) : null;
  return watcher?.dmChannelId && watcher.dmTs ? { channel: watcher.dmChannelId, threadTs: watcher.dmTs } : null;
};

/** Who the copy was for, as the sender of an agent's reply reads it. */
const recipientOf = (ticket: TicketRow, message: FileCopy): string =>
  message.kind === 'copy_files_to_watcher' ? `the watcher ${mentionUser(message.userId)}` : message.kind === 'copy_files_to_requester' ? mentionUser(ticket.requesterId) : 'the card thread';

/**
 * Copies the files that came with a ticket event to where the other side reads them, with Slack's
 * upload flow, one file at a time: downloaded with the bot token, files.getUploadURLExternal, its
 * bytes POSTed to the upload URL, then files.completeUploadExternal sharing it in the thread with a
 * line saying whose it is. A requester's (or watcher's) files go to the card thread, an agent's
 * reply's to the requester's thread and to each watcher's.
 *
 * Each file is its own unit: a file Slack will never give or take (deleted since it was shared:
 * download 404; an upload Slack refuses) is named in the thread as not copied, and its sender is
 * told why, while the other files go through; a file that failed for a while (5xx, a lost
 * connection) makes the delivery try again later, for that file only.
 *
 * Shared once: file `i`'s share carries piece `i` of the outbox message in its block id (PostOnce's
 * `blockMarker`), its not-copied note carries piece `i` in its metadata, and a retry first reads
 * the thread back and skips the files an earlier attempt settled (Slack shared it, then the answer
 * was lost, a 5xx came back, or the process died). The sender's notice is piece `files + i`.
 */
export const copyFiles = async (context: DeliveryContext, ticket: TicketRow, message: FileCopy, poster: PostOnce): Promise<DeliveryOutcome> => {
  const destination = await destinationOf(context, ticket, message);
  if ('skip' in destination) return destination.skip;
  const { channel, threadTs } = destination;
  const token = context.client.token;
  if (!token) return failed('the Web API client has no token to read files with');
  const event = await context.reads.event(message.eventId);
  const senderId = event?.actorId ?? null;
  const comment = `:paperclip: ${senderId ? `${mentionUser(senderId)} attached` : 'Attached'} this file.`;
  let later: string | null = null;
  for (const [index, file] of message.files.entries()) {
    if (await poster.earlier(channel, threadTs, index)) continue;
    const outcome = await copyOne(context, file, token, { channel, threadTs, comment, marker: poster.blockMarker(index) });
    if ('later' in outcome) later ??= outcome.later;
    if (!('lost' in outcome)) continue;
    // Posted as it is (no relay escapes it): Slack's `&`, `<` and `>` escaped here.
    const name = escapeMrkdwn(inertText(file.name));
    // The sender first: a retry that finds the thread's note (piece `index`) knows both were posted.
    const told = await senderThread(context, ticket, message, senderId);
    if (told) {
      const text =
        message.kind === 'copy_files_to_card'
          ? `${name} was not passed on: ${outcome.lost}.`
          : `${senderId ? `${mentionUser(senderId)}: ` : ''}${name} did not reach ${recipientOf(ticket, message)}: ${outcome.lost}.`;
      await poster.post(told.channel, { text }, told.threadTs, message.files.length + index);
    }
    await poster.post(channel, { text: `:paperclip: ${name} was not copied here: ${outcome.lost}.` }, threadTs, index);
  }
  return later === null ? SENT : retry(later);
};
