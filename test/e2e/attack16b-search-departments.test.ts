import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';

const { karen, michael, john, jerry, supportManager, ken } = people;

/** The Support manager manages Sys Admins too; Facilities (Ken its agent) is nobody else's. */
const config = DEMO_CONFIG.replace('    managers: [U0BOSS]', '    managers: [U0BOSS, U0MGR]').replace(
  'help_topics:',
  '  - name: Facilities\n    channel: C0SYSADM\n    agents: [U0KEN]\nhelp_topics:\n  - name: Building\n    department: Facilities\n    priority: normal',
);

/**
 * Issue 16 attacked: search, on either database, never shows a ticket of a department the asker
 * does not work in, whatever they type (words, a number, a name, the department lexeme `#d3`);
 * a manager of several departments finds the tickets of each of them.
 */
describe('attack16b: search stays within the asker’s departments', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness({ config });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  const searchCommand = async (userId: string, text: string): Promise<string[]> => {
    const before = harness.slack.ephemeralsFor(userId).length;
    await harness.requests.slashCommand(userId, `search ${text}`);
    const answer = await harness.slack.waitFor(() => harness.slack.ephemeralsFor(userId)[before], 5000, `the answer to /ticket search ${text}`);
    return [...visibleText(answer).matchAll(/^\*(#\d+)\*/gm)].map((match) => match[1] ?? '').sort();
  };

  it('finds a manager’s tickets in each department they manage, never Facilities’, whatever is typed', async () => {
    const outage = await scenes.fileTicket(karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    const access = await scenes.fileTicket(michael.id, 'Access Issue', 'VPN access for the mobile banking vendor');
    const building = await scenes.fileTicket(ken.id, 'Building', 'Banking hall door d1 d2 d3 is stuck');
    const facilities = (await scenes.ticket(building.number)).departmentId;
    const attempts: [string, string, string[]][] = [];
    const expectFinds = async (userId: string, typed: string, numbers: number[]) =>
      attempts.push([userId, typed, await searchCommand(userId, typed)]) && expect(attempts.at(-1)).toEqual([userId, typed, numbers.map((number) => `#${number}`).sort()]);
    await expectFinds(supportManager.id, 'banking', [outage.number, access.number]);
    await expectFinds(supportManager.id, 'mobile', [outage.number, access.number]);
    await expectFinds(john.id, 'banking', [outage.number]);
    await expectFinds(jerry.id, 'banking', [access.number]);
    await expectFinds(ken.id, 'banking', [building.number]);
    // Whatever is typed, Facilities' ticket never shows outside Facilities.
    for (const typed of [
      `#d${facilities}`,
      `d${facilities}`,
      'd1',
      'd2',
      '"d3"',
      `${building.number}`,
      `#${building.number}`,
      'door',
      'ken',
      `<@${ken.id}>`,
      `banking ${ken.id}`,
      'hall OR banking',
      'banking*',
      ':* & d3',
      'banking hall',
    ]) {
      for (const asker of [supportManager.id, john.id, jerry.id])
        expect([asker, typed, await searchCommand(asker, typed)]).toEqual([asker, typed, expect.not.arrayContaining([`#${building.number}`])]);
    }
    await expectFinds(supportManager.id, `d${facilities}`, []);
    await expectFinds(ken.id, `d${facilities}`, [building.number]);
    // Transferred to Sys Admins, the outage is the manager's still, and Jerry's, and no longer John's.
    await scenes.clickAndSubmit(john.id, await scenes.card(outage.number), 'Transfer', { 'Transfer to': 'Sys Admins', Reason: 'Needs the load balancer team' });
    await expectFinds(john.id, 'banking', []);
    await expectFinds(jerry.id, 'banking', [outage.number, access.number]);
    await expectFinds(supportManager.id, 'entire', [outage.number]);
    await expectFinds(john.id, `#${outage.number}`, []);
    expect(harness.slack.rejections).toEqual([]);
  });
});
