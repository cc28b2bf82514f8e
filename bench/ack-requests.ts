/** The requests the ack benchmark sends the servers, as Slack signs and sends them over HTTP. */
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';

/** The signing secret the benchmark's servers are started with (BENCH_SECRET of bench-servers.ts). */
const SECRET = 'bench-signing-secret';

/** What the benchmark sends: a /ticket, an Assign to me click on a card, or a New ticket submission. */
export type Kind = 'slash command' | 'button click' | 'ticket submission';
export type Body = { body: string; contentType: string };

// Idle sockets are dropped after 4 s, before the servers' 5 s keep-alive time-out closes them.
export const agent = new Agent({ keepAlive: true, maxSockets: 64, timeout: 4000 });

/** Retries, a few times, a request sent on a kept-alive socket the server had just closed. */
export const send = (port: number, body: Body, retries = 3): Promise<number> =>
  sendOnce(port, body).catch((error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' && retries > 0 ? send(port, body, retries - 1) : Promise.reject(error)));

const sendOnce = (port: number, { body, contentType }: Body): Promise<number> =>
  new Promise((resolve, reject) => {
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const call = request(
      {
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        agent,
        headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    call.on('error', reject);
    call.end(body);
  });

let sequence = 0;
const form = (fields: Record<string, string>): Body => ({ body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' });
const interaction = (payload: object): Body => form({ payload: JSON.stringify(payload) });
const user = { id: 'U0KAREN', username: 'karen', name: 'karen', team_id: 'T0HELPDESK' };

/** Set once the servers run: the card the clicks act on, and the response_url Slack gives with them. */
export const target = { assignValue: '', responseUrl: '' };

export const requests: Record<Kind, () => Body> = {
  'slash command': () =>
    form({
      command: '/ticket',
      text: 'Printer on 3rd floor is jammed',
      user_id: 'U0KAREN',
      user_name: 'karen',
      channel_id: 'C0GENERAL',
      team_id: 'T0HELPDESK',
      trigger_id: `bench.${++sequence}`,
      response_url: target.responseUrl,
      api_app_id: 'A0HELPDESK',
    }),
  'button click': () =>
    interaction({
      type: 'block_actions',
      user: { ...user, id: 'U0JOHN' },
      team: { id: 'T0HELPDESK' },
      api_app_id: 'A0HELPDESK',
      trigger_id: `bench.${++sequence}`,
      channel: { id: 'C0SUPPORT' },
      container: { type: 'message', channel_id: 'C0SUPPORT', message_ts: '1.1' },
      response_url: target.responseUrl,
      actions: [{ type: 'button', action_id: 'ticket_assign_self', block_id: 'ticket_actions', value: target.assignValue, action_ts: '1' }],
    }),
  'ticket submission': () =>
    interaction({
      type: 'view_submission',
      user,
      team: { id: 'T0HELPDESK' },
      api_app_id: 'A0HELPDESK',
      view: {
        id: `VBENCH${++sequence}`,
        type: 'modal',
        callback_id: 'ticket_new',
        private_metadata: '{"source":null}',
        state: {
          values: {
            help_topic: { value: { type: 'static_select', selected_option: { value: '1' } } },
            summary: { value: { type: 'plain_text_input', value: 'Printer on 3rd floor is jammed' } },
            details: { value: { type: 'plain_text_input', value: 'Tray 2' } },
          },
        },
      },
    }),
};
