import { WebClient } from '@slack/web-api';
import { channels, people } from '../support/demo-workspace';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { SlackRequests } from '../../src/sandbox/local-slack/slack-requests';
import { startLocalSlack } from '../support/helpdesk-harness';
import { startLocalSlackWithBot } from '../support/local-slack-client';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string) => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

/** Who Slack notifies of a message, as the local Slack records it (notification-rules.ts). */
describe('the local Slack notifies whom Slack notifies', () => {
  let slack: LocalSlack;
  let client: WebClient;
  beforeAll(async () => {
    ({ slack, client } = await startLocalSlackWithBot());
  });
  afterAll(async () => {
    await slack.stop();
  });

  const notifiesOf = (ts: string | undefined) => slack.messages.find((message) => message.ts === ts)?.notifies;

  it('notifies the people and user groups mentioned in the top-level text or a section, not in a context block', async () => {
    const posted = await client.chat.postMessage({
      channel: channels.support,
      text: 'Emergency <!subteam^S0ONCALL|@oncall>',
      blocks: [section('for <@U0JOHN>'), context('and <@U0JANE>')],
    });
    expect(notifiesOf(posted.ts)).toEqual([people.john.id, 'subteam:S0ONCALL']);
    const plain = await client.chat.postMessage({ channel: channels.support, text: 'A normal ticket' });
    expect(notifiesOf(plain.ts)).toEqual([]);
    // Karen is not in #support: a mention of her there offers to invite her, and notifies nobody.
    const outsider = await client.chat.postMessage({ channel: channels.support, text: `Filed by <@${people.karen.id}>` });
    expect(notifiesOf(outsider.ts)).toEqual([]);
  });

  it('notifies a person of a top-level DM, but of a reply in a DM thread only when broadcast, mentioned, or once they wrote in it; an edit notifies nobody', async () => {
    const karen = people.karen.id;
    const dm = slack.openDm(karen);
    const root = await client.chat.postMessage({ channel: dm, text: 'We got your ticket #1001' });
    const rootTs = root.ts ?? '';
    expect(notifiesOf(root.ts)).toEqual([karen]);
    const quiet = await client.chat.postMessage({ channel: dm, thread_ts: rootTs, text: 'John is now working on it' });
    expect(notifiesOf(quiet.ts)).toEqual([]);
    const broadcast = await client.chat.postMessage({ channel: dm, thread_ts: rootTs, text: 'John replied', reply_broadcast: true });
    expect(notifiesOf(broadcast.ts)).toEqual([karen]);
    const mention = await client.chat.postMessage({ channel: dm, thread_ts: rootTs, text: `<@${karen}>, John replied` });
    expect(notifiesOf(mention.ts)).toEqual([karen]);
    slack.postAsUser(dm, karen, 'Only the app', root.ts ?? null);
    const joined = await client.chat.postMessage({ channel: dm, thread_ts: rootTs, text: 'Thanks' });
    expect(notifiesOf(joined.ts)).toEqual([karen]);
    await client.chat.update({ channel: dm, ts: root.ts ?? '', text: `<@${people.john.id}> has it` });
    expect(slack.notificationsOf(people.john.id).map((message) => message.ts)).not.toContain(root.ts);
  });
});

describe("a response URL from a click on an ephemeral message acts on that message, as Slack's does", () => {
  let slack: LocalSlack;
  let app: Server;
  let answer: Record<string, unknown> = {};
  beforeAll(async () => {
    slack = await startLocalSlack();
    // A stand-in app that answers every click through its response URL with `answer`.
    app = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const payload = JSON.parse(decodeURIComponent(new URLSearchParams(body).get('payload') ?? '{}')) as { response_url: string };
        void fetch(payload.response_url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(answer) }).then(() => response.end());
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => app.close(resolve));
    await slack.stop();
  });

  const prompt = () => {
    const ephemeral = {
      at: Date.now(),
      channel: channels.support,
      user: people.jane.id,
      text: 'take it over?',
      blocks: [{ type: 'actions', block_id: 'b', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Yes' }, action_id: 'yes', value: '1' }] }],
      via: 'response_url' as const,
    };
    slack.addEphemeral(ephemeral);
    return ephemeral;
  };
  const requests = () => new SlackRequests(slack, `http://127.0.0.1:${(app.address() as AddressInfo).port}`, 'secret');

  it('replaces it with replace_original, deletes it with delete_original, and adds a new one otherwise', async () => {
    answer = { replace_original: true, text: 'You have #1042 now.' };
    await requests().clickEphemeral(people.jane.id, prompt(), 'Yes');
    expect(slack.ephemeralsFor(people.jane.id).map((message) => message.text)).toEqual(['You have #1042 now.']);
    answer = { delete_original: true };
    await requests().clickEphemeral(people.jane.id, prompt(), 'Yes');
    expect(slack.ephemeralsFor(people.jane.id).map((message) => message.text)).toEqual(['You have #1042 now.']);
    answer = { replace_original: false, text: 'Another' };
    await requests().clickEphemeral(people.jane.id, prompt(), 'Yes');
    expect(slack.ephemeralsFor(people.jane.id).map((message) => message.text)).toEqual(['You have #1042 now.', 'take it over?', 'Another']);
  });
});
