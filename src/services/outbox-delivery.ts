/** The contract between the outbox dispatcher and the Slack gateway that delivers one message. */
import { Pace } from './outbox-pacing';
import { Learned } from './ports/outbox-store';
import { OutboxMessage } from './outbox-messages';

/**
 * What the Slack gateway found when it delivered a message: facts only. The dispatcher decides
 * what follows (another attempt when, giving up, telling the department) and records it.
 */
export type DeliveryOutcome =
  /** Slack has it; `learned` is what the help desk must remember of it (where a card was posted, say). */
  | { readonly status: 'sent'; readonly learned?: Learned }
  /** A transient error (rate limit, time-out, Slack down): `retryAfterMs` when Slack said how long to wait. */
  | { readonly status: 'retry'; readonly error: string; readonly retryAfterMs?: number; readonly ticketNumber?: number }
  /** A permanent error (Slack refuses this message for good, or there is nothing to deliver it to). */
  | { readonly status: 'failed'; readonly error: string; readonly ticketNumber?: number }
  /**
   * The channel the message is for refuses the app (`not_in_channel`, `channel_not_found`,
   * `is_archived`): nothing is wrong with the message, so it waits for the channel to be fixed,
   * retried on a slow schedule and at once when the channel is seen to work (`channelWorks`). It is
   * never given up for it. The first time, the department's people are told (a `delivery_failed`).
   */
  | { readonly status: 'blocked'; readonly error: string; readonly channelId: string; readonly ticketNumber?: number }
  /**
   * Not tried: a Web API call of the delivery must wait for its slot under Slack's rate limits until
   * `until` (a PacingDeferral). Sent again then; no failed attempt. `posted` (set by the dispatcher):
   * whether the delivery had posted something first, so its retry must read back.
   */
  | { readonly status: 'paced'; readonly until: Date; readonly ticketNumber?: number; readonly posted?: boolean };

/** Which delivery of which outbox message this is: a retry may find an earlier attempt already reached Slack. */
export interface DeliveryAttempt {
  readonly outboxId: number;
  readonly attempt: number;
  readonly queuedAt: Date;
  /** The messages claimed together with this one, so a delivery can read what they all need at once. */
  readonly batch: DeliveryBatch;
  /**
   * To be awaited before each Web API call of the delivery, naming the method and, for methods
   * Slack limits per channel or person, the target: resolves when the call may go under Slack's
   * rate limits, or throws a PacingDeferral (let it through, or answer a `paced` outcome).
   */
  readonly pace: Pace;
}

/** One object per claimed batch. */
export interface DeliveryBatch {
  /** The tickets the batch's messages are about; a batch holds at most one message per ticket and lane (see outbox-lanes.ts). */
  readonly ticketIds: readonly number[];
}

/** Renders and sends one message (the Slack gateway); answers facts only, and the dispatcher decides what follows. */
export type Deliver = (message: OutboxMessage, attempt: DeliveryAttempt) => Promise<DeliveryOutcome>;
