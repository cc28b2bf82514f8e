import { WebClient } from '@slack/web-api';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { people } from '../support/demo-workspace';
import { errorOf, startLocalSlackWithBot } from '../support/local-slack-client';

/** users.list pages the workspace's people as Slack does: `limit` a page, `next_cursor` until `''`, `invalid_cursor` for a cursor it did not give. */
describe("the local Slack's users.list", () => {
  let slack: LocalSlack;
  let client: WebClient;
  beforeAll(async () => {
    ({ slack, client } = await startLocalSlackWithBot());
    for (let index = 0; index < 25; index += 1) slack.addUser({ id: `U0EXTRA${index}`, name: `extra${index}`, realName: `Extra Person ${index}` });
  });
  afterAll(async () => slack.stop());

  it('answers everyone, a page at a time, with their names', async () => {
    const seen: string[] = [];
    let cursor = '';
    let pages = 0;
    do {
      const page = (await client.users.list({ limit: 10, ...(cursor ? { cursor } : {}) })) as {
        members: { id: string; real_name: string; profile: { display_name: string } }[];
        response_metadata: { next_cursor: string };
      };
      expect(page.members.length).toBeLessThanOrEqual(10);
      seen.push(...page.members.map((member) => member.id));
      if (page.members.some((member) => member.id === people.karen.id))
        expect(page.members.find((member) => member.id === people.karen.id)).toMatchObject({ real_name: 'Karen Karen', profile: { display_name: 'karen' } });
      cursor = page.response_metadata.next_cursor;
      pages += 1;
    } while (cursor !== '');
    expect(new Set(seen).size).toBe(Object.keys(people).length + 25);
    expect(pages).toBe(Math.ceil((Object.keys(people).length + 25) / 10));
    expect(await errorOf(client.users.list({ cursor: 'bm90LWEtY3Vyc29y' }))).toBe('invalid_cursor');
  });
});
