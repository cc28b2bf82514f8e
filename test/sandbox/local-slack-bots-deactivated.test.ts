import { WebClient } from '@slack/web-api';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { people } from '../support/demo-workspace';
import { errorOf, startLocalSlackWithBot } from '../support/local-slack-client';

/**
 * Users that are not people the app can write to, as Slack describes them: an app's bot user
 * (users.info `is_bot: true`) and a deactivated account (`deleted: true`). conversations.open
 * refuses both: `cannot_dm_bot` and `user_disabled`, Slack's error names.
 */
describe("the local Slack's bot users and deactivated accounts", () => {
  let slack: LocalSlack;
  let client: WebClient;
  beforeAll(async () => {
    ({ slack, client } = await startLocalSlackWithBot());
    slack.addUser({ id: 'U0DEPLOYBOT', name: 'deploybot', realName: 'Deploy Bot', isBot: true });
    slack.addUser({ id: 'U0FORMER', name: 'jerry.old', realName: 'Jerry Former', deleted: true });
  });
  afterAll(async () => slack.stop());

  it('users.info says is_bot and deleted; a person is neither', async () => {
    expect((await client.users.info({ user: 'U0DEPLOYBOT' })).user).toMatchObject({ is_bot: true, deleted: false });
    expect((await client.users.info({ user: 'U0FORMER' })).user).toMatchObject({ is_bot: false, deleted: true });
    expect((await client.users.info({ user: people.ken.id })).user).toMatchObject({ is_bot: false, deleted: false });
  });

  it('conversations.open refuses them with cannot_dm_bot and user_disabled, and opens a DM with a person', async () => {
    expect(await errorOf(client.conversations.open({ users: 'U0DEPLOYBOT' }))).toBe('cannot_dm_bot');
    expect(await errorOf(client.conversations.open({ users: 'U0FORMER' }))).toBe('user_disabled');
    expect((await client.conversations.open({ users: people.ken.id })).ok).toBe(true);
  });
});
