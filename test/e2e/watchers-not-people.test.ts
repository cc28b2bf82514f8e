import { appPicked, deactivatedPicked } from '../../src/slack/listeners/views/watchers-submission';
import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';

const { karen, ken, john } = people;
const DEPLOY_BOT = { id: 'U0DEPLOYBOT', name: 'deploybot', realName: 'Deploy Bot', isBot: true };
const FORMER = { id: 'U0FORMER', name: 'jerry.old', realName: 'Jerry Former', deleted: true };

/** Slack's people picker lists other apps' bots and deactivated accounts; neither can be written to in a DM, so neither can watch. */
describe('an app or a deactivated account picked as a watcher is refused beside the input', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
    harness.slack.addUser(DEPLOY_BOT);
    harness.slack.addUser(FORMER);
    await scenes.fileTicket(karen.id, 'Report a Problem', 'Mail stopped on my iPhone');
  });
  afterEach(async () => {
    await harness.stop();
  });

  const saveWatchers = async (watcherIds: string[]) => {
    await harness.requests.chooseOverflow(john.id, await scenes.card(1001), 'Watchers…');
    const modal = await harness.slack.waitFor(
      () => (harness.slack.currentView(john.id)?.view.callback_id === 'ticket_watchers_modal' ? harness.slack.currentView(john.id) : null),
      3000,
      'the Watchers modal',
    );
    const response = await harness.requests.submitModal(john.id, { Watchers: watcherIds.join('|') }, modal);
    await harness.settle();
    harness.slack.closeView(john.id);
    return response.body ? (response.json() as unknown) : {};
  };

  it.each([
    ['another app’s bot', DEPLOY_BOT, appPicked('Deploy Bot')],
    ['a deactivated account', FORMER, deactivatedPicked('Jerry Former')],
  ])('%s beside Ken: refused with a clear message, nobody added, nothing in the history, no DM tried', async (_what, user, message) => {
    expect(await saveWatchers([ken.id, user.id])).toEqual({ response_action: 'errors', errors: { watchers: message } });
    expect((await scenes.history(1001)).map((event) => event.type)).toEqual(['created']);
    expect(harness.slack.callsTo('conversations.open').filter((call) => call.args.users === user.id || call.args.users === ken.id)).toEqual([]);
    // Without them, Ken is added as usual.
    expect(await saveWatchers([ken.id])).toEqual({});
    expect((await scenes.history(1001)).map((event) => event.type)).toEqual(['created', 'watcher_added']);
  });
});
