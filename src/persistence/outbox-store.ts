import { EntityManager } from 'typeorm';
import type { Learned, OutboxStore, Settlement } from '../services/ports/outbox-store';
import type { OutboxMessageRow } from '../services/ports/records';
import { Database } from './database';
import { HistoryPostRepository } from './repositories/history-post.repository';
import { OutboxRepository } from './repositories/outbox.repository';
import { RequesterMessageRepository } from './repositories/requester-message.repository';
import { SatisfactionRepository } from './repositories/satisfaction.repository';
import { TicketRepository } from './repositories/ticket.repository';
import { TicketWatcherRepository } from './repositories/ticket-watcher.repository';
import { WriteBatch } from './write-batch';

/** Queues storing a fact a delivery learned into `batch`, by the repository whose row it is. */
const recordLearned = (manager: EntityManager, learned: Learned, batch: WriteBatch): void => {
  switch (learned.fact) {
    case 'card_posted':
      return new TicketRepository(manager).recordCardPosted(learned.ticketId, { cardChannelId: learned.channelId, cardTs: learned.ts }, batch);
    case 'requester_thread_started':
      return new TicketRepository(manager).recordRequesterThread(learned.ticketId, { requesterDmChannelId: learned.channelId, requesterDmTs: learned.ts }, learned.promptTs ?? null, batch);
    case 'prompt_posted':
      return new TicketRepository(manager).recordPromptPosted(learned.ticketId, learned.ts, batch);
    case 'prompt_settled':
      return new TicketRepository(manager).settlePrompt(learned.ticketId, learned.ts, batch);
    case 'history_posted':
      return new HistoryPostRepository(manager).recordPost(learned.post, batch);
    case 'relay_posted':
      return new RequesterMessageRepository(manager).recordRelay(learned.eventId, learned.relay, batch);
    case 'watcher_thread_started':
      return new TicketWatcherRepository(manager).recordThread(learned.ticketId, learned.userId, learned.channelId, learned.ts, batch);
    case 'satisfaction_question_posted':
      return new SatisfactionRepository(manager).recordQuestion(learned.ticketId, learned.channelId, learned.ts, batch);
  }
};

/** The row a learned fact changes: the writes of one batch must change different rows. */
const rowOf = (learned: Learned): string => {
  switch (learned.fact) {
    case 'history_posted':
      return `history ${learned.post.channelId} ${learned.post.threadTs}`;
    case 'relay_posted':
      return `relay ${learned.eventId}`;
    case 'watcher_thread_started':
      return `watcher ${learned.ticketId} ${learned.userId}`;
    case 'satisfaction_question_posted':
      return `satisfaction ${learned.ticketId}`;
    default:
      return `ticket ${learned.ticketId}`;
  }
};

/** The dispatcher's OutboxStore on the app's database. */
export class SqlOutboxStore implements OutboxStore {
  constructor(private readonly db: Database) {}

  readyIds(now: Date, limit: number): Promise<number[]> {
    return new OutboxRepository(this.db.manager).readyIds(now, limit);
  }

  releaseWaiting(waitingPrefix: string, now: Date): Promise<number> {
    return new OutboxRepository(this.db.manager).releaseWaiting(waitingPrefix, now);
  }

  /** One statement claims the whole batch, in a transaction of its own: on SQLite every transaction waits its turn. */
  claim(ids: readonly number[], now: Date, lockedUntil: Date): Promise<OutboxMessageRow[]> {
    return this.db.transaction((manager) => new OutboxRepository(manager).claim(ids, now, lockedUntil));
  }

  /**
   * One transaction for the whole batch (on SQLite every transaction waits its turn, so one per
   * message would queue behind the requests); the sent messages' marks and what they learned in
   * one WriteBatch, one statement on PostgreSQL. Two facts about one row (a card and a confirmation
   * of one ticket, delivered in one batch) cannot share that statement: the second runs after it.
   */
  settle(settlements: readonly Settlement[], queuedAt: Date): Promise<void> {
    return this.db.transaction(async (manager) => {
      const outbox = new OutboxRepository(manager);
      const sent = new Map<number, number[]>();
      const together = new WriteBatch(manager);
      const apart: Learned[] = [];
      const rows = new Set<string>();
      for (const settlement of settlements) {
        if (settlement.outcome === 'sent') {
          const at = settlement.at.getTime();
          sent.set(at, [...(sent.get(at) ?? []), settlement.id]);
          if (settlement.learned) {
            const row = rowOf(settlement.learned);
            if (rows.has(row)) apart.push(settlement.learned);
            else recordLearned(manager, settlement.learned, together);
            rows.add(row);
          }
        } else if (settlement.outcome === 'retry') {
          await outbox.retryLater(settlement.id, settlement.nextAttemptAt, settlement.error, settlement.attempts);
          if (settlement.notice) await outbox.enqueue([settlement.notice], queuedAt);
        } else {
          await outbox.markFailed(settlement.id, settlement.at, settlement.error);
          if (settlement.notice) await outbox.enqueue([settlement.notice], queuedAt);
        }
      }
      for (const [at, ids] of sent) outbox.markSent(ids, new Date(at), together);
      await together.run();
      for (const fact of apart) {
        const alone = new WriteBatch(manager);
        recordLearned(manager, fact, alone);
        await alone.run();
      }
    });
  }
}
