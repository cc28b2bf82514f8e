import { AttachedFile, describeRefusedFiles, fileNote, RefusedFile, screenFiles, SharedFile } from './attachments';
import { ChangeOrigin } from './ticket-change';
import { Clock } from './clock';
import { TicketStore } from './ports/ticket-store';
import { OutboxMessage, toOutboxRow } from './outbox-messages';
import { TicketWorkflowService } from './ticket-workflow.service';

/** A message the requester wrote in their DM with the app, as Slack names it. */
export interface DmMessage {
  readonly channelId: string;
  readonly userId: string;
  readonly ts: string;
  /** The thread it was written in; null for a top-level message. */
  readonly threadTs: string | null;
  /** What to relay: the text (for a new message, without its files; for an edit, with a note for each file). */
  readonly text: string;
  /** The files shared with a new message: each gets a note, and those within the limits are copied to the card thread. */
  readonly files?: readonly SharedFile[];
  /** Slack's `edited.ts` when this is the message as an edit left it. */
  readonly editedTs?: string;
  /** Where the message came in, named in its change's log line (the Slack request); see `ChangeOrigin`. */
  readonly changeOrigin?: ChangeOrigin;
}

/** The key of a requester's DM message: whatever becomes of it (relayed, refused, answered) happens once. */
const messageKey = (channelId: string, ts: string): string => `msg:${channelId}:${ts}`;

/**
 * The requester's side of the DM conversation: messages, edits and deletions, each handled once
 * whatever Slack redelivers. Everything the app says in answer goes through the outbox in the
 * transaction that claims the event's key, so it is said once.
 */
export class RequesterConversationService {
  constructor(
    private readonly store: TicketStore,
    private readonly workflow: TicketWorkflowService,
    private readonly clock: Clock,
    /** The wall clock: what is queued for Slack is stamped with real time, whatever `clock` says. */
    private readonly wallClock: Clock,
    /** Told when an answer was queued, to have the outbox sent. */
    private readonly onQueued: () => void,
  ) {}

  /**
   * A message in a ticket's DM thread is relayed to the ticket (a resolved or closed ticket
   * answers how to reopen it), a message in a watcher's ticket thread too, as the watcher's; any
   * other DM message is answered with where to write.
   */
  async received(message: DmMessage): Promise<void> {
    const key = messageKey(message.channelId, message.ts);
    if (await this.handled(key)) return;
    const ticket = message.threadTs ? await this.workflow.findByRequesterThread(message.channelId, message.threadTs) : null;
    const threadTs = message.threadTs ?? message.ts;
    const shared = this.withFiles(message);
    if (!ticket && message.threadTs && (await this.fromWatcher(shared, message.threadTs, key))) return;
    if (!ticket) return this.answerOnce(key, { kind: 'event_answer', ticketId: null, channelId: message.channelId, threadTs, answer: 'where_to_write' });
    if (shared.text.trim() === '') return;
    await this.answerRefusedFiles(shared, ticket.id, threadTs, key);
    await this.workflow.perform({
      ticketId: ticket.id,
      userId: message.userId,
      command: { type: 'requester_message', text: shared.text },
      requestKey: key,
      ...(shared.accepted.length > 0 ? { files: shared.accepted } : {}),
      source: { channelId: message.channelId, ts: message.ts, ...(message.editedTs ? { editedTs: message.editedTs } : {}) },
      answerRefusalIn: { channelId: message.channelId, threadTs },
      changeOrigin: message.changeOrigin,
    });
  }

  /**
   * The requester edited a message. A relayed one is corrected on the card; one in a ticket
   * thread that is not relayed yet (the edit overtook it) is relayed as it now reads, and the
   * late original then counts as a repeat. Other messages' edits are ignored.
   */
  async edited(message: DmMessage & { readonly editedTs: string; readonly requestKey: string }): Promise<void> {
    if (await this.handled(message.requestKey)) return;
    const known = await this.workflow.correct({
      channelId: message.channelId,
      ts: message.ts,
      userId: message.userId,
      requestKey: message.requestKey,
      change: { type: 'edit', text: message.text, editedTs: message.editedTs },
      changeOrigin: message.changeOrigin,
    });
    if (!known && message.threadTs) await this.received(message);
  }

  /**
   * The requester deleted a message: its relayed copy is taken back and its words erased. One in a
   * ticket thread that is not relayed yet has its key claimed, so its late delivery relays nothing.
   */
  async deleted(message: {
    readonly channelId: string;
    readonly userId: string | null;
    readonly ts: string;
    readonly threadTs: string | null;
    readonly requestKey: string;
    readonly changeOrigin?: ChangeOrigin;
  }): Promise<void> {
    if (await this.handled(message.requestKey)) return;
    const known = await this.workflow.correct({
      channelId: message.channelId,
      ts: message.ts,
      userId: message.userId,
      requestKey: message.requestKey,
      change: { type: 'delete' },
      changeOrigin: message.changeOrigin,
    });
    if (known || !message.threadTs) return;
    if (!(await this.workflow.findByRequesterThread(message.channelId, message.threadTs))) return;
    await this.answerOnce(messageKey(message.channelId, message.ts), null);
  }

  /**
   * The message with a note for each of its files (a refused one says why), the files within the
   * limits (helpdesk.yml `attachments:`) to copy, and the refusals to tell the sender.
   */
  private withFiles(message: DmMessage): DmMessage & { accepted: AttachedFile[]; refused: RefusedFile[] } {
    const files = message.files ?? [];
    const { accepted, refused } = screenFiles(
      files.flatMap((file) => (file.copy ? [file.copy] : [])),
      this.workflow.attachmentLimits,
    );
    const reasons = new Map(refused.map(({ file, reason }) => [file.id, reason]));
    const notes = files.map((file) => fileNote(file.name, file.copy ? reasons.get(file.copy.id) : undefined));
    return { ...message, text: [message.text, ...notes].filter((part) => part.trim() !== '').join('\n'), accepted, refused };
  }

  /** Tells the sender, in their thread, which of their files were not passed on and why: nothing is dropped silently. */
  private async answerRefusedFiles(message: { channelId: string; refused: readonly RefusedFile[] }, ticketId: number, threadTs: string, key: string): Promise<void> {
    if (message.refused.length === 0) return;
    await this.answerOnce(`${key}:files`, { kind: 'event_answer', ticketId, channelId: message.channelId, threadTs, answer: 'refused', detail: describeRefusedFiles(message.refused) });
  }

  /** Relays a message written in a watcher's ticket thread, as theirs; false when the thread is no watcher's. */
  private async fromWatcher(message: DmMessage & { accepted: AttachedFile[]; refused: RefusedFile[] }, threadTs: string, key: string): Promise<boolean> {
    const found = await this.workflow.findByWatcherThread(message.channelId, threadTs);
    if (!found) return false;
    if (message.text.trim() === '') return true;
    await this.answerRefusedFiles(message, found.ticket.id, threadTs, key);
    await this.workflow.perform({
      ticketId: found.ticket.id,
      userId: message.userId,
      command: { type: 'watcher_message', text: message.text },
      requestKey: key,
      ...(message.accepted.length > 0 ? { files: message.accepted } : {}),
      answerRefusalIn: { channelId: message.channelId, threadTs },
      changeOrigin: message.changeOrigin,
    });
    return true;
  }

  /** A redelivery of an event already handled is answered after this one indexed read, with no other work. */
  private handled(key: string): Promise<boolean> {
    return this.store.direct.processedKeys.has(key);
  }

  /** Claims `key` and queues `answer` in one transaction; a key already claimed does nothing. */
  private async answerOnce(key: string, answer: OutboxMessage | null): Promise<void> {
    try {
      await this.store.transaction(async ({ processedKeys, outbox }) => {
        if (await processedKeys.has(key)) return;
        await processedKeys.claim(key, this.clock());
        if (answer) await outbox.enqueue([toOutboxRow(answer)], this.wallClock());
      });
      if (answer) this.onQueued();
    } catch (error) {
      // Two deliveries of one event raced past the check; the key's uniqueness let one through.
      if (!(await this.store.direct.processedKeys.has(key))) throw error;
    }
  }
}
