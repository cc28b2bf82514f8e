import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';

describe('health and metrics', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });

  const get = async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${harness.helpdesk.port}${path}`);
    return { status: response.status, text: await response.text() };
  };

  it('reports requests and ack latency by listener, tickets by status and the outbox backlog', async () => {
    const scenes = new Scenes(harness);
    await scenes.fileTicket(people.karen.id, 'Report a Problem', 'Printer on 3rd floor is jammed');
    await scenes.click(people.john.id, await scenes.card(1001), 'Assign to me');
    const { status, text } = await get('/metrics');
    expect(status).toBe(200);
    expect(text).toContain('helpdesk_requests_total{listener="/ticket",status="200"} 1');
    expect(text).toContain('helpdesk_requests_total{listener="view:ticket_new",status="200"} 1');
    expect(text).toContain('helpdesk_requests_total{listener="action:ticket_assign_self",status="200"} 1');
    expect(text).toMatch(/helpdesk_ack_seconds_count\{listener="\/ticket"\} 1/);
    expect(text).toMatch(/helpdesk_ack_seconds_bucket\{listener="\/ticket",le="3"\} 1/);
    expect(text).toContain('helpdesk_tickets{status="in_progress"} 1');
    expect(text).toContain('helpdesk_outbox_backlog 0');
    expect(text).toContain('# TYPE helpdesk_outbox_backlog_age_seconds gauge');
  });

  it('writes JSON log lines that carry the request id, the listener and the Slack ids', async () => {
    harness.slack.failNext('views.open', { error: 'expired_trigger_id' });
    await harness.requests.slashCommand(people.michael.id, 'Mail on my iPhone stopped syncing');
    await harness.settle();
    const line = harness.logs.map((text) => JSON.parse(text) as Record<string, unknown>).find((entry) => entry.msg === 'views.open failed');
    expect(line).toMatchObject({ level: 'warn', listener: '/ticket', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), user: people.michael.id, channel: 'C0GENERAL' });
  });

  it('answers /healthz while the database answers', async () => {
    expect(await get('/healthz')).toEqual({ status: 200, text: '{"database":"ok","outboxBacklogAgeSeconds":0}' });
  });
});
