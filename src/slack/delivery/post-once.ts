import type { WebClient } from '@slack/web-api';
import type { DeliveryAttempt } from '../../services/outbox-dispatcher';
import { PacingDeferral } from '../../services/outbox-pacing';
import { PacedCall } from '../../services/slack-pacing';
import type { SlackMessage } from '../views/ticket-card.view';
import { assertSendable } from './sendable';

/** The message metadata event type each post carries, naming its outbox message (and piece), so a retry can find what Slack already has. */
export const OUTBOX_EVENT_TYPE = 'helpdesk_outbox';

/** Where a retry reports that it could not read the conversation back (and posts again). */
export interface PostLookupLog {
  warn(...message: unknown[]): void;
}

type Metadata = { event_type?: string; event_payload?: Record<string, unknown> };
type Found = { ts?: string; bot_id?: string; app_id?: string; user?: string; metadata?: Metadata; blocks?: { block_id?: string }[] };

/** A block id that names an outbox message and piece (`helpdesk_outbox:<outbox id>:<piece>`), for messages that cannot carry metadata. */
const BLOCK_MARKER = new RegExp(`^${OUTBOX_EVENT_TYPE}:(\\d+):(\\d+)$`);

/** Who this app is in Slack, from auth.test at start-up: its bot id, its bot user, and its app id when Slack says. */
export interface BotIdentity {
  readonly botId: string | undefined;
  readonly botUserId: string | undefined;
  readonly appId?: string | undefined;
  /** The workspace's URL (auth.test's `url`), which message links are formed from. */
  readonly teamUrl?: string | undefined;
}

/**
 * Whether a message read back was posted by this app. A member controls the metadata of the
 * messages they post with their own token, but not who posted them: Slack sets `bot_id`,
 * `app_id` and `user` (the bot user) on the messages an app posts. Without a known bot id nothing
 * counts, and a retry may post twice rather than adopt someone else's message.
 */
export const postedByThisApp = (message: Found, bot: BotIdentity): boolean =>
  bot.botId !== undefined &&
  message.bot_id === bot.botId &&
  (bot.appId === undefined || message.app_id === undefined || message.app_id === bot.appId) &&
  (bot.botUserId === undefined || message.user === undefined || message.user === bot.botUserId);

/**
 * Posts the messages of one outbox delivery so that a retry never posts one twice. Every post
 * carries message metadata naming its outbox message and piece; a retry first reads the
 * conversation since the message was queued and skips the pieces Slack already has. This closes
 * the gap between Slack accepting a post and the database recording it: a kill -9, a time-out.
 * Only messages this app posted count (`postedByThisApp`): metadata alone can be forged by any
 * member who posts with their own token.
 */
export class PostOnce {
  private readonly posted = new Map<string, Promise<Map<number, string>>>();

  constructor(
    private readonly client: WebClient,
    private readonly attempt: DeliveryAttempt,
    private readonly log: PostLookupLog,
    private readonly bot: BotIdentity,
  ) {}

  /**
   * Posts `message` (piece `piece` of this delivery) unless an earlier attempt did; answers its ts
   * either way. `broadcast`: a thread reply also sent to the conversation (Slack's
   * `reply_broadcast`), which notifies a person who never joined the thread.
   */
  async post(channel: string, message: SlackMessage | { text: string }, threadTs: string | null = null, piece = 0, broadcast = false): Promise<{ ts: string | undefined; channel: string }> {
    const earlier = await this.earlier(channel, threadTs, piece);
    if (earlier) return { ts: earlier, channel };
    assertSendable('chat.postMessage', { channel, text: message.text, thread_ts: threadTs });
    await this.attempt.pace({ method: 'chat.postMessage', target: channel });
    const base = {
      channel,
      text: message.text,
      ...('blocks' in message ? { blocks: message.blocks } : {}),
      unfurl_links: false,
      metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: this.attempt.outboxId, piece } },
    };
    const posted = await this.client.chat.postMessage(threadTs ? { ...base, thread_ts: threadTs, reply_broadcast: broadcast } : base);
    return { ts: posted.ts, channel: posted.channel ?? channel };
  }

  /**
   * The block id that marks piece `piece` of this delivery in a message Slack posts without
   * metadata: files.completeUploadExternal takes `blocks` but no `metadata`
   * (https://docs.slack.dev/reference/methods/files.completeUploadExternal), so a file share
   * names its outbox message in its one block's `block_id`, which a retry reads back.
   */
  blockMarker(piece = 0): string {
    return `${OUTBOX_EVENT_TYPE}:${this.attempt.outboxId}:${piece}`;
  }

  /**
   * On a retry, the ts of piece `piece` if an earlier attempt already put it in the conversation
   * (found by its metadata or its `blockMarker`); undefined on a first attempt, or when it is not there.
   */
  async earlier(channel: string, threadTs: string | null, piece = 0): Promise<string | undefined> {
    if (this.attempt.attempt <= 1) return undefined;
    return (await this.postedBefore(channel, threadTs)).get(piece);
  }

  /** Waits for the slot of a Web API call this delivery makes besides its posts (an edit, a deletion). */
  pace(call: PacedCall): Promise<void> {
    return this.attempt.pace(call);
  }

  /** The pieces of this outbox message already in the conversation, by piece number; read once per delivery. */
  private postedBefore(channel: string, threadTs: string | null): Promise<Map<number, string>> {
    const conversation = `${channel}:${threadTs ?? ''}`;
    const known = this.posted.get(conversation) ?? this.lookUp(channel, threadTs);
    this.posted.set(conversation, known);
    return known;
  }

  private async lookUp(channel: string, threadTs: string | null): Promise<Map<number, string>> {
    const found = new Map<number, string>();
    // A minute's margin for a clock that differs from Slack's.
    const oldest = String(Math.floor(this.attempt.queuedAt.getTime() / 1000) - 60);
    try {
      let cursor: string | undefined;
      do {
        await this.attempt.pace({ method: threadTs ? 'conversations.replies' : 'conversations.history' });
        const page = threadTs
          ? await this.client.conversations.replies({ channel, ts: threadTs, oldest, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) })
          : await this.client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) });
        for (const message of (page.messages ?? []) as Found[]) {
          if (!postedByThisApp(message, this.bot)) continue;
          const payload = message.metadata?.event_type === OUTBOX_EVENT_TYPE ? message.metadata.event_payload : undefined;
          if (payload?.outbox_id === this.attempt.outboxId && typeof payload.piece === 'number' && message.ts) found.set(payload.piece, message.ts);
          for (const block of message.blocks ?? []) {
            const marker = BLOCK_MARKER.exec(block.block_id ?? '');
            if (marker && Number(marker[1]) === this.attempt.outboxId && message.ts) found.set(Number(marker[2]), message.ts);
          }
        }
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
    } catch (error) {
      // Waiting for a slot is no answer: the delivery is deferred, and its retry reads back again.
      if (error instanceof PacingDeferral) throw error;
      // Without the history scopes (an app installed from an older manifest) a retry may repeat a post.
      this.log.warn('could not check whether an earlier attempt was posted; posting again', { outboxId: this.attempt.outboxId, error: String(error) });
    }
    return found;
  }
}
