import fc from 'fast-check';
import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';

const karen = people.karen.id;

type Json = Record<string, unknown>;

/**
 * A requester message, its edits and maybe its deletion, delivered by Slack in any order and any
 * number of times (retries, late originals): the card thread always ends showing the message as it
 * last read, or nothing of it once deleted, and a deleted message's words are nowhere in the database.
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
        async (editCount, deleted, deliveries, orderKeys) => {
          run += 1;
          const version = (index: number) => `run${run} version${index} of the message`;
          const ticket = await scenes.ticket(1001);
          const channel = ticket.requesterDmChannelId ?? '';
          const message = harness.slack.postAsUser(channel, karen, version(0), ticket.requesterDmTs);
          const events: Json[] = [{ type: 'message', channel, channel_type: 'im', user: karen, text: message.text, ts: message.ts, thread_ts: message.threadTs }];
          for (let index = 1; index <= editCount; index += 1) events.push(harness.slack.editAsUser(message, version(index)));
          if (deleted) events.push(harness.slack.deleteAsUser(message));
          const order = events.map((event, index) => ({ event, key: orderKeys[index] ?? 0, index })).sort((a, b) => a.key - b.key || a.index - b.index);
          for (const { event, index } of order) await harness.requests.deliverEvent(event, deliveries[index] ?? 1);
          await harness.settle();

          const lines = scenes.thread(await scenes.card(1001)).filter((line) => line.includes(`run${run} `));
          if (deleted) {
            expect(lines).toEqual([]);
            expect(await everyRow()).not.toContain(`run${run} `);
          } else {
            expect(lines).toHaveLength(1);
            expect(lines[0]).toMatch(new RegExp(`${version(editCount)}$`));
          }
          expect(harness.slack.rejections).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  }, 120_000);
});
