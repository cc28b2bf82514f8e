import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { TicketRepository } from '../../src/persistence/repositories/ticket.repository';
import { channels, DEMO_CONFIG, people } from '../support/demo-workspace';
import { createTestDatabase, onPostgres } from '../support/test-database';
import { Harness, startLocalSlack, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';

const SLA_CONFIG = DEMO_CONFIG.replace(
  /sla_plans:[\s\S]*?departments:/,
  `sla_plans:
  - name: Default
    grace_period: 24h
  - name: SEV-A
    grace_period: 1h
    warn_before: 15m
    escalate_after_breach: [30m, 2h]
departments:`,
).replace('    sla: Default\n', '    sla: Default\n    escalation_channel: C0ESCAL\n');

const MINUTE = 60_000;
const START = new Date('2026-11-23T14:00:00Z');

/** A clock the test moves by hand. */
const handClock = () => {
  let now = START;
  return { clock: () => now, advanceTo: (minutes: number) => (now = new Date(START.getTime() + minutes * MINUTE)) };
};

describe('the SLA sweep', () => {
  let harness: Harness;
  let scenes: Scenes;
  let time: ReturnType<typeof handClock>;
  beforeEach(async () => {
    time = handClock();
    harness = await startHarness({ config: SLA_CONFIG, clock: time.clock });
    harness.slack.addChannel('C0ESCAL', 'escalations', [people.supportManager.id]);
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  const sweep = async () => {
    const report = await harness.helpdesk.slaSweep.tick();
    await harness.settle();
    return report;
  };
  const dmsMentioning = (userId: string, text: string) => scenes.dmsTo(userId).filter((message) => visibleText(message).includes(text));
  const channelAlerts = (channel: string, text: string) => harness.slack.messagesIn(channel, null).filter((message) => visibleText(message).includes(text));

  it('warns once before the breach, alerts once at the breach, and escalates each level once, in order', async () => {
    await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    await scenes.click(people.john.id, await scenes.card(1001), 'Assign to me');

    time.advanceTo(40);
    expect(await sweep()).toMatchObject({ warned: 0, breached: 0 });

    time.advanceTo(46);
    expect(await sweep()).toMatchObject({ warned: 1 });
    expect(await sweep()).toMatchObject({ warned: 0, checked: 0 });
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toBe(':hourglass_flowing_sand: #1001 is due in 14 minutes.');
    expect(dmsMentioning(people.john.id, 'is due in 14 minutes')).toHaveLength(1);

    time.advanceTo(61);
    expect(await sweep()).toMatchObject({ breached: 1 });
    await sweep();
    expect(channelAlerts(channels.support, '*SLA breach*')).toHaveLength(1);
    expect(dmsMentioning(people.john.id, 'past its due time')).toHaveLength(1);
    expect(dmsMentioning(people.supportManager.id, '*Escalation alert*')).toHaveLength(1);
    expect(visibleText(await scenes.card(1001))).toContain('*Overdue* since');

    time.advanceTo(91);
    expect(await sweep()).toMatchObject({ escalated: 1 });
    expect((await scenes.ticket(1001)).escalationLevel).toBe(1);
    expect(channelAlerts('C0ESCAL', 'escalation level 1')).toHaveLength(1);

    time.advanceTo(181);
    expect(await sweep()).toMatchObject({ escalated: 1 });
    time.advanceTo(600);
    expect(await sweep()).toMatchObject({ checked: 0 });
    expect((await scenes.history(1001)).filter((event) => event.actorId === 'helpdesk').map((event) => event.type)).toEqual(['sla_warning', 'overdue', 'sla_escalated', 'sla_escalated']);
    expect(dmsMentioning(people.supportManager.id, '*Escalation alert*')).toHaveLength(3);
    expect(harness.slack.rejections).toEqual([]);
  });

  it('sends nothing for resolved tickets or tickets waiting on the requester', async () => {
    await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    await scenes.fileTicket(people.ken.id, 'Business Critical Outage', 'ATMs offline in the north branch');
    await scenes.clickAndSubmit(people.john.id, await scenes.card(1001), 'Resolve', { Resolution: 'Restarted the gateway' });
    await scenes.clickAndSubmit(people.john.id, await scenes.card(1002), 'Reply to requester', { 'Message to the requester': 'Which ATMs?' });
    time.advanceTo(300);
    expect(await sweep()).toMatchObject({ checked: 0, warned: 0, breached: 0 });
  });

  it('pauses the clock while waiting and resumes it with the time added back', async () => {
    await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    time.advanceTo(20);
    await scenes.clickAndSubmit(people.john.id, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'Which app version?' });
    time.advanceTo(200);
    const ticket = await scenes.ticket(1001);
    await harness.requests.writeInDm(people.karen.id, '4.2.1', ticket.requesterDmTs);
    await harness.settle();
    expect((await scenes.ticket(1001)).dueAt).toEqual(new Date(START.getTime() + 240 * MINUTE));
  });

  it('sends each alert once when two sweeps run at the same moment', async () => {
    await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    time.advanceTo(61);
    const reports = await Promise.all([harness.helpdesk.slaSweep.tick(), harness.helpdesk.slaSweep.tick(), harness.helpdesk.slaSweep.tick()]);
    await harness.settle();
    expect(reports.reduce((sum, report) => sum + report.breached, 0)).toBe(1);
    expect(channelAlerts(channels.support, '*SLA breach*')).toHaveLength(1);
  });

  it('retries an alert Slack refused on the next attempt, without sending it twice', async () => {
    await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    time.advanceTo(61);
    harness.slack.failNext('chat.postMessage', { status: 500 });
    await harness.helpdesk.slaSweep.tick();
    await harness.slack.waitFor(() => channelAlerts(channels.support, '*SLA breach*')[0], 5000, 'the breach warning after a retry');
    await harness.settle();
    expect(channelAlerts(channels.support, '*SLA breach*')).toHaveLength(1);
    expect(harness.slack.callsTo('chat.postMessage').filter((call) => call.status === 500)).toHaveLength(1);
  });

  it('combines every level that fell due during downtime into one alert', async () => {
    await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    time.advanceTo(200);
    expect(await sweep()).toMatchObject({ warned: 0, breached: 1, escalated: 1 });
    const alerts = (await scenes.history(1001)).filter((event) => event.actorId === 'helpdesk');
    expect(alerts).toEqual([{ type: 'overdue', actorId: 'helpdesk', text: 'past its due time, escalated 2 levels to level 2' }]);
    expect(dmsMentioning(people.supportManager.id, '*Escalation alert*')).toHaveLength(1);
    expect(channelAlerts('C0ESCAL', 'escalation level 2')).toHaveLength(1);
    expect(scenes.thread(await scenes.card(1001)).filter((line) => line.includes('#1001 is due in'))).toHaveLength(0);
  });

  it('announces a storm of breaches in one department with one summary', async () => {
    for (const summary of ['Mobile banking down', 'ATMs offline', 'Card payments failing', 'Online banking slow', 'Branch VPN down']) {
      await scenes.fileTicket(people.karen.id, 'Business Critical Outage', summary);
    }
    time.advanceTo(61);
    expect(await sweep()).toMatchObject({ breached: 5 });
    const summaries = channelAlerts(channels.support, '5 Support tickets are past their due time');
    expect(summaries).toHaveLength(1);
    expect(visibleText(summaries[0] as never)).toContain('*#1005* Branch VPN down');
    expect(channelAlerts(channels.support, 'is past its due time.')).toHaveLength(0);
    expect(scenes.dmsTo(people.supportManager.id).filter((message) => visibleText(message).includes('past their due time'))).toHaveLength(1);
  });

  it('announces a storm of 140 breaches whose summaries are all ampersands in one message Slack accepts, counting what it cannot list', async () => {
    const summary = '&'.repeat(150);
    for (let filed = 0; filed < 140; filed += 1) await scenes.fileTicket(people.karen.id, 'Business Critical Outage', summary);
    time.advanceTo(61);
    expect(await sweep()).toMatchObject({ breached: 140 });
    const summaries = channelAlerts(channels.support, '140 Support tickets are past their due time');
    expect(summaries).toHaveLength(1);
    const shown = visibleText(summaries[0] as never);
    expect(shown).toContain(`*#1001* ${'&amp;'.repeat(150)}`);
    const listed = (shown.match(/\*#\d+\*/g) ?? []).length;
    expect(listed).toBeGreaterThan(100);
    expect(shown).toContain(`…and ${140 - listed} more.`);
    expect(harness.logs.filter((entry) => /invalid_blocks|gave up/.test(entry))).toEqual([]);
  }, 180_000);
});

describe('the SLA sweep query', () => {
  // EXPLAIN QUERY PLAN is SQLite's; PostgreSQL's planner picks by table statistics.
  (onPostgres() ? it.skip : it)('reads an index range, not the whole tickets table', async () => {
    const harness = await startHarness();
    try {
      const plan = await new TicketRepository(harness.helpdesk.db.manager).dueForSlaCheckPlan(new Date(), 1000);
      expect(plan).toMatch(/SEARCH .* USING INDEX idx_tickets_sla_next_check \(sla_next_check_at<\?\)/);
    } finally {
      await harness.stop();
    }
  });
});

describe('the SLA sweep across a restart', () => {
  it('neither loses nor repeats an alert claimed just before the process stopped', async () => {
    const database = await createTestDatabase();
    const time = handClock();
    const slack = await startLocalSlack();
    slack.addChannel('C0ESCAL', 'escalations', [people.supportManager.id]);
    const first = await startHarness({ config: SLA_CONFIG, clock: time.clock, database, slack });
    try {
      await new Scenes(first).fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
      time.advanceTo(61);
      first.slack.failNext('chat.postMessage', { status: 503 }, 1000);
      first.slack.failNext('conversations.open', { status: 503 }, 1000);
      expect(await first.helpdesk.slaSweep.tick()).toMatchObject({ breached: 1 });
    } finally {
      await first.stop();
    }
    slack.clearFailures();
    const second = await startHarness({ config: SLA_CONFIG, clock: time.clock, database, slack });
    try {
      expect(await second.helpdesk.slaSweep.tick()).toMatchObject({ breached: 0, checked: 0 });
      time.advanceTo(62);
      const breach = await second.slack.waitFor(
        () => second.slack.messagesIn(channels.support, null).find((message) => visibleText(message).includes('*SLA breach*')),
        8000,
        'the breach warning after restart',
      );
      expect(visibleText(breach)).toContain('#1001');
      await second.settle();
      expect(second.slack.messagesIn(channels.support, null).filter((message) => visibleText(message).includes('*SLA breach*'))).toHaveLength(1);
      expect(await second.helpdesk.db.manager.countBy(TicketEntity, { slaStage: 2 })).toBe(1);
    } finally {
      await second.stop();
      await slack.stop();
      await database.drop();
    }
  });
});

describe('the scheduled sweep', () => {
  it('runs on SLA_SWEEP_CRON by itself', async () => {
    const config = SLA_CONFIG.replace('  - name: SEV-A\n    grace_period: 1h\n    warn_before: 15m', '  - name: SEV-A\n    grace_period: 2s');
    const harness = await startHarness({ config, slaSweepCron: '* * * * * *' });
    try {
      await new Scenes(harness).fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
      const breach = await harness.slack.waitFor(
        () => harness.slack.messagesIn(channels.support, null).find((message) => visibleText(message).includes('*SLA breach*')),
        8000,
        'a breach warning from the scheduled sweep',
      );
      expect(visibleText(breach)).toContain('#1001');
    } finally {
      await harness.stop();
    }
  });
});
