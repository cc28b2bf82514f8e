import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';
import { HOME_FIGURES_MAX_AGE_MS } from '../../src/services/manager-overview.service';

const { karen, michael, supportManager } = people;

/**
 * Issue 16 attacked: the manager's Home refreshed after others' changes reuses figures counted up
 * to 15 s before (manager-overview.service.ts). After the last change of a burst, the Home the
 * manager is looking at must still come to show it, without them reopening the tab.
 */
describe('attack16b: the manager’s figures after a second change within 15 s', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness({ homeFiguresMaxAgeMs: HOME_FIGURES_MAX_AGE_MS });
  });
  afterEach(async () => {
    await harness.stop();
  });

  const managerHome = () => visibleText({ blocks: harness.slack.homeOf(supportManager.id)?.view.blocks ?? [] });

  // KNOWN FAULT, left for the lead (see the attack16b report): the second refresh reuses the first count and no later
  // publish follows, so the Home shows 1 open until the manager reopens the tab. `it.failing` keeps the suite green
  // while the fault stands; make it `it` when fixed.
  it.failing(
    'shows both tickets open once the second one is filed, within 20 s, without the tab being reopened',
    async () => {
      const scenes = new Scenes(harness);
      await scenes.fileTicket(karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
      await harness.slack.waitFor(() => /\*Open\*\n1 /.test(managerHome()), 10_000, 'the manager’s Home with 1 open');
      await scenes.fileTicket(michael.id, 'Report a Problem', 'Mail on my iPhone stopped syncing');
      await harness.slack.waitFor(() => /\*Open\*\n2 /.test(managerHome()), 20_000, 'the manager’s Home with 2 open');
    },
    40_000,
  );
});
