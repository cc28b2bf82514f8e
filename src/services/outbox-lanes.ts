/**
 * Which of a ticket's outbox messages must wait for which. A ticket's messages travel in lanes;
 * a message waits only for the earlier messages of its own ticket **and lane** that are still
 * pending (neither sent nor given up). Messages of other lanes, and of other tickets, pass it.
 *
 * - `card`: the card and its thread (post, redraw, retire, history, thread lines). The card must
 *   exist before it is redrawn or threaded under, and thread lines keep the order they happened in.
 * - `requester`: the requester's DM thread (confirmation, updates, settled prompts, the redrawn
 *   confirmation). Updates are replies in the confirmation's thread, so the confirmation goes first.
 *   Watchers' updates ride it too: a watcher's first message starts their thread.
 * - `unordered`: failure notices and breach summaries wait for nothing. Staff DMs and channel
 *   alerts and the assignee's digest (`AFTER_CARD_KINDS`) carry a link to the card, so they wait for one thing only: an
 *   earlier post of the ticket's card (after a transfer, the new card) that is still pending,
 *   unless that card waits for its channel to be fixed, which may take hours.
 *
 * So a card redraw that Slack refuses or that is backing off holds up only later card-lane
 * messages of that ticket (for as long as its backoff, or until it is given up), never a reply to
 * the requester, and never another ticket. Kinds not listed (a future kind) ride the card lane.
 */
export type OutboxLane = 'card' | 'requester' | 'unordered';

/** The kinds of the requester lane: the requester's DM thread. */
export const REQUESTER_LANE_KINDS = [
  'confirm_to_requester',
  'requester_update',
  'settle_requester_prompt',
  'requester_summary',
  'watcher_update',
  'copy_files_to_requester',
  'copy_files_to_watcher',
  'satisfaction_question',
  'settle_satisfaction_question',
] as const;
/** The kinds that wait for no earlier message of their ticket (but see `AFTER_CARD_KINDS`). */
export const UNORDERED_KINDS = ['staff_dm', 'channel_alert', 'delivery_failed', 'breach_summary', 'assignee_digest', 'manager_digest'] as const;
/** Unordered kinds that link to the card, so they wait for a pending post of it. */
export const AFTER_CARD_KINDS = ['staff_dm', 'channel_alert', 'assignee_digest'] as const;

/** How the last error of a message waiting for its channel to be fixed begins (see the dispatcher's `blocked` outcome). */
export const WAITING_FOR_CHANNEL = 'waiting for channel ';

/** The lane of a message kind; a kind listed nowhere rides the card lane. */
export const laneOf = (kind: string): OutboxLane =>
  (REQUESTER_LANE_KINDS as readonly string[]).includes(kind) ? 'requester' : (UNORDERED_KINDS as readonly string[]).includes(kind) ? 'unordered' : 'card';

/**
 * Kinds whose message renders the latest state when it is sent (a card redraw, the requester's
 * summary, the assignee's digest of a burst of requester messages, an App Home refresh), so one
 * still waiting to be sent serves any number queued after it: the outbox drops a new message of
 * these kinds while one of the same kind waits unclaimed (queued, backing off, delayed, or
 * deferred by pacing to its slot under Slack's rate limits) for the same ticket, or, for a message
 * of no ticket, with the same payload. Under pressure, several pending redraws of one card become
 * one chat.update.
 */
export const COALESCABLE_KINDS: readonly string[] = ['update_ticket_card', 'requester_summary', 'assignee_digest', 'publish_home'];
