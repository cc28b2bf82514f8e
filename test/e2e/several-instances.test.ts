import { HOME_PUBLISH_DELAY_MS } from '../../src/services/home-refresh';
import { IsNull } from 'typeorm';
import { OutboxMessageEntity } from '../../src/persistence/entities/outbox-message.entity';
import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { SlackRequests } from '../../src/sandbox/local-slack/slack-requests';
import { channels, people } from '../support/demo-workspace';
import { Harness, SIGNING_SECRET, startHarness, startLocalSlack } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { RoundRobinProxy, startRoundRobinProxy } from '../support/round-robin-proxy';
import { createTestDatabase, onPostgres, TestDatabase } from '../support/test-database';
import { karenTicketSubmission } from '../support/ticket-submission';
import { buttonLabels, visibleText } from '../support/visible-text';

const karen = people.karen.id;
const john = people.john.id;
const jane = people.jane.id;

const START = new Date('2026-11-23T14:00:00Z');

const portOf = (instance: Harness): number => {
  if (instance.helpdesk.port === null) throw new Error('the instance does not listen over HTTP');
  return instance.helpdesk.port;
};

/**
 * Two instances of the app share one PostgreSQL database and one Slack, behind a load balancer
 * that hands each request to the next instance, as README's "Several instances" describes. Both
 * dispatchers run and both may sweep. SQLite is the single-instance database, so this runs on
 * PostgreSQL only.
 */
(onPostgres() ? describe : describe.skip)('several instances behind a load balancer', () => {
  let database: TestDatabase;
  let slack: LocalSlack;
  let instances: Harness[];
  let proxy: RoundRobinProxy;
  let cluster: Harness;
  let scenes: Scenes;
  let now: Date;

  beforeEach(async () => {
    now = START;
    database = await createTestDatabase();
    slack = await startLocalSlack();
    const clock = () => now;
    // One after the other: each syncs helpdesk.yml at start, as a rolling deploy would.
    instances = [await startHarness({ database, slack, clock }), await startHarness({ database, slack, clock })];
    proxy = await startRoundRobinProxy(instances.map(portOf));
    cluster = { ...(instances[0] as Harness), requests: new SlackRequests(slack, proxy.url, SIGNING_SECRET), settle: settleAll };
    scenes = new Scenes(cluster);
  });
  afterEach(async () => {
    await proxy.stop();
    for (const instance of instances) await instance.stop();
    await slack.stop();
    await database.drop();
  });

  const pendingMessages = () => (instances[0] as Harness).helpdesk.db.manager.countBy(OutboxMessageEntity, { sentAt: IsNull(), failedAt: IsNull() });

  /**
   * Until both instances are idle and nothing either of them queued is still waiting to be sent,
   * the Home publishes included (they wait HOME_PUBLISH_DELAY_MS to gather a burst).
   */
  async function settleAll(): Promise<void> {
    const deadline = Date.now() + HOME_PUBLISH_DELAY_MS + 5000;
    while (Date.now() < deadline) {
      for (const instance of instances) await instance.settle();
      if ((await pendingMessages()) === 0 && instances.every((instance) => !instance.helpdesk.inFlight.busy)) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`${await pendingMessages()} outbox messages still pending`);
  }

  const requestsTo = (index: number) => new SlackRequests(slack, `http://127.0.0.1:${portOf(instances[index] as Harness)}`, SIGNING_SECRET);
  const cardsOf = (number: number) => slack.messagesIn(channels.support, null).filter((message) => message.text.startsWith(`#${number} `));

  it("carries Karen's outage from intake to closure with each request on the next instance, each message sent once", async () => {
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down', 'Every page of the app answers 404.');
    await scenes.click(john, await scenes.card(1001), 'Assign to me');
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'Does the website work for you, or only the app?' });
    await cluster.requests.writeInDm(karen, 'Only the app; the website is fine.', (await scenes.ticket(1001)).requesterDmTs);
    await settleAll();
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Resolve', { Resolution: 'Found and reconnected a failed load balancer' });
    const resolution = (await scenes.requesterThread(1001)).at(-1);
    if (!resolution) throw new Error('Karen got no resolution');
    await scenes.click(karen, resolution, 'That fixed it');

    expect(proxy.handled.every((count) => count >= 4)).toBe(true);
    expect(await scenes.ticket(1001)).toMatchObject({ status: 'closed', assigneeId: john });
    expect((await scenes.history(1001)).map(({ type }) => type)).toEqual(['created', 'assigned', 'replied', 'requester_messaged', 'resolved', 'closed']);
    expect(cardsOf(1001)).toHaveLength(1);
    expect(buttonLabels(await scenes.card(1001))).toEqual(['Reopen']);
    expect(scenes.thread(await scenes.card(1001))).toEqual([
      `<@${john}> assigned this to themselves.`,
      expect.stringContaining('*Reply to requester* from'),
      `:envelope: <@${karen}> (requester): Only the app; the website is fine. Status: In progress.`,
      expect.stringContaining('resolved this'),
      expect.stringContaining('closed'),
    ]);
    const karenSees = (await scenes.requesterThread(1001)).map((message) => visibleText(message));
    expect(karenSees.filter((text) => text.includes('is now working on your ticket #1001'))).toHaveLength(1);
    expect(karenSees.filter((text) => text.includes('Does the website work for you'))).toHaveLength(1);
    expect(karenSees.filter((text) => text.includes('You confirmed the fix; #1001 is closed.'))).toHaveLength(1);
    const outbox = await cluster.helpdesk.db.manager.find(OutboxMessageEntity);
    expect(outbox.filter((message) => message.sentAt === null)).toEqual([]);
    expect(slack.rejections).toEqual([]);
  });

  it('numbers tickets submitted at the same moment on both instances one after another, with one card each', async () => {
    const submissions = Array.from({ length: 30 }, (_, index) => karenTicketSubmission(slack, `VMANY${index}`, `Printer ${index} is jammed`));
    const answers = await Promise.all(submissions.map((payload) => cluster.requests.interaction(payload)));
    expect(answers.map((answer) => answer.status)).toEqual(submissions.map(() => 200));
    await settleAll();

    const tickets = await cluster.helpdesk.db.manager.find(TicketEntity, { order: { number: 'ASC' } });
    expect(tickets.map((ticket) => ticket.number)).toEqual(Array.from({ length: 30 }, (_, index) => 1001 + index));
    expect(new Set(tickets.map((ticket) => ticket.summary)).size).toBe(30);
    expect(proxy.handled).toEqual([15, 15]);
    for (const ticket of tickets) expect(cardsOf(ticket.number)).toHaveLength(1);
    const confirmations = slack.messagesIn(slack.dmChannelOf(karen) ?? '', null).filter((message) => message.text.startsWith('We got your ticket #'));
    expect(confirmations).toHaveLength(30);
  });

  it('files one ticket when Slack delivers the same submission to both instances at once', async () => {
    await cluster.requests.slashCommand(karen, 'Printer on 3rd floor is jammed');
    const modal = await slack.waitFor(() => slack.currentView(karen), 3000, 'the ticket modal');
    const { payload } = cluster.requests.viewSubmission(karen, { 'Help topic': 'Report a Problem' }, modal);
    const answers = await Promise.all([requestsTo(0).interaction(payload), requestsTo(1).interaction(payload)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    await settleAll();
    // Both answers name the one ticket; the loser's number is skipped (numbers are gap-tolerant).
    const tickets = await cluster.helpdesk.db.manager.find(TicketEntity);
    expect(tickets).toHaveLength(1);
    const number = tickets[0]?.number ?? 0;
    for (const answer of answers) expect(answer.body).toContain(`*#${number}* Printer on 3rd floor is jammed`);
    expect(cardsOf(number)).toHaveLength(1);
    expect(slack.messagesIn(slack.dmChannelOf(karen) ?? '', null).filter((message) => message.text.startsWith('We got your ticket'))).toHaveLength(1);
  });

  it('applies one of two claims made at the same moment on different instances, and tells the other agent', async () => {
    await scenes.fileTicket(karen, 'Report a Problem', 'Printer on 3rd floor is jammed');
    const card = await scenes.card(1001);
    await Promise.all([requestsTo(0).clickButton(john, card, 'Assign to me'), requestsTo(1).clickButton(jane, card, 'Assign to me')]);
    await settleAll();
    const ticket = await scenes.ticket(1001);
    expect([john, jane]).toContain(ticket.assigneeId);
    const loser = ticket.assigneeId === john ? jane : john;
    expect(slack.ephemeralsFor(loser).at(-1)?.text).toBe('#1001 changed since you last saw it.');
    expect(scenes.thread(card).filter((line) => line.includes('assigned this'))).toHaveLength(1);
    expect(visibleText(card)).toContain(`*Assignee*\n<@${ticket.assigneeId}>`);
  });

  it('sends one SLA breach warning when both instances sweep at the same moment', async () => {
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    now = new Date(START.getTime() + 61 * 60_000);
    const reports = await Promise.all(instances.flatMap((instance) => [instance.helpdesk.slaSweep.tick(), instance.helpdesk.slaSweep.tick()]));
    await settleAll();
    expect(reports.reduce((sum, report) => sum + report.breached, 0)).toBe(1);
    const warnings = slack.messagesIn(channels.support, null).filter((message) => visibleText(message).includes('*SLA breach*'));
    expect(warnings).toHaveLength(1);
    expect(scenes.dmsTo(people.supportManager.id).filter((message) => visibleText(message).includes('*Escalation alert*'))).toHaveLength(1);
  });

  it('closes a resolved ticket and reminds a quiet requester once each when both instances run the follow-up sweep at the same moment', async () => {
    await scenes.fileTicket(karen, 'Report a Problem', 'Entire mobile online banking is down');
    await scenes.clickAndSubmit(people.john.id, await scenes.card(1001), 'Resolve', { Resolution: 'Restarted the mobile gateway' });
    await scenes.fileTicket(people.ken.id, 'Report a Problem', 'ATMs offline in the north branch');
    await scenes.clickAndSubmit(people.john.id, await scenes.card(1002), 'Reply to requester', { 'Message to the requester': 'Which branch?' });
    // The defaults: closed 3 days after the resolution, a reminder after 2 days of waiting.
    now = new Date(START.getTime() + 3 * 86_400_000 + 60_000);
    const reports = await Promise.all(instances.flatMap((instance) => [instance.helpdesk.followUpSweep.tick(), instance.helpdesk.followUpSweep.tick()]));
    await settleAll();
    expect(reports.reduce((sum, report) => sum + report.closed, 0)).toBe(1);
    expect(reports.reduce((sum, report) => sum + report.reminded, 0)).toBe(1);
    expect((await scenes.requesterThread(1001)).filter((message) => visibleText(message).includes('Your ticket #1001 was closed automatically'))).toHaveLength(1);
    expect((await scenes.requesterThread(1002)).filter((message) => visibleText(message).includes(':bell:'))).toHaveLength(1);
    expect(scenes.thread(await scenes.card(1002)).filter((line) => line.includes('was reminded'))).toHaveLength(1);
  });

  it('announces a burst of follow-ups once, each ticket in one summary, when both instances sweep it at the same moment', async () => {
    for (let number = 1001; number <= 1012; number += 1) {
      await scenes.fileTicket(karen, 'Report a Problem', `Branch ${number - 1000} cannot print statements`);
      await scenes.clickAndSubmit(john, await scenes.card(number), 'Resolve', { Resolution: 'Reinstalled the printer driver' });
    }
    await settleAll();
    const before = slack.messagesIn(channels.support, null).length;
    now = new Date(START.getTime() + 4 * 86_400_000);
    const reports = await Promise.all(instances.flatMap((instance) => [instance.helpdesk.followUpSweep.tick(), instance.helpdesk.followUpSweep.tick()]));
    await settleAll();
    expect(reports.reduce((sum, report) => sum + report.closed, 0)).toBe(12);
    const summaries = slack
      .messagesIn(channels.support, null)
      .slice(before)
      .map((message) => visibleText(message))
      .filter((shown) => shown.includes(':broom: *Follow-ups*'));
    for (let number = 1001; number <= 1012; number += 1) {
      expect(summaries.filter((summary) => summary.includes(`*#${number}* `))).toHaveLength(1);
      expect((await scenes.requesterThread(number)).filter((message) => visibleText(message).includes(`Your ticket #${number} was closed automatically`))).toHaveLength(1);
    }
    expect(slack.rejections).toEqual([]);
  }, 120_000);
});
