import { HistoryPost, RequesterMessage, SatisfactionRecord, TicketEventRow, TicketRelation, TicketRow, TicketWatcher } from './records';

/**
 * What the Slack gateway reads to render a message, and the one thing it keeps on the way (a
 * permalink, the same whether or not the message goes out). Persistence implements it
 * (SqlDeliveryReads).
 */
export interface DeliveryReads {
  ticketsByIds(ids: readonly number[]): Promise<TicketRow[]>;
  event(id: number): Promise<TicketEventRow | null>;
  /** A ticket's history, oldest first. */
  history(ticketId: number): Promise<TicketEventRow[]>;
  /** The requester message that became event `eventId`, if it is one. */
  requesterMessageOf(eventId: number): Promise<RequesterMessage | null>;
  /** Every message the requester wrote in the ticket's DM thread, each with its later events. */
  requesterMessagesOf(ticketId: number): Promise<RequesterMessage[]>;
  /** Whether the card-thread line of event `eventId` is still waiting to be posted. */
  isThreadLinePending(ticketId: number, eventId: number): Promise<boolean>;
  /** Whether the ticket's transferred history (a `thread_history` message) is still waiting to be posted. */
  isHistoryPending(ticketId: number): Promise<boolean>;
  /** Whether the requester's confirmation of the ticket was given up for good (its conversation, if any, was then started by a later message). */
  isConfirmationGivenUp(ticketId: number): Promise<boolean>;
  /** The history posted at the top of the card thread `channelId`/`threadTs`, if any. */
  historyPost(channelId: string, threadTs: string): Promise<HistoryPost | null>;
  /** The ticket's watcher `userId` and where their conversation is; null when they do not watch it (any more). */
  watcher(ticketId: number, userId: string): Promise<TicketWatcher | null>;
  /** The tickets related to a ticket (merged into it, merged from it, linked), by number. */
  relationsOf(ticketId: number): Promise<TicketRelation[]>;
  /** The ticket's How did we do? and its answer, if its requester was asked. */
  satisfactionOf(ticketId: number): Promise<SatisfactionRecord | null>;
  /** Stores the link to the message a ticket was filed from. */
  rememberPermalink(ticketId: number, permalink: string): Promise<void>;
}
