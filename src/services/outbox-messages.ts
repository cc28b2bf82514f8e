import { z } from 'zod';
import { attachedFileSchema } from './attachments';
import { managerDigestSchema } from './manager-digest';

const ticketId = z.number().int();
const eventId = z.number().int();

/**
 * What a committed change owes Slack. Messages carry references, not rendered text:
 * the dispatcher renders from the database when it sends, so a card always shows the latest state.
 */
export const outboxMessageSchema = z.discriminatedUnion('kind', [
  /**
   * Posts the ticket card in its department's channel (on creation, and again after a transfer).
   * `page`: who a new high or emergency ticket mentions on it, the department's configured
   * mentions (`notify:`) or its agents; absent for a card that pages nobody.
   */
  z.object({
    kind: z.literal('post_ticket_card'),
    ticketId,
    page: z.union([z.object({ configured: z.string() }), z.object({ agentIds: z.array(z.string()) })]).optional(),
  }),
  /** The first DM to the requester, which opens their conversation about the ticket. */
  z.object({ kind: z.literal('confirm_to_requester'), ticketId }),
  /** Redraws the card in place; pending redraws of one ticket are coalesced. */
  z.object({ kind: z.literal('update_ticket_card'), ticketId }),
  /** Turns a card left behind by a transfer into a compact "Transferred to …" note. */
  z.object({ kind: z.literal('retire_ticket_card'), ticketId, channelId: z.string(), ts: z.string(), toDepartmentId: z.number().int() }),
  /** The history so far, at the top of a transferred ticket's new card thread. */
  z.object({ kind: z.literal('thread_history'), ticketId }),
  /**
   * In the card thread of the ticket a duplicate was merged into: who merged which ticket (the
   * `merged_from` event `eventId`), and the duplicate's history so far.
   */
  z.object({ kind: z.literal('merge_history'), ticketId, eventId }),
  /** One line in the card's thread saying who did what. */
  z.object({ kind: z.literal('thread_line'), ticketId, eventId }),
  /**
   * Brings the card-thread copy of a requester message (the requester_messaged event `eventId`) to
   * the message's current state: its latest wording, marked edited, or a note that it was deleted.
   */
  z.object({ kind: z.literal('refresh_relay'), ticketId, eventId }),
  /** Renders a transferred ticket's history (posted in the card thread `threadTs`) again: a message in it was deleted. */
  z.object({ kind: z.literal('refresh_history'), ticketId, channelId: z.string(), threadTs: z.string() }),
  /** The app's answer to a requester's DM message that it did not relay: where to write, or why not. */
  z.object({
    kind: z.literal('event_answer'),
    ticketId: ticketId.nullable(),
    channelId: z.string(),
    threadTs: z.string(),
    answer: z.enum(['where_to_write', 'not_passed_on', 'refused']),
    /** For `refused`: the refusal, as the requester reads it. */
    detail: z.string().optional(),
  }),
  /** An update in the requester's ticket DM thread. */
  z.object({ kind: z.literal('requester_update'), ticketId, eventId }),
  /**
   * An update in watcher `userId`'s own ticket conversation: what the requester hears (never an
   * internal note, never the requester's buttons), and their being added (which starts the
   * conversation) or removed.
   */
  z.object({ kind: z.literal('watcher_update'), ticketId, eventId, userId: z.string() }),
  /** Copies the files that came with event `eventId` (a requester's or watcher's message) into the card thread. */
  z.object({ kind: z.literal('copy_files_to_card'), ticketId, eventId, files: z.array(attachedFileSchema) }),
  /** Copies the files that came with event `eventId` (an agent's reply) into the requester's ticket thread. */
  z.object({ kind: z.literal('copy_files_to_requester'), ticketId, eventId, files: z.array(attachedFileSchema) }),
  /** Copies the files that came with event `eventId` (an agent's reply) into watcher `userId`'s own ticket thread: a watcher hears what the requester hears. */
  z.object({ kind: z.literal('copy_files_to_watcher'), ticketId, eventId, userId: z.string(), files: z.array(attachedFileSchema) }),
  /**
   * Redraws the requester's top-level ticket DM (the confirmation their thread hangs from) with the
   * ticket's current status, department, assignee and due time; pending ones are coalesced.
   */
  z.object({ kind: z.literal('requester_summary'), ticketId }),
  /**
   * One DM to the ticket's assignee (whoever it is when sent) about what the requester wrote since
   * event `sinceEventId`: one pending per ticket, so a burst of messages becomes one DM.
   */
  z.object({ kind: z.literal('assignee_digest'), ticketId, sinceEventId: eventId }),
  /** A DM to one agent or manager: a new assignment, an escalation alert. */
  z.object({ kind: z.literal('staff_dm'), ticketId, eventId, userId: z.string() }),
  /**
   * A top-level alert in a channel. `template` names how it reads: `department_alert` for the
   * department's own channel (a transfer in, an SLA warning or breach, mentioning its staff),
   * `staff_alert` for an escalation channel (as the managers' DMs read). Messages queued before
   * templates were named carry none: the gateway then picks as it used to, by channel.
   */
  z.object({ kind: z.literal('channel_alert'), ticketId, eventId, channelId: z.string(), template: z.enum(['department_alert', 'staff_alert']).optional() }),
  /**
   * Replaces the requester's prompt ("That fixed it / Still broken", or "Reopen") with what they
   * chose: the prompt the app stored when it posted it (tickets.requester_prompt_ts). A location
   * in an older payload is ignored.
   */
  z.object({ kind: z.literal('settle_requester_prompt'), ticketId, eventId }),
  /**
   * Tells the ticket's department that a message could not be delivered, and why. With `channelId`,
   * that channel refused the app: the department's managers and agents are told by DM, with the fix.
   */
  z.object({ kind: z.literal('delivery_failed'), ticketId, failedKind: z.string(), error: z.string(), channelId: z.string().optional() }),
  /** One message for a storm of SLA breaches in a department, to its channel or to one manager. */
  z.object({
    kind: z.literal('breach_summary'),
    ticketId: z.null(),
    departmentId: z.number().int(),
    ticketIds: z.array(ticketId),
    channelId: z.string().nullable(),
    userId: z.string().nullable(),
    /** Set for a burst of open tickets nobody touched for that long (the follow-up sweep's nudges), instead of breaches. */
    idleSeconds: z.number().int().positive().optional(),
    /**
     * Set for a burst of follow-ups in one sweep (FOLLOW_UP_BURST_THRESHOLD), instead of breaches:
     * which of `ticketIds` were closed automatically, resolved for no answer, or reminded.
     */
    followUps: z.object({ closed: z.array(ticketId), resolved: z.array(ticketId), reminded: z.array(ticketId) }).optional(),
  }),
  /**
   * Publishes a person's App Home afresh (views.publish), rendered when sent. At most one waits per
   * person: a burst of changes is one publish (see home-refresh.ts).
   */
  z.object({ kind: z.literal('publish_home'), ticketId: z.null(), userId: z.string() }),
  /** Asks the requester How did we do? in their ticket DM thread: five choices, an optional comment (issue 18). */
  z.object({ kind: z.literal('satisfaction_question'), ticketId }),
  /** Replaces the How did we do? question with the requester's answer (event `eventId`, satisfaction_rated). */
  z.object({ kind: z.literal('settle_satisfaction_question'), ticketId, eventId }),
  /** The managers' digest or report, as figured when it was queued, to one manager by DM (see manager-digest.service.ts). */
  z.object({ kind: z.literal('manager_digest'), ticketId: z.null(), userId: z.string(), digest: managerDigestSchema }),
]);

export type OutboxMessage = z.infer<typeof outboxMessageSchema>;
export type OutboxKind = OutboxMessage['kind'];

/** A message as queued, to be sent as soon as it can. */
export const toOutboxRow = (message: OutboxMessage) => ({
  ticketId: message.ticketId,
  kind: message.kind,
  payload: message,
});

/** A message as queued, held back `delayMs` after it is queued (a digest gathering a burst). */
export const toDelayedOutboxRow = (message: OutboxMessage, delayMs: number) => ({ ...toOutboxRow(message), ...(delayMs > 0 ? { delayMs } : {}) });
