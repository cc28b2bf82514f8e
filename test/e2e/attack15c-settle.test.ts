import { SqlOutboxStore } from '../../src/persistence/outbox-store';
import { HistoryPostRepository } from '../../src/persistence/repositories/history-post.repository';
import type { Learned, Settlement } from '../../src/services/ports/outbox-store';
import { channels, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { karenTicketSubmission } from '../support/ticket-submission';

/**
 * Settling a batch of deliveries stores their sent marks and what they learned in one WriteBatch
 * (one statement on PostgreSQL, where two parts changing one row are undefined): several facts
 * about one row in one batch, facts about rows that are gone, on both databases.
 */
describe('attack15c: settling deliveries that learned facts about the same rows', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('keeps every fact, in delivery order, when one batch learns four facts about one ticket, two about one history and one about a watcher that is gone', async () => {
    const ticket = await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    const sent = (id: number, learned: Learned): Settlement => ({ outcome: 'sent', id, at: new Date('2026-11-30T14:05:00Z'), learned });
    const history = (ts: string) => ({ channelId: channels.support, threadTs: '1700000000.000100', ticketId: ticket.id, upToEventId: 7, ts: [ts] });
    await new SqlOutboxStore(harness.helpdesk.db).settle(
      [
        sent(900001, { fact: 'card_posted', ticketId: ticket.id, channelId: channels.support, ts: '1800000000.000001' }),
        sent(900002, { fact: 'requester_thread_started', ticketId: ticket.id, channelId: 'D0KAREN', ts: '1800000000.000002', promptTs: '1800000000.000003' }),
        sent(900003, { fact: 'prompt_settled', ticketId: ticket.id, ts: '1800000000.000003' }),
        sent(900004, { fact: 'prompt_posted', ticketId: ticket.id, ts: '1800000000.000004' }),
        sent(900005, { fact: 'history_posted', post: history('1800000000.000005') }),
        sent(900006, { fact: 'history_posted', post: history('1800000000.000006') }),
        sent(900007, { fact: 'watcher_thread_started', ticketId: ticket.id, userId: people.ken.id, channelId: 'D0KEN', ts: '1800000000.000007' }),
        sent(900008, { fact: 'satisfaction_question_posted', ticketId: 424242, channelId: 'D0KAREN', ts: '1800000000.000008' }),
      ],
      new Date(),
    );
    expect(await scenes.ticket(ticket.number)).toMatchObject({
      cardChannelId: channels.support,
      cardTs: '1800000000.000001',
      requesterDmChannelId: 'D0KAREN',
      requesterDmTs: '1800000000.000002',
      requesterPromptTs: '1800000000.000004',
    });
    expect((await new HistoryPostRepository(harness.helpdesk.db.manager).find(channels.support, '1700000000.000100'))?.ts).toEqual(['1800000000.000006']);
  });

  it('stores the card and the confirmation of each of many tickets delivered in the same batches', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, index) => harness.requests.interaction(karenTicketSubmission(harness.slack, `VSETTLE${index}`, `Branch ${index} cannot print statements`))),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    await harness.settleHomes();
    for (let number = 1001; number <= 1012; number += 1) {
      const ticket = await scenes.ticket(number);
      expect(ticket.cardTs).not.toBeNull();
      expect(ticket.requesterDmTs).not.toBeNull();
      expect(harness.slack.messagesIn(channels.support, null).filter((message) => message.ts === ticket.cardTs && message.text.startsWith(`#${number} `))).toHaveLength(1);
    }
    expect(harness.slack.rejections).toEqual([]);
  });
});
