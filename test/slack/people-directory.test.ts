import { WebClient } from '@slack/web-api';
import type { Logger } from '@slack/bolt';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { DIRECTORY_TTL_MS, SlackPeopleDirectory } from '../../src/slack/people/people-directory';
import { people } from '../support/demo-workspace';
import { startLocalSlackWithBot } from '../support/local-slack-client';

const quiet = { warn: () => undefined, debug: () => undefined, info: () => undefined, error: () => undefined } as unknown as Logger;

describe('SlackPeopleDirectory', () => {
  let slack: LocalSlack;
  let client: WebClient;
  let now: Date;
  beforeEach(async () => {
    ({ slack, client } = await startLocalSlackWithBot());
    now = new Date('2026-11-30T10:00:00Z');
  });
  afterEach(async () => slack.stop());

  it('names people by each word of their real name, display name and handle, reading every page once within its time to live', async () => {
    for (let index = 0; index < 450; index += 1) slack.addUser({ id: `U0MANY${index}`, name: `many.${index}`, realName: `Many Person${index}` });
    const directory = new SlackPeopleDirectory(client, () => now, quiet);
    const named = await directory.peopleNamed(['karen', 'doe', 'person449', 'nobody']);
    expect(named.get('karen')).toEqual([people.karen.id]);
    expect([...(named.get('doe') ?? [])].sort()).toEqual([people.jane.id, people.john.id].sort());
    expect(named.get('person449')).toEqual(['U0MANY449']);
    expect(named.has('nobody')).toBe(false);
    const pages = slack.callsTo('users.list').length;
    expect(pages).toBe(3);
    expect((await directory.namesOf([people.jerry.id, 'U0GONE'])).get(people.jerry.id)).toBe('Jerry Sysadmin');
    expect(slack.callsTo('users.list')).toHaveLength(pages);
    // Renamed after the list was read: found by the new name once the list is read again.
    slack.addUser({ id: 'U0MANY0', name: 'many.0', realName: 'Renata Renamed' });
    expect((await directory.peopleNamed(['renata'])).size).toBe(0);
    now = new Date(now.getTime() + DIRECTORY_TTL_MS + 1);
    expect((await directory.peopleNamed(['renata'])).get('renata')).toEqual(['U0MANY0']);
  });

  it('answers nobody, without throwing, when the list cannot be read', async () => {
    const directory = new SlackPeopleDirectory(new WebClient('xoxb-wrong', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }), () => now, quiet);
    expect((await directory.peopleNamed(['karen'])).size).toBe(0);
  });
});
