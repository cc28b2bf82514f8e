import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { SlackRequests } from '../../src/sandbox/local-slack/slack-requests';
import { readSlackPayload } from '../../src/slack/receiver/slack-payload';
import { people } from '../support/demo-workspace';
import { BOT_TOKEN } from '../support/helpdesk-harness';
import { botClient, errorOf, startLocalSlackWithBot } from '../support/local-slack-client';

type Json = Record<string, unknown>;

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const home = (blocks: Json[] = [section('Your tickets')], extra: Json = {}) => ({ type: 'home', blocks, ...extra });

describe("the local Slack's Home tab behaves as Slack's (views.publish, app_home_opened, block_actions from a Home)", () => {
  let slack: LocalSlack;
  let client: WebClient;
  let app: Server;
  let requests: SlackRequests;
  const received: { contentType: string; body: string }[] = [];
  beforeAll(async () => {
    ({ slack, client } = await startLocalSlackWithBot());
    // A stand-in app that publishes a Home for whoever opens it, as the helpdesk does.
    app = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        received.push({ contentType: String(request.headers['content-type']), body });
        response.end();
        const parsed = request.headers['content-type'] === 'application/json' ? (JSON.parse(body) as { event?: { type: string; user: string } }) : {};
        if (parsed.event?.type === 'app_home_opened') void client.views.publish({ user_id: parsed.event.user, view: home([section(`Welcome <@${parsed.event.user}>`)]) as never });
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    requests = new SlackRequests(slack, `http://127.0.0.1:${(app.address() as AddressInfo).port}`, 'secret');
  });
  afterAll(async () => {
    await new Promise((resolve) => app.close(resolve));
    await slack.stop();
  });

  it('turns the Home tab on from manifest.yml, and answers not_enabled without it', async () => {
    expect(slack.homeTabEnabled).toBe(true);
    const off = await new LocalSlack({ botToken: BOT_TOKEN }).start();
    try {
      off.addUser(people.karen);
      const offClient = botClient(off);
      expect(await errorOf(offClient.views.publish({ user_id: people.karen.id, view: home() as never }))).toBe('not_enabled');
    } finally {
      await off.stop();
    }
  });

  it('keeps one Home per person: a publish replaces it, keeps its id and changes its hash', async () => {
    const first = (await client.views.publish({ user_id: people.ken.id, view: home([section('first')]) as never })).view as Json;
    const second = (await client.views.publish({ user_id: people.ken.id, view: home([section('second')]) as never })).view as Json;
    expect(second.id).toBe(first.id);
    expect(second.hash).not.toBe(first.hash);
    expect(JSON.stringify(slack.homeOf(people.ken.id)?.view.blocks)).toContain('second');
    expect(slack.homeOf(people.michael.id)).toBeNull();
  });

  it('answers hash_conflict when the hash given is not the Home’s current one, and publishes with the current one', async () => {
    const published = (await client.views.publish({ user_id: people.jane.id, view: home() as never })).view as Json;
    await client.views.publish({ user_id: people.jane.id, view: home([section('newer')]) as never });
    expect(await errorOf(client.views.publish({ user_id: people.jane.id, view: home([section('stale')]) as never, hash: String(published.hash) }))).toBe('hash_conflict');
    expect(JSON.stringify(slack.homeOf(people.jane.id)?.view.blocks)).toContain('newer');
    expect(await errorOf(client.views.publish({ user_id: people.jane.id, view: home([section('current')]) as never, hash: slack.homeOf(people.jane.id)?.hash }))).toBe('ok');
  });

  it('refuses more than 100 blocks, a modal, an unknown person and a view over 250 kB, as Slack does', async () => {
    const blocks = Array.from({ length: 101 }, (_, index) => section(`row ${index}`));
    expect(await errorOf(client.views.publish({ user_id: people.john.id, view: home(blocks) as never }))).toBe('invalid_arguments');
    expect(slack.rejections.at(-1)?.problems).toContain('view.blocks: must hold at most 100 blocks (has 101)');
    expect(await errorOf(client.views.publish({ user_id: people.john.id, view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] } as never }))).toBe('invalid_arguments');
    expect(await errorOf(client.views.publish({ user_id: 'U0NOBODY', view: home() as never }))).toBe('user_not_found');
    const huge = Array.from({ length: 90 }, () => section('x'.repeat(2999)));
    expect(await errorOf(client.views.publish({ user_id: people.john.id, view: home(huge) as never }))).toBe('view_too_large');
    expect(slack.homeOf(people.john.id)).toBeNull();
  });

  it('sends app_home_opened (tab home, the current view) and answers the Home the app then publishes', async () => {
    const seen = await requests.openHome(people.michael.id);
    expect(JSON.stringify(seen.view.blocks)).toContain(`Welcome <@${people.michael.id}>`);
    const { id, hash } = seen;
    await requests.openHome(people.michael.id);
    const events = received.filter((request) => request.contentType === 'application/json').map((request) => (JSON.parse(request.body) as { event: Json }).event);
    expect(events[0]).toEqual(expect.objectContaining({ type: 'app_home_opened', user: people.michael.id, tab: 'home' }));
    expect(events[0]).not.toHaveProperty('view');
    expect(events[1]?.view).toEqual(expect.objectContaining({ id, type: 'home', hash }));
    expect(readSlackPayload(received.at(-1)?.body ?? '', 'application/json').kind).toBe('bolt');
  });

  it('sends a click on a Home button as block_actions from a view container, without a response_url, which the receiver accepts', async () => {
    const button = { type: 'button', text: { type: 'plain_text', text: 'New ticket' }, action_id: 'home_new_ticket', value: 'new' };
    await client.views.publish({ user_id: people.karen.id, view: home([{ type: 'actions', block_id: 'home_top', elements: [button] }], { private_metadata: '{"page":1}' }) as never });
    await requests.clickInHome(people.karen.id, 'New ticket');
    const request = received.at(-1) as { contentType: string; body: string };
    const payload = JSON.parse(new URLSearchParams(request.body).get('payload') ?? '{}') as Json;
    expect(payload).toEqual(
      expect.objectContaining({
        type: 'block_actions',
        container: { type: 'view', view_id: slack.homeOf(people.karen.id)?.id },
        view: expect.objectContaining({ type: 'home', private_metadata: '{"page":1}' }) as unknown,
        actions: [expect.objectContaining({ action_id: 'home_new_ticket', block_id: 'home_top', value: 'new' })],
      }),
    );
    expect(payload).not.toHaveProperty('response_url');
    expect(readSlackPayload(request.body, request.contentType).kind).toBe('bolt');
  });
});
