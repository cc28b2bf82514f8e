import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { SlackRequests } from '../../src/sandbox/local-slack/slack-requests';
import { channels, people } from '../support/demo-workspace';
import { startLocalSlack } from '../support/helpdesk-harness';
import { botClient } from '../support/local-slack-client';

describe('the local Slack sends text as Slack does', () => {
  let slack: LocalSlack;
  let app: Server;
  const received: string[] = [];
  beforeAll(async () => {
    slack = await startLocalSlack();
    app = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        response.end();
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => app.close(resolve));
    await slack.stop();
  });

  it('escapes &, < and > in slash-command text, and nothing else', async () => {
    const requests = new SlackRequests(slack, `http://127.0.0.1:${(app.address() as AddressInfo).port}`, 'secret');
    await requests.slashCommand(people.karen.id, 'Printer & scanner down <3rd floor> @here "quoted" 📧');
    expect(new URLSearchParams(received.at(-1)).get('text')).toBe('Printer &amp; scanner down &lt;3rd floor&gt; @here "quoted" 📧');
  });

  it('sends a bot message shortcut with its attachments and blocks', async () => {
    const requests = new SlackRequests(slack, `http://127.0.0.1:${(app.address() as AddressInfo).port}`, 'secret');
    const alert = slack.postAsBot(channels.general, 'B0GRAFANA', { attachments: [{ fallback: 'VPN down' }], blocks: [{ type: 'divider' }] });
    await requests.messageShortcut(people.jerry.id, alert);
    const payload = JSON.parse(new URLSearchParams(received.at(-1)).get('payload') ?? '{}') as { message: Record<string, unknown> };
    expect(payload.message).toMatchObject({ text: '', bot_id: 'B0GRAFANA', attachments: [{ fallback: 'VPN down' }], blocks: [{ type: 'divider' }] });
  });

  it("sends the option picked from a section's overflow accessory as block_actions from that block", async () => {
    const requests = new SlackRequests(slack, `http://127.0.0.1:${(app.address() as AddressInfo).port}`, 'secret');
    const menu = { type: 'overflow', action_id: 'ticket_relate', options: ['Merge into…', 'Link ticket…'].map((text, index) => ({ text: { type: 'plain_text', text }, value: `v${index}` })) };
    const card = slack.postAsBot(channels.support, 'B0HELPDESK', {
      blocks: [{ type: 'section', block_id: 'ticket_relations', text: { type: 'mrkdwn', text: 'No related tickets.' }, accessory: menu }],
    });
    await requests.chooseOverflow(people.john.id, card, 'Link ticket…');
    const payload = JSON.parse(new URLSearchParams(received.at(-1)).get('payload') ?? '{}') as { actions: Record<string, unknown>[] };
    expect(payload.actions).toEqual([expect.objectContaining({ type: 'overflow', action_id: 'ticket_relate', block_id: 'ticket_relations', selected_option: menu.options[1] })]);
  });

  it('serves conversations.info with the channel name', async () => {
    const client = botClient(slack);
    expect((await client.conversations.info({ channel: channels.sysadmins })).channel?.name).toBe('sysadmins');
    await expect(client.conversations.info({ channel: 'C0NOWHERE' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
  });
});
