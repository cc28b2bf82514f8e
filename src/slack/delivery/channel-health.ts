import type { WebClient } from '@slack/web-api';
import { ChannelProblem, isChannelProblem, slackErrorName } from './classify-slack-error';

/** A channel the help desk posts in, and why: a department's card channel or its escalation channel. */
export interface WatchedChannel {
  readonly channelId: string;
  readonly department: string;
  readonly role: 'department' | 'escalation';
}

/** A channel the app cannot post in, with what to do about it; what the health endpoint reports. */
export interface UnusableChannel {
  readonly channelId: string;
  /** `#name` as Slack gave it, or null when Slack does not show the channel to the app. */
  readonly name: string | null;
  readonly problem: ChannelProblem;
  readonly fix: string;
}

export interface ChannelHealthLog {
  info(...message: unknown[]): void;
  warn(...message: unknown[]): void;
}

const conversationInfo = (answer: unknown): { name?: string; is_archived?: boolean; is_member?: boolean } =>
  (answer as { channel?: { name?: string; is_archived?: boolean; is_member?: boolean } }).channel ?? {};

/**
 * What the app knows of the channels it must post in: each department channel and escalation
 * channel exists, is not archived, and has the app as a member. Checked with conversations.info
 * (scopes channels:read and groups:read; a private channel the app is not in answers
 * `channel_not_found`, as one that does not exist) at start-up, and learned from every refusal a
 * delivery meets and every `member_joined_channel` of the app. Holds state in memory only: each
 * instance checks for itself.
 */
export class ChannelHealth {
  private readonly unusable = new Map<string, UnusableChannel>();
  private readonly names = new Map<string, string>();
  private readonly workListeners = new Set<(channelId: string) => void>();

  /** `botName` is how people find the app to invite it (auth.test's `user`). */
  constructor(
    private readonly client: WebClient,
    private readonly botName: string,
    private readonly log: ChannelHealthLog,
  ) {}

  /** Checks every channel once (a channel named twice is asked about once); logs each problem at warn, with its fix. Never throws. */
  async check(channels: readonly WatchedChannel[]): Promise<void> {
    const unique = [...new Map(channels.map((channel) => [channel.channelId, channel])).values()];
    await Promise.all(unique.map((channel) => this.checkOne(channel)));
  }

  /** Asks Slack again about one channel; answers whether the app can post there now (null: Slack could not say). */
  async recheck(channelId: string): Promise<boolean | null> {
    return this.checkOne({ channelId, department: '', role: 'department' });
  }

  /** A delivery was refused by the channel: remembered, and logged at warn the first time. */
  refused(channelId: string, problem: ChannelProblem): void {
    if (this.unusable.get(channelId)?.problem === problem) return;
    const unusable = this.describe(channelId, problem);
    this.unusable.set(channelId, unusable);
    this.log.warn('the app cannot post in a help desk channel', { channel: channelId, name: unusable.name, problem, fix: unusable.fix });
  }

  /** The app posted in the channel, or joined it: usable. Answers whether it was unusable until now; if so, tells the listeners. */
  works(channelId: string): boolean {
    const was = this.unusable.delete(channelId);
    if (was) {
      this.log.info('a help desk channel works again', { channel: channelId });
      this.workListeners.forEach((listener) => listener(channelId));
    }
    return was;
  }

  /** Calls `listener` whenever an unusable channel is seen to work again. */
  onWorks(listener: (channelId: string) => void): void {
    this.workListeners.add(listener);
  }

  /** Asks Slack again about every unusable channel, every `intervalMs`; answers the stop. */
  watch(intervalMs: number): () => void {
    const timer = setInterval(() => {
      for (const { channelId } of this.unusableChannels()) void this.recheck(channelId);
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  isUnusable(channelId: string): boolean {
    return this.unusable.has(channelId);
  }

  /** The problem and fix of an unusable channel, or the fix of `problem` for one not known to be unusable yet. */
  describe(channelId: string, problem: ChannelProblem): UnusableChannel {
    const name = this.names.get(channelId) ?? null;
    return { channelId, name, problem, fix: this.fixFor(channelId, name, problem) };
  }

  /** The channels the app cannot post in, for the health endpoint. */
  unusableChannels(): UnusableChannel[] {
    return [...this.unusable.values()];
  }

  private fixFor(channelId: string, name: string | null, problem: ChannelProblem): string {
    const bot = `@${this.botName}`;
    const channel = name ? `#${name}` : channelId;
    switch (problem) {
      case 'not_in_channel':
        return `invite ${bot} to ${channel} (type /invite ${bot} in ${channel})`;
      case 'is_archived':
        return `unarchive ${channel}, or give the department another channel in the help desk configuration`;
      case 'channel_not_found':
        return `create the channel ${channelId} or correct it in the help desk configuration; if it is a private channel, invite ${bot} to it`;
    }
  }

  private async checkOne(channel: WatchedChannel): Promise<boolean | null> {
    let problem: ChannelProblem | null;
    try {
      const info = conversationInfo(await this.client.conversations.info({ channel: channel.channelId }));
      if (info.name) this.names.set(channel.channelId, info.name);
      problem = info.is_archived ? 'is_archived' : info.is_member === false ? 'not_in_channel' : null;
    } catch (error) {
      const name = slackErrorName(error);
      if (!isChannelProblem(name)) {
        // missing_scope (an app installed from an older manifest), Slack unreachable: unknown, not unusable.
        this.log.warn('could not check a help desk channel', { channel: channel.channelId, error: name });
        return null;
      }
      problem = name;
    }
    if (!problem) {
      this.works(channel.channelId);
      return true;
    }
    const unusable = this.describe(channel.channelId, problem);
    const known = this.unusable.get(channel.channelId)?.problem === problem;
    this.unusable.set(channel.channelId, unusable);
    if (known) return false;
    const whose = channel.department ? { department: channel.department, role: channel.role } : {};
    this.log.warn(`help desk channel unusable: ${unusable.fix}`, { channel: channel.channelId, name: unusable.name, problem, ...whose });
    return false;
  }
}

/** The channels of active departments: each card channel and each escalation channel. */
export const watchedChannels = (departments: readonly { name: string; channelId: string; escalationChannelId: string | null }[]): WatchedChannel[] =>
  departments.flatMap((department) => [
    { channelId: department.channelId, department: department.name, role: 'department' as const },
    ...(department.escalationChannelId ? [{ channelId: department.escalationChannelId, department: department.name, role: 'escalation' as const }] : []),
  ]);
