import { EntityManager } from 'typeorm';
import type { Learned, OutboxStore, Settlement } from '../services/ports/outbox-store';
import type { OutboxMessageRow } from '../services/ports/records';
import { Database } from './database';
import { historyPostUpsert } from './repositories/history-post.repository';
import { outboxSentUpdate, OutboxRepository } from './repositories/outbox.repository';
import { relayUpdate } from './repositories/requester-message.repository';
import { satisfactionQuestionUpdate } from './repositories/satisfaction.repository';
import { promptSettledUpdate, ticketLocationUpdate } from './repositories/ticket.repository';
import { watcherThreadUpdate } from './repositories/ticket-watcher.repository';
import { runTogether, Statement } from './row-codec';

/** The statement that stores a fact a delivery learned. */
const learnedUpdate = (manager: EntityManager, learned: Learned): Statement => {
  switch (learned.fact) {
    case 'card_posted':
      return ticketLocationUpdate(manager, learned.ticketId, { cardChannelId: learned.channelId, cardTs: learned.ts });
    case 'requester_thread_started':
      return ticketLocationUpdate(manager, learned.ticketId, {
        requesterDmChannelId: learned.channelId,
        requesterDmTs: learned.ts,
        ...(learned.promptTs ? { requesterPromptTs: learned.promptTs } : {}),
      });
    case 'prompt_posted':
      return ticketLocationUpdate(manager, learned.ticketId, { requesterPromptTs: learned.ts });
    case 'prompt_settled':
      return promptSettledUpdate(manager, learned.ticketId, learned.ts);
    case 'history_posted':
      return historyPostUpsert(learned.post);
    case 'relay_posted':
      return relayUpdate(learned.eventId, learned.relay);
    case 'watcher_thread_started':
      return watcherThreadUpdate(learned.ticketId, learned.userId, learned.channelId, learned.ts);
    case 'satisfaction_question_posted':
      return satisfactionQuestionUpdate(learned.ticketId, learned.channelId, learned.ts);
  }
};

/** The row a learned fact changes: statements run together must change different rows. */
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
   * one statement on PostgreSQL. Two facts about one row (a card and a confirmation of one ticket,
   * delivered in one batch) cannot share that statement: the second runs after it.
   */
  settle(settlements: readonly Settlement[], queuedAt: Date): Promise<void> {
    return this.db.transaction(async (manager) => {
      const outbox = new OutboxRepository(manager);
      const sent = new Map<number, number[]>();
      const learned: Statement[] = [];
      const apart: Statement[] = [];
      const rows = new Set<string>();
      for (const settlement of settlements) {
        if (settlement.outcome === 'sent') {
          const at = settlement.at.getTime();
          sent.set(at, [...(sent.get(at) ?? []), settlement.id]);
          if (settlement.learned) {
            const row = rowOf(settlement.learned);
            (rows.has(row) ? apart : learned).push(learnedUpdate(manager, settlement.learned));
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
      const marks = [...sent].map(([at, ids]) => outboxSentUpdate(manager, ids, new Date(at)));
      if (marks.length > 0 || learned.length > 0) await runTogether(manager, [...learned, ...marks]);
      for (const statement of apart) await runTogether(manager, [statement]);
    });
  }
}
