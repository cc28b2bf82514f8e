import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { lookupMarkupNames, readSlackText } from '../../src/slack/listeners/read-slack-text';

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Logger;

/** A Web API client whose lookups answer as given; `never` stands for a call Slack never answers, `error` for one it refuses. */
const clientAnswering = (users: Record<string, string>, channels: Record<string, string> = {}): WebClient =>
  ({
    users: {
      info: ({ user }: { user: string }) => {
        const answer = users[user];
        if (answer === 'never') return new Promise(() => undefined);
        if (answer === undefined || answer === 'error') return Promise.reject(new Error('user_not_found'));
        return Promise.resolve({ ok: true, user: { id: user, real_name: answer, profile: { real_name: answer } } });
      },
    },
    conversations: {
      info: ({ channel }: { channel: string }) =>
        channels[channel] ? Promise.resolve({ ok: true, channel: { id: channel, name: channels[channel] } }) : Promise.reject(new Error('channel_not_found')),
    },
  }) as unknown as WebClient;

describe('names behind markup, looked up within a time budget', () => {
  it('shows names it got in time, and the ids of those that failed or were late', async () => {
    const client = clientAnswering({ U0MICHAEL: 'Michael Michael', U0SLOW: 'never', U0GONE: 'error' }, { C0SYSADM: 'sysadmins' });
    const started = Date.now();
    const text = await readSlackText(client, '<@U0MICHAEL> <@U0SLOW> <@U0GONE> <#C0SYSADM> <#C0SUPPORT|support>', quiet, 50);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(text).toBe('@Michael Michael @U0SLOW @U0GONE #sysadmins #support');
  });

  it('asks Slack nothing when the text names nobody', async () => {
    const client = {} as unknown as WebClient;
    await expect(lookupMarkupNames(client, 'Printer &amp; scanner down', quiet)).resolves.toEqual({ users: new Map(), channels: new Map() });
  });
});
