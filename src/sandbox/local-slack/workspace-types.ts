import { Json } from '../json';

/* The records the local Slack keeps: people, channels, messages, modals and the calls the app made. */

export interface LocalUser {
  readonly id: string;
  readonly name: string;
  readonly realName: string;
  /** What the person does here, shown beside their name in the sandbox (their Slack profile title). */
  readonly title?: string;
  /** An app's bot user (users.info `is_bot`): Slack's people pickers list them, but an app cannot open a DM with one. */
  readonly isBot?: boolean;
  /** A deactivated account (users.info `deleted: true`): still listed and mentionable, but no DM can be opened with it. */
  readonly deleted?: boolean;
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
  /** A thread reply also sent to the conversation (chat.postMessage `reply_broadcast`). */
  readonly broadcast?: boolean;
  /** The files shared with the message (a `file_share`), as Slack describes them (local-files.ts). */
  readonly files?: Json[];
  /** Who Slack notified when it was posted: user ids, and `subteam:S…` for a user group (see notification-rules.ts). */
  readonly notifies?: readonly string[];
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

/** What the local Slack keeps across restarts of the sandbox: the conversations, not the open modals. */
export interface LocalSlackSnapshot {
  readonly counter: number;
  readonly messages: PostedMessage[];
  readonly ephemerals: EphemeralMessage[];
  readonly ims: { id: string; user: string }[];
}
