import { LocalFiles } from './local-files';
import { Json } from '../json';
import { EphemeralMessage, LocalChannel, LocalSlackSnapshot, LocalUser, OpenView, PostedMessage, RecordedCall } from './workspace-types';

interface Trigger {
  readonly user: string;
  issuedAt: number;
  used: boolean;
}

const TRIGGER_LIFETIME_MS = 3000;

/**
 * What the local Slack knows: its people and channels, the messages, ephemeral messages and
 * views, the trigger ids and response URLs it issued, and every Web API call the app made. The
 * Web API methods (`*.methods.ts`) read and change it; tests read it to see what people see.
 */
export class SlackWorkspace {
  readonly botToken: string;
  readonly botUserId = 'U0HELPBOT';
  readonly teamId = 'T0HELPDESK';
  readonly calls: RecordedCall[] = [];
  readonly messages: PostedMessage[] = [];
  /** Slack's file service: uploads, shared files and their downloads (local-files.ts). */
  readonly files = new LocalFiles();
  readonly ephemerals: EphemeralMessage[] = [];
  readonly views = new Map<string, OpenView>();
  /** Every request whose payload Slack would have refused, with the reasons. */
  readonly rejections: { method: string; error: string; problems: string[] }[] = [];
  readonly users = new Map<string, LocalUser>();
  readonly channels = new Map<string, LocalChannel>();
  readonly triggers = new Map<string, Trigger>();
  /** Response URLs by their token, with whose screen each writes to. */
  readonly responseUrls = new Map<string, { user: string; channel: string | null; ephemeral?: EphemeralMessage }>();
  /** Numbers every ts, view id, hash and trigger id, so each is unique. */
  counter = 0;
  private readonly waiters = new Set<() => void>();
  private readonly changeListeners = new Set<() => void>();
  private lastSecond = 0;

  /** Benchmarks send requests the fake did not issue trigger ids for; they may accept any. */
  private readonly acceptAnyTrigger: boolean;
  /**
   * Whether the app's manifest turns on the Home tab (`features.app_home.home_tab_enabled`):
   * without it Slack answers `views.publish` of a home view with `not_enabled`.
   */
  homeTabEnabled: boolean;

  constructor(options: { botToken: string; acceptAnyTrigger?: boolean; homeTabEnabled?: boolean }) {
    this.botToken = options.botToken;
    this.acceptAnyTrigger = options.acceptAnyTrigger ?? false;
    this.homeTabEnabled = options.homeTabEnabled ?? false;
  }

  // ---- the people and channels ----------------------------------------------------------------

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

  /** The app's DM with a user, opened if it was not yet, as when the person clicks the app in the sidebar. */
  openDm(userId: string): string {
    return this.openIm(userId).id;
  }

  // ---- what people see ----------------------------------------------------------------------

  /** Top-level messages and thread replies in a channel, oldest first. */
  messagesIn(channel: string, threadTs?: string | null): PostedMessage[] {
    return this.messages.filter((message) => message.channel === channel && (threadTs === undefined || message.threadTs === threadTs));
  }

  ephemeralsFor(user: string): EphemeralMessage[] {
    return this.ephemerals.filter((message) => message.user === user);
  }

  /** The modal on top of a user's screen, if any. */
  currentView(user: string): OpenView | null {
    const open = [...this.views.values()].filter((view) => view.user === user && !view.closed && view.view.type === 'modal');
    return open.at(-1) ?? null;
  }

  /** The Home tab the app last published for a user, if any. */
  homeOf(userId: string): OpenView | null {
    return [...this.views.values()].filter((view) => view.user === userId && view.view.type === 'home').at(-1) ?? null;
  }

  /** The messages whose posting notified `who` (a user id, or `subteam:S…`), oldest first; edits notify nobody. */
  notificationsOf(who: string): PostedMessage[] {
    return this.messages.filter((message) => message.notifies?.includes(who));
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

  /** Calls on every change to what people see or to the calls recorded; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  // ---- keeping and forgetting -----------------------------------------------------------------

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

  // ---- for the Web API methods ----------------------------------------------------------------

  changed(): void {
    this.waiters.forEach((waiter) => waiter());
    this.changeListeners.forEach((listener) => listener());
  }

  fail(method: string, error: string, problems: string[] = []): Json {
    if (problems.length) this.rejections.push({ method, error, problems });
    return { ok: false, error, ...(problems.length ? { response_metadata: { messages: problems } } : {}) };
  }

  nextTs(): string {
    this.counter += 1;
    // Seconds of the wall clock, as Slack's are; the counter keeps every ts unique and ordered.
    this.lastSecond = Math.max(this.lastSecond, Math.floor(Date.now() / 1000));
    return `${this.lastSecond}.${String(this.counter).padStart(6, '0')}`;
  }

  resolveChannel(id: unknown): LocalChannel | null {
    if (typeof id !== 'string') return null;
    if (this.channels.has(id)) return this.channels.get(id) ?? null;
    // Posting to a user id posts to the app's DM with that user.
    if (this.users.has(id)) return this.openIm(id);
    return null;
  }

  openIm(userId: string): LocalChannel {
    const existing = this.dmChannelOf(userId);
    if (existing) return this.channels.get(existing) as LocalChannel;
    const channel: LocalChannel = { id: `D0${userId.slice(1)}`, name: userId, members: new Set([userId, this.botUserId]), isIm: true };
    this.channels.set(channel.id, channel);
    return channel;
  }

  useTrigger(method: string, triggerId: unknown): { user: string } | Json {
    const trigger = typeof triggerId === 'string' ? this.triggers.get(triggerId) : undefined;
    if (!trigger && this.acceptAnyTrigger) return { user: 'U0BENCH' };
    if (!trigger) return this.fail(method, 'invalid_trigger_id');
    if (trigger.used || Date.now() - trigger.issuedAt > TRIGGER_LIFETIME_MS) return this.fail(method, 'expired_trigger_id');
    trigger.used = true;
    return { user: trigger.user };
  }

  createView(user: string, view: Json): OpenView {
    const open: OpenView = { id: `V${String(++this.counter).padStart(8, '0')}`, user, view, hash: `h${this.counter}`, errors: {}, closed: false, entered: {} };
    this.views.set(open.id, open);
    return open;
  }

  viewJson(open: OpenView): Json {
    return { ...open.view, id: open.id, hash: open.hash, team_id: this.teamId, app_id: 'A0HELPDESK', bot_id: 'B0HELPBOT' };
  }

  /** One page of messages newer than `oldest`, as conversations.history and .replies answer; the cursor is an offset. */
  page(messages: PostedMessage[], args: Json): Json {
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
      ...(message.botId ? { bot_id: message.botId, ...(message.appId ? { app_id: message.appId } : {}) } : message.user === this.botUserId ? { bot_id: 'B0HELPBOT', app_id: 'A0HELPDESK' } : {}),
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
      ...(metadata && message.metadata ? { metadata: message.metadata } : {}),
      // Slack lists a message's blocks (with their block ids) and the files it shares.
      ...(message.blocks.length ? { blocks: message.blocks } : {}),
      ...(message.files?.length ? { files: message.files } : {}),
    }));
    const more = offset + limit < newer.length;
    return { ok: true, messages: page, has_more: more, response_metadata: { next_cursor: more ? String(offset + limit) : '' } };
  }
}
