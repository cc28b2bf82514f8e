import { channels, DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';

/** SEV-A: a first response within 30 minutes, a resolution within the hour, each warned 15 minutes before. */
const FIRST_RESPONSE_CONFIG = DEMO_CONFIG.replace('    grace_period: 1h\n', '    grace_period: 1h\n    first_response: 30m\n    warn_before: 15m\n');

const MINUTE = 60_000;
const START = new Date('2026-11-23T14:00:00Z');

describe('the first-response SLA', () => {
  let harness: Harness;
  let scenes: Scenes;
  let now: Date;
  const karen = people.karen.id;
  const john = people.john.id;

  beforeEach(async () => {
    now = START;
    harness = await startHarness({ config: FIRST_RESPONSE_CONFIG, clock: () => now });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  const sweepAt = async (minutes: number) => {
    now = new Date(START.getTime() + minutes * MINUTE);
    const report = await harness.helpdesk.slaSweep.tick();
    await harness.settle();
    return report;
  };
  const firstResponseEvents = async () => (await scenes.history(1001)).filter((event) => event.type.startsWith('first_response')).map((event) => event.type);

  it('warns, then alerts a breach once each, in their own words; a note is no response, and the card shows both targets', async () => {
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    expect(visibleText(await scenes.card(1001))).toMatch(/\*Due\*\nFirst response: <!date\^\d+\^[^\n]*\nResolution: <!date/);
    now = new Date(START.getTime() + 5 * MINUTE);
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Internal note', { Note: 'Looking at the gateway logs' });

    expect(await sweepAt(14)).toMatchObject({ warned: 0 });
    expect(await sweepAt(16)).toMatchObject({ warned: 1, breached: 0 });
    expect(await sweepAt(16)).toMatchObject({ checked: 0 });
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toBe(':hourglass_flowing_sand: #1001 is due a first response in 14 minutes: nobody has replied to the requester yet.');

    expect(await sweepAt(31)).toMatchObject({ breached: 1 });
    expect(await sweepAt(32)).toMatchObject({ checked: 0 });
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toBe(':warning: *First response overdue*: #1001 is past its first-response time with no reply to the requester.');
    const alerts = harness.slack.messagesIn(channels.support, null).filter((message) => visibleText(message).includes('*First response overdue*'));
    expect(alerts).toHaveLength(1);
    expect(scenes.dmsTo(people.supportManager.id).filter((message) => visibleText(message).includes('*First response overdue*'))).toHaveLength(1);
    expect(visibleText(await scenes.card(1001))).toContain('First response: :warning: *overdue* since');
    // The resolution's own alerts follow at their own times.
    expect(await sweepAt(46)).toMatchObject({ warned: 1 });
    expect(await firstResponseEvents()).toEqual(['first_response_warning', 'first_response_overdue']);
    expect(harness.slack.rejections).toEqual([]);
  });

  it('sends no first-response breach once John has replied, and the card shows one target again', async () => {
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    now = new Date(START.getTime() + 10 * MINUTE);
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'We are on it; which app version?' });
    now = new Date(START.getTime() + 12 * MINUTE);
    await harness.requests.writeInDm(karen, '4.2.1', (await scenes.ticket(1001)).requesterDmTs);
    await harness.settle();
    expect((await scenes.ticket(1001)).firstResponseAt).toEqual(new Date(START.getTime() + 10 * MINUTE));
    expect(visibleText(await scenes.card(1001))).not.toContain('First response');

    expect(await sweepAt(40)).toMatchObject({ warned: 0, breached: 0 });
    expect(await sweepAt(63)).toMatchObject({ breached: 1 }); // the resolution's due time, 2 minutes of waiting added back
    expect(await firstResponseEvents()).toEqual([]);
  });

  it('sends each first-response alert once when three sweeps run at the same moment', async () => {
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    now = new Date(START.getTime() + 31 * MINUTE);
    const reports = await Promise.all([1, 2, 3].map(() => harness.helpdesk.slaSweep.tick()));
    await harness.settle();
    expect(reports.reduce((sum, report) => sum + report.breached, 0)).toBe(1);
    expect(await firstResponseEvents()).toEqual(['first_response_overdue']);
  });
});
