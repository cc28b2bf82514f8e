import { AttachedFile } from '../../services/attachments';
import { DeliveryOutcome } from '../../services/outbox-dispatcher';
import { OutboxMessage } from '../../services/outbox-messages';
import { TicketRow } from '../../services/ports/records';
import { mentionUser } from '../views/mrkdwn';
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

/**
 * Reads a file Slack holds: its `url_private_download` with the bot token in an Authorization header
 * (https://docs.slack.dev/messaging/working-with-files#authenticating). Answers its bytes, or why not.
 */
const download = async (file: AttachedFile, token: string): Promise<ArrayBuffer | string> => {
  const response = await fetch(file.url, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(TRANSFER_TIMEOUT_MS) });
  if (!response.ok) return `downloading "${file.name}" answered HTTP ${response.status}`;
  return response.arrayBuffer();
};

/**
 * Copies the files that came with a ticket event to where the other side reads them, with Slack's
 * upload flow: each file downloaded with the bot token, files.getUploadURLExternal, its bytes POSTed
 * to the upload URL, then one files.completeUploadExternal sharing them all in the thread, with a
 * line saying whose they are. A requester's (or watcher's) files go to the card thread, an agent's
 * reply's to the requester's thread and to each watcher's.
 *
 * Shared once: the share's one block carries the outbox message in its block id (PostOnce's
 * `blockMarker`), and a retry first reads the thread back and stops if an earlier attempt's share
 * is there (Slack shared it, then the answer was lost, a 5xx came back, or the process died).
 */
export const copyFiles = async (context: DeliveryContext, ticket: TicketRow, message: FileCopy, poster: PostOnce): Promise<DeliveryOutcome> => {
  const destination = await destinationOf(context, ticket, message);
  if ('skip' in destination) return destination.skip;
  const { channel, threadTs } = destination;
  if (await poster.earlier(channel, threadTs)) return SENT;
  const token = context.client.token;
  if (!token) return failed('the Web API client has no token to read files with');
  const event = await context.reads.event(message.eventId);
  const uploaded: { id: string; title: string }[] = [];
  for (const file of message.files) {
    const bytes = await download(file, token);
    if (typeof bytes === 'string') return retry(bytes);
    await context.pace({ method: 'files.getUploadURLExternal' });
    const target = await context.client.files.getUploadURLExternal({ filename: file.name, length: bytes.byteLength });
    if (!target.upload_url || !target.file_id) return retry('files.getUploadURLExternal answered without an upload URL');
    const sent = await fetch(target.upload_url, { method: 'POST', body: bytes, signal: AbortSignal.timeout(TRANSFER_TIMEOUT_MS) });
    if (!sent.ok) return retry(`uploading "${file.name}" answered HTTP ${sent.status}`);
    uploaded.push({ id: target.file_id, title: file.name });
  }
  const whose = event ? `${mentionUser(event.actorId)} attached` : 'Attached';
  const comment = `:paperclip: ${whose} ${uploaded.length === 1 ? 'this file' : `these ${uploaded.length} files`}.`;
  await context.pace({ method: 'files.completeUploadExternal' });
  // No initial_comment: Slack would ignore the blocks, and with them the marker.
  await context.client.files.completeUploadExternal({
    files: uploaded as [{ id: string; title: string }],
    channel_id: channel,
    thread_ts: threadTs,
    blocks: [{ type: 'section', block_id: poster.blockMarker(), text: { type: 'mrkdwn', text: comment } }],
  });
  return SENT;
};
