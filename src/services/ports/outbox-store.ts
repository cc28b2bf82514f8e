import { HistoryPost, OutboxMessageRow, RelayLocation } from './records';
import { NewOutboxMessage } from './ticket-store';

/**
 * The outbox as the dispatcher sees it: which messages are ready, leases on them, and what became
 * of each delivery. Persistence implements it (SqlOutboxStore); which messages
 * wait for which (a ticket's lanes) is decided by `readyIds`.
 */
export interface OutboxStore {
  /** Ids of up to `limit` messages ready to send at `now`, oldest first; a message waits while an earlier one of its ticket's lane is pending. */
  readyIds(now: Date, limit: number): Promise<number[]>;
  /** Leases the messages `ids` that are still unclaimed (or whose lease ran out) until `lockedUntil`, counting an attempt; answers those this call got, by id. */
  claim(ids: readonly number[], now: Date, lockedUntil: Date): Promise<OutboxMessageRow[]>;
  /** Makes the messages waiting for a channel (their last error starts with `waitingPrefix`) ready at `now`; answers how many. */
  releaseWaiting(waitingPrefix: string, now: Date): Promise<number>;
  /** Stores what became of claimed messages, all in one transaction: all of it, or (on an error) none of it; notices are queued at `queuedAt` (the wall clock). */
  settle(settlements: readonly Settlement[], queuedAt: Date): Promise<void>;
}

/** What became of one claimed message, as the dispatcher decided it. */
export type Settlement =
  /** Delivered at `at`; `learned` is stored with the mark (where Slack put what was posted). */
  | { readonly outcome: 'sent'; readonly id: number; readonly at: Date; readonly learned?: Learned }
  /**
   * Not delivered this time: tried again from `nextAttemptAt`. `attempts` resets the count (a wait
   * for a channel is no failed attempt); `notice` (a `delivery_failed`) is queued with it, if any.
   */
  | { readonly outcome: 'retry'; readonly id: number; readonly nextAttemptAt: Date; readonly error: string; readonly attempts?: number; readonly notice?: NewOutboxMessage | null }
  /** Given up at `at`; `notice` (a `delivery_failed`) is queued in the same transaction, if any. */
  | { readonly outcome: 'failed'; readonly id: number; readonly at: Date; readonly error: string; readonly notice: NewOutboxMessage | null };

/** A fact a delivery learned from Slack that the help desk must remember. */
export type Learned =
  /** The ticket's card was posted at `channelId`/`ts`. */
  | { readonly fact: 'card_posted'; readonly ticketId: number; readonly channelId: string; readonly ts: string }
  /** The requester's ticket conversation starts at `channelId`/`ts` (the confirmation DM, or the first update when that was refused); `promptTs` when that message is a prompt. */
  | { readonly fact: 'requester_thread_started'; readonly ticketId: number; readonly channelId: string; readonly ts: string; readonly promptTs?: string }
  /** The requester's latest prompt (That fixed it / Still broken, Reopen) was posted at `ts`. */
  | { readonly fact: 'prompt_posted'; readonly ticketId: number; readonly ts: string }
  /** The prompt at `ts` was replaced by its outcome: it is no longer the one an answer may edit. */
  | { readonly fact: 'prompt_settled'; readonly ticketId: number; readonly ts: string }
  /** A transferred ticket's history was posted (or re-posted) in a card thread. */
  | { readonly fact: 'history_posted'; readonly post: HistoryPost }
  /** The requester message that became event `eventId` is relayed in the card thread at `relay`. */
  | { readonly fact: 'relay_posted'; readonly eventId: number; readonly relay: RelayLocation }
  /** A watcher's ticket conversation starts at `channelId`/`ts`, in their DM with the app. */
  | { readonly fact: 'watcher_thread_started'; readonly ticketId: number; readonly userId: string; readonly channelId: string; readonly ts: string }
  /** Where the ticket's How did we do? question was posted in the requester's DM: the message its answer settles. */
  | { readonly fact: 'satisfaction_question_posted'; readonly ticketId: number; readonly channelId: string; readonly ts: string };
