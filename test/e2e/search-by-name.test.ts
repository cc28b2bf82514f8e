import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';

const { karen, michael, john, jane, ken, supportManager, jerry } = people;

/**
 * `/ticket search karen`: a word that is a person's name (real name, display name or handle, in
 * any letter case) finds that person's tickets, as requester or assignee, as a mention does.
 */
describe('search by a person’s name', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  /** Types `/ticket search <text>` as `userId`: the ephemeral answer, and the ticket numbers it lists. */
  const searchCommand = async (userId: string, text: string): Promise<{ shown: string; numbers: string[] }> => {
    const { slack, requests } = harness;
    const before = slack.ephemeralsFor(userId).length;
    const response = await requests.slashCommand(userId, `search ${text}`);
    expect(response.status).toBe(200);
    const answer = await slack.waitFor(() => slack.ephemeralsFor(userId)[before], 5000, `the answer to /ticket search ${text}`);
    const shown = visibleText(answer);
    return { shown, numbers: [...shown.matchAll(/^\*(#\d+)\*/gm)].map((match) => match[1] ?? '') };
  };

  it('`/ticket search karen` finds Karen’s outage, and `karen banking`, `John`, `doe` narrow or widen as a person expects', async () => {
    const outage = await scenes.fileTicket(karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    const mail = await scenes.fileTicket(michael.id, 'Report a Problem', 'Mail on my iPhone stopped syncing');
    const printer = await scenes.fileTicket(karen.id, 'Report a Problem', 'Printer on 3rd floor is jammed');
    await scenes.click(john.id, await scenes.card(mail.number), 'Assign to me');
    await scenes.click(jane.id, await scenes.card(printer.number), 'Assign to me');

    const karens = await searchCommand(john.id, 'karen');
    expect(karens.numbers.sort()).toEqual([`#${outage.number}`, `#${printer.number}`].sort());
    expect(karens.shown).toContain(`of <@${karen.id}> (as requester or assignee) in Support match “karen”`);
    expect(karens.shown).toContain('“karen” was read as a name. To search for the word itself, put it in quotes');
    // In quotes, the word is only a word: no ticket's text says "karen".
    expect((await searchCommand(john.id, '"karen"')).shown).toContain('No tickets in Support match');
    expect((await searchCommand(john.id, 'Karen banking')).numbers).toEqual([`#${outage.number}`]);
    // John is the assignee of Michael's mail; "doe" names John Doe and Jane Doe, so both their tickets.
    expect((await searchCommand(supportManager.id, 'John')).numbers).toEqual([`#${mail.number}`]);
    expect((await searchCommand(supportManager.id, 'doe')).numbers.sort()).toEqual([`#${mail.number}`, `#${printer.number}`].sort());
    expect((await searchCommand(supportManager.id, 'john doe')).numbers).toEqual([`#${mail.number}`]);
    // Ken has no ticket: his name is then searched as a word like any other (and matches none).
    const kens = await searchCommand(john.id, 'ken');
    expect(kens.numbers).toEqual([]);
    expect(kens.shown).toContain('No tickets in Support match “ken”');
    // Jerry's department is Sys Admins: Support's tickets stay out of his search, names or not.
    expect((await searchCommand(jerry.id, 'karen')).numbers).toEqual([]);
    expect(harness.slack.callsTo('users.list').length).toBeGreaterThan(0);
  });

  it('finds every demo person’s tickets by any word of their real name, display name or handle, in any letter case', async () => {
    const requesters = [karen, ken, michael] as const;
    const filed = new Map<string, number>();
    for (const person of requesters) filed.set(person.id, (await scenes.fileTicket(person.id, 'Report a Problem', `Laptop fan is loud (${person.realName})`)).number);
    for (const person of requesters) {
      const words = [...new Set([...person.realName.split(/\s+/), ...person.name.split(/[^a-z]+/)].filter(Boolean))];
      for (const word of words) {
        for (const typed of [word.toLowerCase(), word.toUpperCase(), word]) {
          const found = await searchCommand(john.id, typed);
          expect(found.numbers).toContain(`#${filed.get(person.id)}`);
        }
      }
    }
  });
});
