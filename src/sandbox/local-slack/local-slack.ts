import { randomBytes } from 'node:crypto';
import { Json } from '../json';
import { viewProblems } from './block-kit-rules';
import { Failure, FaultInjector } from './fault-injection';
import { LocalSlackServer, StartOptions } from './http-server';
import { messageChangedEvent, messageDeletedEvent } from './message-events';
import { SlackRateLimiter } from './rate-limits';
import { SlackEndpoints } from './slack-endpoints';
import { SocketModeHub } from './socket-mode';
import { replaceView } from './view-state';
import { SlackWorkspace } from './workspace';
import { EphemeralMessage, OpenView, PostedMessage, RecordedCall } from './workspace-types';

export type { Route, StartOptions } from './http-server';
export type { EphemeralMessage, LocalChannel, LocalSlackSnapshot, LocalUser, OpenView, PostedMessage, RecordedCall } from './workspace-types';

/**
 * A local stand-in for Slack's Web API over real HTTP. It answers like Slack (HTTP 200 with
 * `ok:false` and Slack's error names), records every call, and rejects what Slack rejects.
 *
 * One object for tests and the sandbox over the parts: the workspace it keeps (`workspace.ts`),
 * the Web API methods (`*.methods.ts`), the HTTP server (`http-server.ts`, `slack-endpoints.ts`)
 * and the failures tests inject (`fault-injection.ts`).
 */
export class LocalSlack extends SlackWorkspace {
  private readonly faults = new FaultInjector();
  /** Slack's side of Socket Mode: `apps.connections.open`, the WebSockets, envelopes and acks. */
  readonly socketMode = new SocketModeHub(() => this.url);
  private readonly server = new LocalSlackServer(
    (request, response) => this.endpoints.handle(request, response),
    (request, socket, head) => this.socketMode.upgrade(request, socket, head),
  );
  private readonly endpoints = new SlackEndpoints(this, this.faults, () => this.url, this.socketMode);

  constructor(...args: ConstructorParameters<typeof SlackWorkspace>) {
    super(...args);
    this.files.baseUrl = () => this.url;
  }

  // ---- what people do -------------------------------------------------------------------------

  /**
   * Someone types `/invite @Helpdesk` in a channel: the app becomes a member. Answers the
   * `member_joined_channel` event Slack then sends the app (SlackRequests.event sends it).
   */
  inviteBot(channelId: string): Json {
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`no local channel ${channelId}`);
    channel.members.add(this.botUserId);
    this.changed();
    return { type: 'member_joined_channel', user: this.botUserId, channel: channelId, channel_type: 'C', team: this.teamId, event_ts: `${Math.floor(Date.now() / 1000)}.000100` };
  }

  /** The app is removed from a channel (or was never invited): posts there answer `not_in_channel`. */
  removeBot(channelId: string): void {
    this.channels.get(channelId)?.members.delete(this.botUserId);
    this.changed();
  }

  /** A channel is archived (or, with `false`, unarchived): posts there answer `is_archived`. */
  archiveChannel(channelId: string, archived = true): void {
    const channel = this.channels.get(channelId);
    if (channel) channel.archived = archived;
    this.changed();
  }

  /**
   * A message a person wrote, e.g. one a ticket is later filed from. With `metadata`, as a member
   * posts with their own API token: Slack keeps it, and shows it on read-back, whoever posted it.
   */
  postAsUser(channel: string, user: string, text: string, threadTs: string | null = null, metadata?: Json): PostedMessage {
    const message: PostedMessage = { channel, ts: this.nextTs(), text, blocks: [], threadTs, user, edits: 0, ...(metadata ? { metadata } : {}) };
    this.messages.push(message);
    this.changed();
    return message;
  }

  /** A person shares files in a conversation (a `file_share` message); answers the message, its files described as Slack does. */
  shareFilesAsUser(channel: string, user: string, text: string, threadTs: string | null, files: readonly { name: string; bytes: Buffer; mimetype?: string }[]): PostedMessage {
    const described = files.map((file) => this.files.describe(this.files.share(file.name, file.bytes, user, file.mimetype)));
    const message: PostedMessage = { channel, ts: this.nextTs(), text, blocks: [], threadTs, user, edits: 0, files: described };
    this.messages.push(message);
    this.changed();
    return message;
  }

  /** A message another app's bot posted (a monitoring alert), often with empty text and its content in attachments or blocks. */
  postAsBot(
    channel: string,
    botId: string,
    content: { text?: string; blocks?: Json[]; attachments?: Json[]; user?: string; appId?: string; threadTs?: string | null; metadata?: Json },
  ): PostedMessage {
    // `user`: the bot's own user; a test may claim any, to check that only the bot id is trusted.
    const message: PostedMessage = {
      channel,
      ts: this.nextTs(),
      text: content.text ?? '',
      blocks: content.blocks ?? [],
      threadTs: content.threadTs ?? null,
      user: content.user ?? botId,
      edits: 0,
      botId,
      ...(content.appId ? { appId: content.appId } : {}),
      ...(content.metadata ? { metadata: content.metadata } : {}),
      ...(content.attachments ? { attachments: content.attachments } : {}),
    };
    this.messages.push(message);
    this.changed();
    return message;
  }

  /** A person edits their own message; answers the `message_changed` event Slack sends about it. */
  editAsUser(message: PostedMessage, text: string): Json {
    const event = messageChangedEvent({ ...message }, text, this.nextTs(), this.channel(message.channel)?.isIm ? 'im' : 'channel');
    message.text = text;
    message.edits += 1;
    this.changed();
    return event;
  }

  /** A person deletes their own message; answers the `message_deleted` event Slack sends about it. */
  deleteAsUser(message: PostedMessage): Json {
    const event = messageDeletedEvent(message, this.nextTs(), this.channel(message.channel)?.isIm ? 'im' : 'channel');
    this.messages.splice(this.messages.indexOf(message), 1);
    this.changed();
    return event;
  }

  /** The person dismisses the modal on top of their screen (Cancel, Done, or the close button). */
  closeView(user: string): void {
    const open = this.currentView(user);
    if (open) open.closed = true;
    this.changed();
  }

  /** A message only `user` sees, as when the app answers a slash command in its acknowledgement. */
  addEphemeral(message: EphemeralMessage): void {
    this.ephemerals.push(message);
    this.changed();
  }

  // ---- what Slack sends the app ---------------------------------------------------------------

  /** A trigger id as Slack puts in a slash command or interaction: usable once, for 3 seconds. */
  issueTrigger(user: string): string {
    const id = `${++this.counter}.${Date.now()}.fake${Math.random().toString(16).slice(2, 10)}`;
    this.triggers.set(id, { user, issuedAt: Date.now(), used: false });
    return id;
  }

  /** Ages a trigger as if `ms` had passed since Slack issued it. */
  ageTrigger(id: string, ms: number): void {
    const trigger = this.triggers.get(id);
    if (trigger) trigger.issuedAt -= ms;
  }

  /** With `ephemeral`, the URL of a click on that ephemeral message: `replace_original` and `delete_original` then act on it. */
  issueResponseUrl(user: string, channel: string | null, ephemeral?: EphemeralMessage): string {
    // Unguessable, as Slack's are: a web page must not be able to post into a person's screen.
    const token = `R${++this.counter}${randomBytes(12).toString('hex')}`;
    this.responseUrls.set(token, { user, channel, ...(ephemeral ? { ephemeral } : {}) });
    return `${this.url}/response/${token}`;
  }

  /** Applies a modal submission's acknowledgement as Slack would: errors, update, push, or close. */
  applyViewAck(viewId: string, body: string): void {
    const view = this.views.get(viewId);
    if (!view) return;
    this.applyAck(view, body);
    this.changed();
  }

  private applyAck(view: OpenView, body: string): void {
    const ack: Json = body ? (JSON.parse(body) as Json) : {};
    if (ack.response_action === 'errors') {
      view.errors = (ack.errors as Record<string, string>) ?? {};
    } else if (ack.response_action === 'update') {
      const problems = viewProblems(ack.view);
      if (problems.length) {
        const response = { ok: false, error: 'invalid_arguments', response_metadata: { messages: problems } };
        this.calls.push({ at: Date.now(), method: 'view_submission ack', args: ack, response, status: 200 });
        return void this.rejections.push({ method: 'view_submission ack', error: 'invalid_arguments', problems });
      }
      replaceView(view, ack.view as Json, `h${++this.counter}`);
      view.errors = {};
    } else if (ack.response_action === 'push') {
      this.createView(view.user, ack.view as Json);
    } else if (ack.response_action === 'clear') {
      for (const open of this.views.values()) if (open.user === view.user && open.view.type === 'modal') open.closed = true;
    } else {
      view.closed = true;
    }
  }

  // ---- failures -------------------------------------------------------------------------------

  /** Slack is healthy again: no more injected failures. */
  clearFailures(): void {
    this.faults.clear();
  }

  /** Makes the next `times` calls to `method` fail: with a Slack error, an HTTP status, or a 429. */
  failNext(method: string, failure: Failure, times = 1): void {
    this.faults.failNext(method, failure, times);
  }

  // ---- rate limits ----------------------------------------------------------------------------

  /**
   * Enforces Slack's published rate limits (`rate-limits.ts`) from now on, with full buckets, or
   * with `false` stops: calls over a limit answer HTTP 429 with Retry-After and `ratelimited`.
   * Off unless asked; `now` replaces the real clock in tests.
   */
  limitRates(on = true, now?: () => number): void {
    this.endpoints.rateLimiter = on ? new SlackRateLimiter(now) : null;
  }

  /** The calls Slack answered with a 429 (rate limits or injected failures). */
  rateLimitedCalls(): RecordedCall[] {
    return this.calls.filter((call) => call.status === 429);
  }

  // ---- server ---------------------------------------------------------------------------------

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  get url(): string {
    return this.server.url;
  }

  async start(options: StartOptions = {}): Promise<this> {
    await this.server.start(options);
    return this;
  }

  stop(): Promise<void> {
    this.socketMode.stop();
    return this.server.stop();
  }
}
