import { channels, DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';

const MINUTE = 60_000;
const START = new Date('2026-11-23T14:00:00Z');
const at = (minutes: number) => new Date(START.getTime() + minutes * MINUTE);

describe('the SLA clock keeps paused time across a transfer', () => {
  let harness: Harness;
  let scenes: Scenes;
  let now = START;
  beforeEach(async () => {
    now = START;
    harness = await startHarness({ config: DEMO_CONFIG, clock: () => now });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('keeps the due time +150 when John transfers the SEV-A outage after Karen answered, and sends no breach alert', async () => {
    const john = people.john.id;
    const karen = people.karen.id;
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    expect((await scenes.ticket(1001)).dueAt).toEqual(at(60));

    now = at(10);
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'Do you get the 404 on Wi-Fi too?' });
    expect((await scenes.ticket(1001)).status).toBe('waiting');

    now = at(100);
    await harness.requests.writeInDm(karen, 'Yes, on Wi-Fi and 4G', (await scenes.ticket(1001)).requesterDmTs);
    await harness.settle();
    expect((await scenes.ticket(1001)).dueAt).toEqual(at(150));

    now = at(110);
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Transfer', { 'Transfer to': 'Sys Admins', Reason: 'Needs the load balancer team' });
    const ticket = await scenes.ticket(1001);
    expect(ticket).toMatchObject({ departmentId: 2, dueAt: at(150) });
    const card = await scenes.card(1001);
    expect(card.channel).toBe(channels.sysadmins);
    expect(visibleText(card)).not.toContain('Overdue');

    now = at(111);
    expect(await harness.helpdesk.slaSweep.tick()).toMatchObject({ breached: 0, warned: 0 });
    await harness.settle();
    const breachAlerts = [channels.support, channels.sysadmins].flatMap((channel) => harness.slack.messagesIn(channel, null)).filter((message) => visibleText(message).includes('SLA breach'));
    expect(breachAlerts).toEqual([]);
    for (const manager of [people.supportManager.id, people.boss.id]) {
      expect(scenes.dmsTo(manager).filter((message) => visibleText(message).includes('past its due time'))).toEqual([]);
    }
    expect(visibleText(await scenes.card(1001))).not.toContain('Overdue');
  });
});
