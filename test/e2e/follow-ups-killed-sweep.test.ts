import { SqlTicketStore } from '../../src/persistence/ticket-store';
import { FollowUpSweepService } from '../../src/services/follow-up-sweep.service';
import { TicketStore } from '../../src/services/ports/ticket-store';
import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';

/** Support closes resolved tickets after 3 days, resolves silent waiting ones after 5 (the defaults), and nudges about open tickets nobody touched for 2 hours. */
const CONFIG = DEMO_CONFIG.replace('    sla: Default\n', '    sla: Default\n    remind_assignee_after: 2h\n');
const START = Date.parse('2026-11-23T14:00:00Z');
const DAY = 86_400_000;

/**
 * The app's own store, except that the process dies during transaction number `dieAt` (counted
 * from 1): its work runs, then it never commits, and no later transaction starts.
 */
const storeKilledDuring = (store: TicketStore, dieAt: number): TicketStore => {
  let started = 0;
  return {
    direct: store.direct,
    fileTicket: (filing, queuedAt) => store.fileTicket(filing, queuedAt),
    transaction: (work) => {
      started += 1;
      if (started > dieAt) return Promise.reject(new Error('process killed'));
      if (started < dieAt) return store.transaction(work);
      return store.transaction(async (unit) => {
        await work(unit);
        throw new Error('process killed');
      });
    },
  };
};

describe('a follow-up sweep killed in the middle of a burst', () => {
  let harness: Harness;
  let scenes: Scenes;
  let now: Date;
  const john = people.john.id;
  const requesters = [people.karen.id, people.michael.id, people.ken.id];

  beforeEach(async () => {
    now = new Date(START);
    harness = await startHarness({ config: CONFIG, clock: () => now });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  const inSupport = (since: number, text: string) =>
    harness.slack
      .messagesIn('C0SUPPORT', null)
      .slice(since)
      .map((message) => visibleText(message as never))
      .filter((shown) => shown.includes(text));

  it('has announced every step it committed once, and the restarted sweep announces the rest once', async () => {
    // Two open tickets nobody takes (#1001, #1002), twelve resolved (#1003-#1014), eight waiting on their requesters (#1015-#1022).
    await scenes.fileTicket(people.karen.id, 'Report a Problem', 'Entire mobile online banking is down');
    await scenes.fileTicket(people.ken.id, 'Report a Problem', 'ATMs offline in the north branch');
    for (let index = 0; index < 20; index += 1) {
      const number = 1003 + index;
      await scenes.fileTicket(requesters[index % 3] ?? '', 'Report a Problem', `Branch ${index + 1} cannot print statements`);
      if (index < 12) await scenes.clickAndSubmit(john, await scenes.card(number), 'Resolve', { Resolution: 'Reinstalled the printer driver' });
      else await scenes.clickAndSubmit(john, await scenes.card(number), 'Reply to requester', { 'Message to the requester': 'Which printer model is it?' });
    }
    await harness.settle();
    const topLevelBefore = harness.slack.messagesIn('C0SUPPORT', null).length;

    // A week later the sweep takes Support's steps five tickets a transaction, and the process dies during the third.
    now = new Date(START + 8 * DAY);
    const killed = new FollowUpSweepService(
      storeKilledDuring(new SqlTicketStore(harness.helpdesk.db), 3),
      harness.helpdesk.catalog,
      () => now,
      () => new Date(),
      () => undefined,
      500,
      5,
    );
    await expect(killed.tick()).rejects.toThrow('process killed');
    await harness.settle();
    // The two committed chunks announced themselves: both nudges, and one summary each.
    expect(inSupport(topLevelBefore, 'has had nobody on it for')).toHaveLength(2);
    const summariesBeforeRestart = inSupport(topLevelBefore, ':broom: *Follow-ups*');
    expect(summariesBeforeRestart).toHaveLength(2);
    // They may arrive in either order; together they tell of #1003 to #1010, each once.
    for (let number = 1003; number <= 1010; number += 1) expect(summariesBeforeRestart.filter((summary) => summary.includes(`*#${number}* `))).toHaveLength(1);
    expect(summariesBeforeRestart.join('\n')).not.toContain('*#1011*');
    expect((await scenes.ticket(1011)).status).toBe('resolved');

    // After the restart, the next sweep takes what the dead one left, and announces it once.
    expect(await harness.helpdesk.followUpSweep.tick()).toMatchObject({ closed: 4, resolved: 8, nudged: 0 });
    await harness.settle();
    const summaries = inSupport(topLevelBefore, ':broom: *Follow-ups*');
    expect(summaries).toHaveLength(3);
    expect(summaries.filter((summary) => summary.includes('the help desk followed up 12 Support tickets at once.'))).toHaveLength(1);
    for (let number = 1003; number <= 1022; number += 1) {
      expect(summaries.filter((summary) => summary.includes(`*#${number}* `))).toHaveLength(1);
      expect((await scenes.ticket(number)).status).toBe(number <= 1014 ? 'closed' : 'resolved');
    }
    for (let number = 1003; number <= 1014; number += 1) {
      expect((await scenes.requesterThread(number)).filter((message) => visibleText(message).includes(`Your ticket #${number} was closed automatically`))).toHaveLength(1);
    }
    expect(inSupport(topLevelBefore, 'has had nobody on it for')).toHaveLength(2);

    // Nothing is left to announce.
    expect(await harness.helpdesk.followUpSweep.tick()).toMatchObject({ closed: 0, resolved: 0, reminded: 0, nudged: 0 });
    await harness.settle();
    expect(inSupport(topLevelBefore, ':broom: *Follow-ups*')).toHaveLength(3);
    expect(harness.slack.rejections).toEqual([]);
  }, 180_000);
});
