import { people } from '../support/demo-workspace';
import { BOT_TOKEN, Harness, SIGNING_SECRET, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';

describe('health and metrics', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });

  /** From the operations port, where metrics and the detailed health live. */
  const get = async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${harness.helpdesk.opsPort}${path}`);
    return { status: response.status, text: await response.text(), contentType: response.headers.get('content-type') };
  };

  it('reports requests and ack latency by listener, tickets by status and the outbox backlog', async () => {
    const scenes = new Scenes(harness);
    await scenes.fileTicket(people.karen.id, 'Report a Problem', 'Printer on 3rd floor is jammed');
    await scenes.click(people.john.id, await scenes.card(1001), 'Assign to me');
    await harness.settleHomes();
    const { status, text } = await get('/metrics');
    expect(status).toBe(200);
    expect(text).toContain('helpdesk_requests_total{listener="/ticket",status="200"} 1');
    expect(text).toContain('helpdesk_requests_total{listener="view:ticket_new",status="200"} 1');
    expect(text).toContain('helpdesk_requests_total{listener="action:ticket_assign_self",status="200"} 1');
    expect(text).toMatch(/helpdesk_ack_seconds_count\{listener="\/ticket"\} 1/);
    expect(text).toMatch(/helpdesk_ack_seconds_bucket\{le="3",listener="\/ticket"\} 1/);
    expect(text).toContain('helpdesk_tickets{status="in_progress"} 1');
    expect(text).toContain('helpdesk_outbox_backlog 0');
    expect(text).toContain('# TYPE helpdesk_outbox_backlog_age_seconds gauge');
  });

  it("serves Prometheus text with Node's process metrics, event-loop lag included", async () => {
    const { status, text, contentType } = await get('/metrics');
    expect({ status, contentType }).toEqual({ status: 200, contentType: 'text/plain; version=0.0.4; charset=utf-8' });
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
  });

  it('writes JSON log lines that carry the request id, the listener and the Slack ids', async () => {
    harness.slack.failNext('views.open', { error: 'expired_trigger_id' });
    await harness.requests.slashCommand(people.michael.id, 'Mail on my iPhone stopped syncing');
    await harness.settle();
    const line = harness.logs.map((text) => JSON.parse(text) as Record<string, unknown>).find((entry) => entry.msg === 'views.open failed');
    expect(line).toMatchObject({ level: 'warn', listener: '/ticket', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), user: people.michael.id, channel: 'C0GENERAL' });
  });

  it('logs each ticket change at info level with the ticket number and the Slack ids, never what people wrote or a token', async () => {
    const scenes = new Scenes(harness);
    const ticket = await scenes.fileTicket(people.michael.id, 'Report a Problem', 'Mail on my iPhone stopped syncing', 'Since the update this morning');
    await scenes.clickAndSubmit(people.jane.id, await scenes.card(ticket.number), 'Reply to requester', { 'Message to the requester': 'Which iOS version?' });
    await harness.requests.writeInDm(people.michael.id, 'iOS 19.1, on the office wifi', (await scenes.ticket(ticket.number)).requesterDmTs);
    await harness.settle();
    await scenes.click(people.jerry.id, await scenes.card(ticket.number), 'Assign to me');

    const entries = harness.logs.map((text) => JSON.parse(text) as Record<string, unknown>);
    const changes = entries.filter((entry) => entry.ticket === ticket.number && entry.level === 'info');
    expect(changes.map(({ msg, listener, user, actor, events, refusal }) => ({ msg, listener, user, actor, events, refusal }))).toEqual([
      { msg: 'ticket changed', listener: 'view:ticket_new', user: people.michael.id, actor: people.michael.id, events: ['created'] },
      { msg: 'ticket changed', listener: 'view:ticket_reply_modal', user: people.jane.id, actor: people.jane.id, events: ['replied'] },
      { msg: 'ticket changed', listener: 'event:message', user: people.michael.id, actor: people.michael.id, events: ['requester_messaged'] },
      { msg: 'ticket request refused', listener: 'action:ticket_assign_self', user: people.jerry.id, actor: people.jerry.id, events: ['refused'], refusal: 'TICKET.NOT_PERMITTED' },
    ]);
    for (const entry of changes) expect(entry.requestId).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    const notDebug = harness.logs.filter((line) => !line.includes('"level":"debug"')).join('\n');
    for (const secret of ['Mail on my iPhone', 'Since the update', 'Which iOS version', 'iOS 19.1', BOT_TOKEN, SIGNING_SECRET]) expect(notDebug).not.toContain(secret);
  });

  it('answers /healthz on the operations port while the database answers', async () => {
    await harness.settleHomes();
    expect(await get('/healthz')).toEqual({ status: 200, text: '{"database":"ok","outboxBacklogAgeSeconds":0}\n', contentType: 'application/json' });
  });
});
