import { channels, DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';

const karen = people.karen.id;
const john = people.john.id;
/** The demo configuration, with Support escalating into #escalations. */
const CONFIG = DEMO_CONFIG.replace('    sla: Default\n', `    sla: Default\n    escalation_channel: ${channels.escalations}\n`);
const FIX = 'invite @helpdesk to #escalations (type /invite @helpdesk in #escalations)';

/** Issue 13 §6, for the escalation channel: the app removed from #escalations after start-up. */
describe('an escalation channel that stops taking the app', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness({ config: CONFIG });
    scenes = new Scenes(harness);
  });
  afterEach(() => harness.stop());

  it('lists #escalations as unusable once an alert is refused, tells Support in its channel with the fix, and forgets it once an alert goes through', async () => {
    const { slack } = harness;
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    const card = await scenes.card(1001);
    // Someone removes the app from #escalations after the start-up check found it fine.
    expect(harness.helpdesk.channelHealth.unusableChannels()).toEqual([]);
    slack.removeBot(channels.escalations);
    await scenes.clickAndSubmit(john, card, 'Escalate', { Reason: 'Customers are calling the branch' });
    await harness.settle();

    expect(harness.helpdesk.channelHealth.unusableChannels()).toEqual([{ channelId: channels.escalations, name: 'escalations', problem: 'not_in_channel', fix: FIX }]);
    const notice = slack.messagesIn(card.channel, null).find((message) => message.text.includes('could not deliver a channel alert'));
    expect(notice?.text).toContain(`*#1001*: Slack answered \`not_in_channel in #escalations: ${FIX}\``);
    // Given up at once: asked once.
    expect(slack.callsTo('chat.postMessage').filter((call) => call.args.channel === channels.escalations)).toHaveLength(1);
    // Escalation managers still heard by DM.
    expect(scenes.dmsTo(people.supportManager.id).some((message) => message.text.includes('#1001'))).toBe(true);

    // The app is invited again; this instance never hears of it (another instance got the event), but the next alert goes through.
    slack.inviteBot(channels.escalations);
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Escalate', { Reason: 'The branch queue is out the door' });
    await harness.settle();
    expect(slack.messagesIn(channels.escalations, null).some((message) => message.text.includes('#1001'))).toBe(true);
    expect(harness.helpdesk.channelHealth.unusableChannels()).toEqual([]);
  });
});
