import fc from 'fast-check';
import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';

const karen = people.karen.id;
/** Who can transfer the ticket out of each department: an agent there. */
const agentIn: Record<string, string> = { C0SUPPORT: people.john.id, C0SYSADM: people.jerry.id };
const otherDepartment: Record<string, string> = { C0SUPPORT: 'Sys Admins', C0SYSADM: 'Support' };

type Json = Record<string, unknown>;

/**
 * A requester message, its edits and maybe its deletion, delivered by Slack in any order and any
 * number of times (retries, late originals), with the ticket transferred at a random point or not
 * at all: every card thread (where it was relayed, and the history a transfer posts) always ends
 * showing the message as it last read, or nothing of it once deleted, and a deleted message's words
 * are nowhere in the database.
 */
describe('requester edits and deletions in any order and any number of deliveries', () => {
  let harness: Harness;
  let scenes: Scenes;
  let run = 0;
  beforeAll(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
    await scenes.fileTicket(karen, 'Report a Problem', 'Entire mobile online banking is down');
  });
  afterAll(async () => {
    await harness.stop();
  });

  const everyRow = async (): Promise<string> => {
    const db = harness.helpdesk.db;
    const tables: { name: string }[] = db.isSqlite
      ? await db.manager.query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
      : await db.manager.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`);
    const dumps: string[] = [];
    for (const { name } of tables) dumps.push(JSON.stringify(await db.manager.query(`SELECT * FROM "${name}"`)));
    return dumps.join('\n');
  };

  it('ends showing the latest words, or none of them once deleted', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 5, maxLength: 5 }),
        fc.array(fc.integer(), { minLength: 5, maxLength: 5 }),
        fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
        async (editCount, deleted, deliveries, orderKeys, transferAt) => {
          run += 1;
          const version = (index: number) => `run${run} version${index} of the message`;
          const ticket = await scenes.ticket(1001);
          const channel = ticket.requesterDmChannelId ?? '';
          const message = harness.slack.postAsUser(channel, karen, version(0), ticket.requesterDmTs);
          const events: Json[] = [{ type: 'message', channel, channel_type: 'im', user: karen, text: message.text, ts: message.ts, thread_ts: message.threadTs }];
          for (let index = 1; index <= editCount; index += 1) events.push(harness.slack.editAsUser(message, version(index)));
          if (deleted) events.push(harness.slack.deleteAsUser(message));
          const order = events.map((event, index) => ({ event, key: orderKeys[index] ?? 0, index })).sort((a, b) => a.key - b.key || a.index - b.index);
          const cards = [await scenes.card(1001)];
          const transfer = async () => {
            await harness.settle();
            const card = cards.at(-1);
            if (!card) throw new Error('no card');
            const reason = `run${run} transfer`;
            await scenes.clickAndSubmit(agentIn[card.channel] ?? '', card, 'Transfer', { 'Transfer to': otherDepartment[card.channel] ?? '', Reason: reason });
            cards.push(await scenes.card(1001));
          };
          for (const [position, { event, index }] of order.entries()) {
            if (position === transferAt) await transfer();
            await harness.requests.deliverEvent(event, deliveries[index] ?? 1);
          }
          if (transferAt !== null && transferAt >= order.length) await transfer();
          await harness.settle();

          // Each line that quotes the message, in every card thread of this run (a history summary is one message).
          const quoting = cards.flatMap((card) => scenes.thread(card).flatMap((text) => text.split('\n'))).filter((line) => line.includes(`run${run} version`));
          const older = Array.from({ length: editCount }, (_, index) => version(index));
          for (const line of quoting) for (const words of older) expect(line).not.toContain(words);
          if (deleted) {
            expect(quoting).toEqual([]);
            expect(await everyRow()).not.toContain(`run${run} version`);
          } else {
            expect(quoting.length).toBeGreaterThanOrEqual(1);
            for (const line of quoting) expect(line).toMatch(new RegExp(`${version(editCount)}$`));
          }
          expect(harness.slack.rejections).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  }, 240_000);
});
