import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';

const { karen, michael, supportManager } = people;

/**
 * Issue 16 attacked: after the last change of a burst, the Home a manager is looking at must come
 * to show it without them reopening the tab (figures reused from an earlier count once left it out
 * of date: each publish now counts).
 */
describe('the manager’s figures after a second change soon after the first', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.stop();
  });

  const managerHome = () => visibleText({ blocks: harness.slack.homeOf(supportManager.id)?.view.blocks ?? [] });

  it('shows both tickets open once the second one is filed, without the tab being reopened', async () => {
    const scenes = new Scenes(harness);
    await scenes.fileTicket(karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    await harness.slack.waitFor(() => /\*Open\*\n1 /.test(managerHome()), 10_000, 'the manager’s Home with 1 open');
    await scenes.fileTicket(michael.id, 'Report a Problem', 'Mail on my iPhone stopped syncing');
    await harness.slack.waitFor(() => /\*Open\*\n2 /.test(managerHome()), 10_000, 'the manager’s Home with 2 open');
  }, 30_000);
});
