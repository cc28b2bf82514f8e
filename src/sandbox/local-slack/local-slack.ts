import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { isJsonObject, Json, jsonText, parseJson } from '../json';
import { messageProblems, viewProblems } from './block-kit-rules';
import { allowedHosts, hostIsAllowed, mediaTypeOf, readLimitedBody } from './request-guard';
import { messageChangedEvent, messageDeletedEvent } from './message-events';


export interface LocalUser {
  readonly id: string;
  readonly name: string;
  readonly realName: string;
  /** What the person does here, shown beside their name in the sandbox (their Slack profile title). */
  readonly title?: string;
}

export interface LocalChannel {
  readonly id: string;
  readonly name: string;
  readonly members: Set<string>;
  readonly isIm: boolean;
  /** Archived channels take no posts (`is_archived`). */
  archived?: boolean;
}

export interface PostedMessage {
  readonly channel: string;
  readonly ts: string;
  text: string;
  blocks: Json[];
  readonly threadTs: string | null;
  readonly user: string;
  edits: number;
  /** Message metadata the app attached (event_type and event_payload). */
  readonly metadata?: Json;
  /** Legacy attachments, as monitoring bots post their alerts. */
  readonly attachments?: Json[];
  /** Set when another app's bot posted the message (a workflow's too). */
  readonly botId?: string;
  /** The app of that bot, when Slack shows one. */
  readonly appId?: string;
}

export interface EphemeralMessage {
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly channel: string | null;
  readonly user: string;
  readonly text: string;
  readonly blocks: Json[];
  readonly via: 'chat.postEphemeral' | 'response_url' | 'ack';
  /** Who it is from, when not the app: Slack itself answers a command it does not know. */
  readonly from?: string;
}

export interface OpenView {
  readonly id: string;
  readonly user: string;
  view: Json;
  hash: string;
  errors: Record<string, string>;
  closed: boolean;
  /** What the person has typed or picked so far, by input label; Slack keeps it across submissions. */
  readonly entered: Record<string, string | null>;
}

export interface RecordedCall {
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly method: string;
  readonly args: Json;
  readonly response: Json;
  readonly status: number;
}

interface Trigger {
  readonly user: string;
  issuedAt: number;
  used: boolean;
}

interface InjectedFailure {
  readonly method: string;
  readonly error?: string;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  /** Slack did the work but the answer was lost: a time-out, a dropped connection. */
  readonly afterApplying?: boolean;
  /** Only calls about this conversation fail (`channel`), and with `threadTs`, only replies in that thread. */
  readonly channel?: string;
  readonly threadTs?: string;
  remaining: number;
}

const TRIGGER_LIFETIME_MS = 3000;

/** What the local Slack keeps across restarts of the sandbox: the conversations, not the open modals. */
export interface LocalSlackSnapshot {
  readonly counter: number;
  readonly messages: PostedMessage[];
  readonly ephemerals: EphemeralMessage[];
  readonly ims: { id: string; user: string }[];
}

/** A route of the server; what it throws or rejects with becomes a 500 for that request alone. */
export type Route = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface StartOptions {
  readonly port?: number;
  readonly host?: string;
  /** Serves the requests that are not Web API calls or response URLs (the sandbox's page). */
  readonly otherRoutes?: Route;
  /** Told of every request that failed with a 500; the default writes one line to stderr. */
  readonly onError?: (error: unknown, request: IncomingMessage) => void;
}

/** Slack's requests are small; a Web API call or response URL body above this is refused with a 413. */
const MAX_API_BODY_BYTES = 4_000_000;

/**
 * A local stand-in for Slack's Web API over real HTTP. It answers like Slack (HTTP 200 with
 * `ok:false` and Slack's error names), records every call, and rejects what Slack rejects.
 */
export class LocalSlack {
  readonly botToken: string;
  readonly botUserId = 'U0HELPBOT';
  readonly teamId = 'T0HELPDESK';
  readonly calls: RecordedCall[] = [];
  readonly messages: PostedMessage[] = [];
  readonly ephemerals: EphemeralMessage[] = [];
  readonly views = new Map<string, OpenView>();
  /** Every request whose payload Slack would have refused, with the reasons. */
  readonly rejections: { method: string; error: string; problems: string[] }[] = [];
  private readonly users = new Map<string, LocalUser>();
  private readonly channels = new Map<string, LocalChannel>();
  private readonly triggers = new Map<string, Trigger>();
  private readonly responseUrls = new Map<string, { user: string; channel: string | null }>();
  private readonly failures: InjectedFailure[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly changeListeners = new Set<() => void>();
  private server: Server | null = null;
  private hosts: ReadonlySet<string> = new Set();
  private counter = 0;
  private lastSecond = 0;
  private baseUrl = '';

  /** Benchmarks send requests the fake did not issue trigger ids for; they may accept any. */
  private readonly acceptAnyTrigger: boolean;

  constructor(options: { botToken: string; acceptAnyTrigger?: boolean }) {
    this.botToken = options.botToken;
    this.acceptAnyTrigger = options.acceptAnyTrigger ?? false;
  }

  // ---- the workspace ------------------------------------------------------------------------

  addUser(user: LocalUser): this {
    this.users.set(user.id, user);
    return this;
  }

  addChannel(id: string, name: string, memberIds: readonly string[], botIsMember = true): this {
    const members = new Set(memberIds);
    if (botIsMember) members.add(this.botUserId);
    this.channels.set(id, { id, name, members, isIm: false });
    return this;
  }

  /** Everyone in the workspace, in the order they were added. */
  get people(): LocalUser[] {
    return [...this.users.values()];
  }

  /** The channels (not DMs) a person is a member of. */
  channelsOf(userId: string): LocalChannel[] {
    return [...this.channels.values()].filter((channel) => !channel.isIm && channel.members.has(userId));
  }

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

  /** Every channel of the workspace, DMs left out. */
  allChannels(): LocalChannel[] {
    return [...this.channels.values()].filter((channel) => !channel.isIm);
  }

  channel(id: string): LocalChannel | null {
    return this.channels.get(id) ?? null;
  }

  hasUser(id: string): boolean {
    return this.users.has(id);
  }

  user(id: string): LocalUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`no local user ${id}`);
    return user;
  }

  /** The app's DM channel with a user, as conversations.open creates it. */
  dmChannelOf(userId: string): string | null {
    for (const channel of this.channels.values()) if (channel.isIm && channel.members.has(userId)) return channel.id;
    return null;
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

  /** A message another app's bot posted (a monitoring alert), often with empty text and its content in attachments or blocks. */
  postAsBot(
    channel: string,
    botId: string,
    content: { text?: string; blocks?: Json[]; attachments?: Json[]; user?: string; appId?: string; threadTs?: string | null; metadata?: Json },
  ): PostedMessage {
    // `user`: the bot's own user; a test may claim any, to check that only the bot id is trusted.
    const message: PostedMessage = {
      channel, ts: this.nextTs(), text: content.text ?? '', blocks: content.blocks ?? [], threadTs: content.threadTs ?? null, user: content.user ?? botId, edits: 0, botId,
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

  // ---- what people see ----------------------------------------------------------------------

  /** Top-level messages and thread replies in a channel, oldest first. */
  messagesIn(channel: string, threadTs?: string | null): PostedMessage[] {
    return this.messages.filter(
      (message) => message.channel === channel && (threadTs === undefined || message.threadTs === threadTs),
    );
  }

  ephemeralsFor(user: string): EphemeralMessage[] {
    return this.ephemerals.filter((message) => message.user === user);
  }

  /** The modal on top of a user's screen, if any. */
  currentView(user: string): OpenView | null {
    const open = [...this.views.values()].filter((view) => view.user === user && !view.closed && view.view.type === 'modal');
    return open.at(-1) ?? null;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Resolves once `check` returns a value, re-checking after every Web API call. */
  waitFor<T>(check: () => T | null | undefined | false, timeoutMs = 5000, what = 'the expected Slack calls'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(attempt);
      };
      this.waiters.add(attempt);
      attempt();
    });
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

  issueResponseUrl(user: string, channel: string | null): string {
    // Unguessable, as Slack's are: a web page must not be able to post into a person's screen.
    const token = `R${++this.counter}${randomBytes(12).toString('hex')}`;
    this.responseUrls.set(token, { user, channel });
    return `${this.baseUrl}/response/${token}`;
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

  /** Calls on every change to what people see or to the calls recorded; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Forgets every conversation, modal and recorded call; the people and channels stay. */
  clear(): void {
    this.messages.length = 0;
    this.ephemerals.length = 0;
    this.calls.length = 0;
    this.rejections.length = 0;
    this.views.clear();
    this.triggers.clear();
    this.responseUrls.clear();
    for (const channel of [...this.channels.values()]) if (channel.isIm) this.channels.delete(channel.id);
    this.changed();
  }

  snapshot(): LocalSlackSnapshot {
    const ims = [...this.channels.values()].filter((channel) => channel.isIm);
    return {
      counter: this.counter,
      messages: this.messages,
      ephemerals: this.ephemerals,
      ims: ims.map((channel) => ({ id: channel.id, user: [...channel.members].find((member) => member !== this.botUserId) ?? '' })),
    };
  }

  restore(snapshot: LocalSlackSnapshot): this {
    this.counter = Math.max(this.counter, snapshot.counter);
    this.messages.push(...snapshot.messages);
    this.ephemerals.push(...snapshot.ephemerals);
    for (const im of snapshot.ims) this.channels.set(im.id, { id: im.id, name: im.user, members: new Set([im.user, this.botUserId]), isIm: true });
    return this;
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
      view.view = ack.view as Json;
      view.hash = `h${++this.counter}`;
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
    this.failures.length = 0;
  }

  /** Makes the next `times` calls to `method` fail: with a Slack error, an HTTP status, or a 429. */
  failNext(method: string, failure: { error?: string; status?: number; retryAfterSeconds?: number; afterApplying?: boolean; channel?: string; threadTs?: string }, times = 1): void {
    this.failures.push({ method, ...failure, remaining: times });
  }

  // ---- server ---------------------------------------------------------------------------------

  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  get url(): string {
    return this.baseUrl;
  }

  async start(options: StartOptions = {}): Promise<this> {
    const host = options.host ?? '127.0.0.1';
    const onError = options.onError ?? logFailure;
    const server = createServer((request, response) => {
      this.route(request, response, options.otherRoutes).catch((error: unknown) => {
        onError(error, request);
        if (response.headersSent) return void response.destroy();
        send(response, 500, { ok: false, error: 'internal_error' });
      });
    });
    server.headersTimeout = 10_000;
    server.requestTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, resolve);
    });
    this.server = server;
    const port = (server.address() as AddressInfo).port;
    this.hosts = allowedHosts(host, port);
    const shownHost = host.includes(':') ? `[${host}]` : host;
    this.baseUrl = `http://${shownHost}:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = null;
  }

  /**
   * Every request: only to one of this server's own names (a DNS-rebinding page has another Host);
   * Web API calls and response URLs only from programs, never from a browser (a page's form POST
   * carries an Origin or Sec-Fetch-Site header; the app's Web API client sends neither).
   */
  private async route(request: IncomingMessage, response: ServerResponse, otherRoutes: Route | undefined): Promise<void> {
    if (!hostIsAllowed(request, this.hosts)) return send(response, 421, { ok: false, error: 'misdirected_request' }, { connection: 'close' });
    const path = request.url ?? '/';
    if (otherRoutes && !path.startsWith('/api/') && !path.startsWith('/response/')) return otherRoutes(request, response);
    if (request.headers.origin !== undefined || request.headers['sec-fetch-site'] !== undefined) {
      return send(response, 403, { ok: false, error: 'not_allowed_from_a_browser' }, { connection: 'close' });
    }
    return this.handle(request, response);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const read = await readLimitedBody(request, MAX_API_BODY_BYTES);
    if (!read.ok) return send(response, read.status, { ok: false, error: read.status === 413 ? 'request_too_large' : 'invalid_post_type' }, { connection: 'close' });
    const raw = read.text;
    const url = new URL(request.url ?? '/', this.baseUrl);
    if (url.pathname.startsWith('/response/')) return this.handleResponseUrl(url.pathname.slice('/response/'.length), raw, response);
    if (!url.pathname.startsWith('/api/')) return send(response, 404, { ok: false, error: 'not_found' });
    const method = url.pathname.slice('/api/'.length);
    const args = parseArgs(raw, request.headers['content-type']);
    if ('refusal' in args) {
      const refusal = { ok: false, error: args.refusal };
      this.calls.push({ at: Date.now(), method, args: {}, response: refusal, status: 200 });
      return send(response, 200, refusal);
    }
    const [status, body, headers] = this.answer(method, args.args, request.headers.authorization);
    this.calls.push({ at: Date.now(), method, args: args.args, response: body, status });
    send(response, status, body, headers);
    this.changed();
  }

  private handleResponseUrl(token: string, raw: string, response: ServerResponse): void {
    const target = this.responseUrls.get(token);
    if (!target) return send(response, 404, { ok: false, error: 'invalid_response_url' });
    const body = parseJson(raw || '{}');
    if (!isJsonObject(body)) return send(response, 400, { ok: false, error: 'invalid_payload' });
    const problems = messageProblems(body.text, body.blocks);
    if (problems.length) {
      const refusal = this.fail('response_url', 'invalid_blocks', problems);
      this.calls.push({ at: Date.now(), method: 'response_url', args: body, response: refusal, status: 200 });
      send(response, 200, refusal);
      return this.changed();
    }
    this.ephemerals.push({
      at: Date.now(),
      channel: target.channel,
      user: target.user,
      text: jsonText(body.text),
      blocks: (body.blocks as Json[]) ?? [],
      via: 'response_url',
    });
    this.calls.push({ at: Date.now(), method: 'response_url', args: body, response: { ok: true }, status: 200 });
    send(response, 200, { ok: true });
    this.changed();
  }

  private answer(method: string, args: Json, authorization: string | undefined): [number, Json, Record<string, string>?] {
    const failure = this.failures.find(
      (candidate) =>
        candidate.method === method &&
        candidate.remaining > 0 &&
        (candidate.channel === undefined || candidate.channel === args.channel) &&
        (candidate.threadTs === undefined || candidate.threadTs === args.thread_ts),
    );
    if (failure) {
      failure.remaining -= 1;
      if (failure.afterApplying) this.methods[method]?.(args);
      if (failure.retryAfterSeconds !== undefined) {
        return [429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfterSeconds) }];
      }
      if (failure.status) return [failure.status, { ok: false, error: 'internal_error' }];
      return [200, { ok: false, error: failure.error ?? 'internal_error' }];
    }
    const token = authorization?.replace(/^Bearer /, '') ?? (args.token as string | undefined);
    if (!token) return [200, { ok: false, error: 'not_authed' }];
    if (token !== this.botToken) return [200, { ok: false, error: 'invalid_auth' }];
    const handler = this.methods[method];
    if (!handler) return [200, { ok: false, error: 'unknown_method' }];
    return [200, handler(args)];
  }

  /** One page of messages newer than `oldest`, as conversations.history and .replies answer; the cursor is an offset. */
  private page(messages: PostedMessage[], args: Json): Json {
    const oldest = Number(args.oldest ?? 0);
    const limit = Math.min(Math.max(Number(args.limit ?? 100), 1), 1000);
    const offset = Number(args.cursor ?? 0) || 0;
    const newer = messages.filter((message) => Number(message.ts) > oldest);
    const metadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
    // As Slack shows an app's message: its bot user, bot id and app id, which no member can set.
    const page = newer.slice(offset, offset + limit).map((message) => ({
      type: 'message',
      ts: message.ts,
      text: message.text,
      user: message.user,
      ...(message.botId
        ? { bot_id: message.botId, ...(message.appId ? { app_id: message.appId } : {}) }
        : message.user === this.botUserId
          ? { bot_id: 'B0HELPBOT', app_id: 'A0HELPDESK' }
          : {}),
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
      ...(metadata && message.metadata ? { metadata: message.metadata } : {}),
    }));
    const more = offset + limit < newer.length;
    return { ok: true, messages: page, has_more: more, response_metadata: { next_cursor: more ? String(offset + limit) : '' } };
  }

  private changed(): void {
    this.waiters.forEach((waiter) => waiter());
    this.changeListeners.forEach((listener) => listener());
  }

  private fail(method: string, error: string, problems: string[] = []): Json {
    if (problems.length) this.rejections.push({ method, error, problems });
    return { ok: false, error, ...(problems.length ? { response_metadata: { messages: problems } } : {}) };
  }

  private nextTs(): string {
    this.counter += 1;
    // Seconds of the wall clock, as Slack's are; the counter keeps every ts unique and ordered.
    this.lastSecond = Math.max(this.lastSecond, Math.floor(Date.now() / 1000));
    return `${this.lastSecond}.${String(this.counter).padStart(6, '0')}`;
  }

  private resolveChannel(id: unknown): LocalChannel | null {
    if (typeof id !== 'string') return null;
    if (this.channels.has(id)) return this.channels.get(id) ?? null;
    // Posting to a user id posts to the app's DM with that user.
    if (this.users.has(id)) return this.openIm(id);
    return null;
  }

  /** The Home tab the app last published for a user, if any. */
  homeOf(userId: string): OpenView | null {
    return [...this.views.values()].filter((view) => view.user === userId && view.view.type === 'home').at(-1) ?? null;
  }

  /** The app's DM with a user, opened if it was not yet, as when the person clicks the app in the sidebar. */
  openDm(userId: string): string {
    return this.openIm(userId).id;
  }

  private openIm(userId: string): LocalChannel {
    const existing = this.dmChannelOf(userId);
    if (existing) return this.channels.get(existing) as LocalChannel;
    const channel: LocalChannel = { id: `D0${userId.slice(1)}`, name: userId, members: new Set([userId, this.botUserId]), isIm: true };
    this.channels.set(channel.id, channel);
    return channel;
  }

  private useTrigger(method: string, triggerId: unknown): { user: string } | Json {
    const trigger = typeof triggerId === 'string' ? this.triggers.get(triggerId) : undefined;
    if (!trigger && this.acceptAnyTrigger) return { user: 'U0BENCH' };
    if (!trigger) return this.fail(method, 'invalid_trigger_id');
    if (trigger.used || Date.now() - trigger.issuedAt > TRIGGER_LIFETIME_MS) return this.fail(method, 'expired_trigger_id');
    trigger.used = true;
    return { user: trigger.user };
  }

  private createView(user: string, view: Json): OpenView {
    const open: OpenView = { id: `V${String(++this.counter).padStart(8, '0')}`, user, view, hash: `h${this.counter}`, errors: {}, closed: false, entered: {} };
    this.views.set(open.id, open);
    return open;
  }

  private viewJson(open: OpenView): Json {
    return { ...open.view, id: open.id, hash: open.hash, team_id: this.teamId, app_id: 'A0HELPDESK', bot_id: 'B0HELPBOT' };
  }

  private readonly methods: Record<string, (args: Json) => Json> = {
    'auth.test': () => ({
      ok: true,
      url: 'https://helpdesk-demo.slack.com/',
      team: 'Helpdesk Demo',
      team_id: this.teamId,
      user: 'helpdesk',
      user_id: this.botUserId,
      bot_id: 'B0HELPBOT',
      app_id: 'A0HELPDESK',
    }),
    'chat.postMessage': (args) => {
      const channel = this.resolveChannel(args.channel);
      if (!channel) return this.fail('chat.postMessage', 'channel_not_found');
      if (channel.archived) return this.fail('chat.postMessage', 'is_archived');
      if (!channel.members.has(this.botUserId)) return this.fail('chat.postMessage', 'not_in_channel');
      if (!args.text && !args.blocks) return this.fail('chat.postMessage', 'no_text');
      const problems = messageProblems(args.text, args.blocks);
      if (problems.length) return this.fail('chat.postMessage', 'invalid_blocks', problems);
      const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : null;
      if (threadTs && !this.messages.some((message) => message.channel === channel.id && message.ts === threadTs)) {
        return this.fail('chat.postMessage', 'thread_not_found');
      }
      const message: PostedMessage = {
        channel: channel.id,
        ts: this.nextTs(),
        text: jsonText(args.text),
        blocks: (args.blocks as Json[]) ?? [],
        threadTs,
        user: this.botUserId,
        edits: 0,
        ...(isJsonObject(args.metadata) ? { metadata: args.metadata } : {}),
      };
      this.messages.push(message);
      return { ok: true, channel: channel.id, ts: message.ts, message: { text: message.text, ts: message.ts } };
    },
    'chat.update': (args) => {
      const message = this.messages.find((candidate) => candidate.channel === args.channel && candidate.ts === args.ts);
      if (!this.channels.has(String(args.channel))) return this.fail('chat.update', 'channel_not_found');
      if (this.channels.get(String(args.channel))?.archived) return this.fail('chat.update', 'is_archived');
      if (!message) return this.fail('chat.update', 'message_not_found');
      const problems = messageProblems(args.text, args.blocks);
      if (problems.length) return this.fail('chat.update', 'invalid_blocks', problems);
      message.text = jsonText(args.text, message.text);
      message.blocks = (args.blocks as Json[]) ?? message.blocks;
      message.edits += 1;
      return { ok: true, channel: message.channel, ts: message.ts };
    },
    'chat.delete': (args) => {
      if (!this.channels.has(String(args.channel))) return this.fail('chat.delete', 'channel_not_found');
      const index = this.messages.findIndex((candidate) => candidate.channel === args.channel && candidate.ts === args.ts);
      if (index < 0) return this.fail('chat.delete', 'message_not_found');
      // A bot token deletes only the bot's own messages.
      if (this.messages[index]?.user !== this.botUserId) return this.fail('chat.delete', 'cant_delete_message');
      this.messages.splice(index, 1);
      return { ok: true, channel: String(args.channel), ts: String(args.ts) };
    },
    'chat.postEphemeral': (args) => {
      const channel = this.resolveChannel(args.channel);
      if (!channel) return this.fail('chat.postEphemeral', 'channel_not_found');
      if (!channel.members.has(this.botUserId)) return this.fail('chat.postEphemeral', 'not_in_channel');
      if (!channel.members.has(String(args.user))) return this.fail('chat.postEphemeral', 'user_not_in_channel');
      const problems = messageProblems(args.text, args.blocks);
      if (problems.length) return this.fail('chat.postEphemeral', 'invalid_blocks', problems);
      this.ephemerals.push({
        at: Date.now(),
        channel: channel.id,
        user: String(args.user),
        text: jsonText(args.text),
        blocks: (args.blocks as Json[]) ?? [],
        via: 'chat.postEphemeral',
      });
      return { ok: true, message_ts: this.nextTs() };
    },
    'chat.getPermalink': (args) => {
      const message = this.messages.find((candidate) => candidate.channel === args.channel && candidate.ts === args.message_ts);
      if (!this.channels.has(String(args.channel))) return this.fail('chat.getPermalink', 'channel_not_found');
      if (!message) return this.fail('chat.getPermalink', 'message_not_found');
      return {
        ok: true,
        channel: message.channel,
        permalink: `https://helpdesk-demo.slack.com/archives/${message.channel}/p${message.ts.replace('.', '')}`,
      };
    },
    'conversations.open': (args) => {
      const users = jsonText(args.users).split(',').filter(Boolean);
      if (users.length !== 1) return this.fail('conversations.open', users.length ? 'not_supported' : 'users_list_not_supplied');
      const userId = users[0] as string;
      if (!this.users.has(userId)) return this.fail('conversations.open', 'user_not_found');
      return { ok: true, channel: { id: this.openIm(userId).id } };
    },
    'conversations.info': (args) => {
      const channel = this.channels.get(String(args.channel));
      if (!channel) return this.fail('conversations.info', 'channel_not_found');
      return {
        ok: true,
        channel: {
          id: channel.id,
          ...(channel.isIm ? { is_im: true, user: [...channel.members].find((member) => member !== this.botUserId) } : { name: channel.name, is_channel: true, is_im: false }),
          is_private: false,
          is_archived: channel.archived === true,
          is_member: channel.members.has(this.botUserId),
        },
      };
    },
    'conversations.history': (args) => {
      const channel = this.channels.get(String(args.channel));
      if (!channel) return this.fail('conversations.history', 'channel_not_found');
      if (!channel.members.has(this.botUserId)) return this.fail('conversations.history', 'not_in_channel');
      const top = this.messages.filter((message) => message.channel === channel.id && message.threadTs === null);
      return this.page(top.reverse(), args);
    },
    'conversations.replies': (args) => {
      const channel = this.channels.get(String(args.channel));
      if (!channel) return this.fail('conversations.replies', 'channel_not_found');
      if (!channel.members.has(this.botUserId)) return this.fail('conversations.replies', 'not_in_channel');
      const parent = this.messages.find((message) => message.channel === channel.id && message.ts === args.ts);
      if (!parent) return this.fail('conversations.replies', 'thread_not_found');
      return this.page([parent, ...this.messagesIn(channel.id, parent.ts)], args);
    },
    'users.info': (args) => {
      const user = this.users.get(String(args.user));
      if (!user) return this.fail('users.info', 'user_not_found');
      return { ok: true, user: { id: user.id, name: user.name, real_name: user.realName, profile: { real_name: user.realName, display_name: user.name } } };
    },
    'views.open': (args) => {
      const trigger = this.useTrigger('views.open', args.trigger_id);
      if (!('user' in trigger)) return trigger;
      const problems = viewProblems(args.view);
      if (problems.length) return this.fail('views.open', 'invalid_arguments', problems);
      return { ok: true, view: this.viewJson(this.createView(String(trigger.user), args.view as Json)) };
    },
    'views.push': (args) => {
      const trigger = this.useTrigger('views.push', args.trigger_id);
      if (!('user' in trigger)) return trigger;
      const problems = viewProblems(args.view);
      if (problems.length) return this.fail('views.push', 'invalid_arguments', problems);
      return { ok: true, view: this.viewJson(this.createView(String(trigger.user), args.view as Json)) };
    },
    'views.update': (args) => {
      const open = this.views.get(String(args.view_id));
      if (!open) return this.fail('views.update', 'not_found');
      if (args.hash !== undefined && args.hash !== open.hash) return this.fail('views.update', 'hash_conflict');
      const problems = viewProblems(args.view);
      if (problems.length) return this.fail('views.update', 'invalid_arguments', problems);
      open.view = args.view as Json;
      open.hash = `h${++this.counter}`;
      return { ok: true, view: this.viewJson(open) };
    },
    'views.publish': (args) => {
      if (!this.users.has(String(args.user_id))) return this.fail('views.publish', 'user_not_found');
      const problems = viewProblems(args.view);
      if (problems.length) return this.fail('views.publish', 'invalid_arguments', problems);
      const home = this.createView(String(args.user_id), args.view as Json);
      return { ok: true, view: this.viewJson(home) };
    },
  };
}

const logFailure = (error: unknown, request: IncomingMessage): void => {
  const path = (request.url ?? '/').split('?')[0];
  process.stderr.write(`local Slack: ${request.method ?? '?'} ${path} failed: ${error instanceof Error ? error.message : String(error)}\n`);
};

const POST_TYPES = new Set(['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
const CHARSETS = new Set(['utf-8', 'iso-8859-1']);

/**
 * The Web API takes form fields (objects JSON-encoded inside them) or a JSON body. What it cannot
 * read gets the error names Slack documents for every Web API method: a body without a
 * Content-Type `missing_post_type`, another media type `invalid_post_type`, another charset
 * `invalid_charset`, JSON that does not parse `invalid_json`, JSON that is not an object
 * `json_not_object`. Multipart bodies (file uploads) are not read here: `invalid_form_data`.
 */
const parseArgs = (raw: string, contentType: string | undefined): { args: Json } | { refusal: string } => {
  if (contentType === undefined) return raw ? { refusal: 'missing_post_type' } : { args: {} };
  const media = mediaTypeOf(contentType);
  if (!media || !POST_TYPES.has(media.type)) return { refusal: 'invalid_post_type' };
  const charset = media.parameters.get('charset');
  if (charset !== undefined && !CHARSETS.has(charset.toLowerCase())) return { refusal: 'invalid_charset' };
  if (media.type === 'multipart/form-data') return { refusal: 'invalid_form_data' };
  if (media.type === 'application/json') {
    if (!raw) return { args: {} };
    const parsed = parseJson(raw);
    if (parsed === undefined) return { refusal: 'invalid_json' };
    return isJsonObject(parsed) ? { args: parsed } : { refusal: 'json_not_object' };
  }
  const args: Json = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const parsed = /^[[{]/.test(value) ? parseJson(value) : undefined;
    args[key] = parsed === undefined ? value : parsed;
  }
  return { args };
};

const send = (response: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}): void => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers });
  response.end(JSON.stringify(body));
};
