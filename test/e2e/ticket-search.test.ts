import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';

const { karen, michael, john, jerry, boss, ken } = people;

/**
 * Agents and managers search their departments' tickets from the Search modal (the Home's Search
 * button): ranked, the matched words shown, replies, notes and what requesters wrote included.
 */
describe('ticket search', () => {
  let harness: Harness;
  let scenes: Scenes;

  beforeEach(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  /** The person clicks Search on their Home, types `text` and presses Search: what the modal then shows, or the error beside the input. */
  const search = async (userId: string, text: string): Promise<{ shown: string; error: string | null; numbers: string[] }> => {
    const { slack, requests } = harness;
    const response = await requests.interaction({
      type: 'block_actions',
      user: { id: userId, username: userId, name: userId, team_id: slack.teamId },
      api_app_id: 'A0HELPDESK',
      token: 'verification-token-unused',
      container: { type: 'view', view_id: 'V0HOME' },
      trigger_id: slack.issueTrigger(userId),
      team: { id: slack.teamId, domain: 'helpdesk-demo' },
      view: { id: 'V0HOME', type: 'home', blocks: [] },
      actions: [{ type: 'button', action_id: 'home_open_search', block_id: 'home_search', text: { type: 'plain_text', text: 'Search' }, action_ts: '1' }],
    });
    expect(response.status).toBe(200);
    const modal = await slack.waitFor(() => (slack.currentView(userId)?.view.callback_id === 'ticket_search_modal' ? slack.currentView(userId) : null), 3000, 'the Search modal');
    const submitted = await requests.submitModal(userId, { 'Words or #number': text }, modal ?? undefined);
    const body = submitted.body ? (submitted.json() as { response_action?: string; errors?: Record<string, string> }) : {};
    const shown = visibleText({ blocks: slack.currentView(userId)?.view.blocks });
    slack.closeView(userId);
    return { shown, error: body.response_action === 'errors' ? Object.values(body.errors ?? {}).join(' ') : null, numbers: [...shown.matchAll(/^\*(#\d+)\*/gm)].map((match) => match[1] ?? '') };
  };

  /** Types `/ticket search <text>` as `userId`: the ephemeral answer Slack shows them. */
  const searchCommand = async (userId: string, text: string): Promise<{ shown: string; numbers: string[]; blocks: number }> => {
    const { slack, requests } = harness;
    const before = slack.ephemeralsFor(userId).length;
    const response = await requests.slashCommand(userId, `search ${text}`);
    expect(response.status).toBe(200);
    const answer = await slack.waitFor(() => slack.ephemeralsFor(userId)[before], 3000, `the answer to /ticket search ${text}`);
    const shown = visibleText(answer);
    expect(slack.ephemeralsFor(userId)).toHaveLength(before + 1);
    return { shown, numbers: [...shown.matchAll(/^\*(#\d+)\*/gm)].map((match) => match[1] ?? ''), blocks: answer.blocks.length };
  };

  it('answers /ticket search with ranked tickets and their matched words, only to the agent, and says how many more matched', async () => {
    const passing = await scenes.fileTicket(michael.id, 'Report a Problem', 'Mail stopped on my iPhone', 'It stopped after I opened the banking app.');
    const outage = await scenes.fileTicket(karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    for (let index = 0; index < 10; index += 1) await scenes.fileTicket(ken.id, 'Report a Problem', `Question about the banking portal login page from the branch office, report ${index}`);
    const found = await searchCommand(john.id, 'mobile banking');
    expect(found.numbers).toEqual([`#${outage.number}`]);
    expect(found.shown).toContain('Entire *mobile* online *banking* is down');
    const all = await searchCommand(john.id, 'banking');
    expect(all.numbers).toHaveLength(10);
    expect(all.numbers[0]).toBe(`#${outage.number}`);
    expect(all.numbers).not.toContain(`#${passing.number}`);
    expect(all.shown).toContain('12 tickets in Support match “banking”');
    expect(all.shown).toContain('…and 2 more. Add words to narrow the search.');
    const byMention = await searchCommand(john.id, `<@${karen.id}|karen> banking`);
    expect(byMention.numbers).toEqual([`#${outage.number}`]);
    const refused = await searchCommand(karen.id, 'banking');
    expect(refused.shown).toContain('Search is for agents and managers');
    expect(refused.numbers).toEqual([]);
    expect((await searchCommand(john.id, '"*" :-) ((')).shown).toContain('Type words, a ticket number');
    expect(harness.slack.rejections).toEqual([]);
  });

  it('ranks Karen\'s "Entire mobile online banking is down" above a ticket that mentions banking once, and shows the matched words', async () => {
    const passing = await scenes.fileTicket(michael.id, 'Report a Problem', 'Mail stopped on my iPhone', 'It stopped after I opened the banking app.');
    const outage = await scenes.fileTicket(karen.id, 'Business Critical Outage', 'Entire mobile online banking is down', 'Customers cannot log in to mobile banking since 9:05.');
    await scenes.fileTicket(ken.id, 'Report a Problem', 'The printer on floor 3 jams');
    const found = await search(john.id, 'mobile banking');
    expect(found.error).toBeNull();
    expect(found.numbers).toEqual([`#${outage.number}`]);
    expect(found.shown).toContain('*mobile* online *banking*');
    const wider = await search(john.id, 'banking');
    expect(wider.numbers).toEqual([`#${outage.number}`, `#${passing.number}`]);
    expect(wider.shown).toContain('2 tickets in Support match “banking”');
    expect(wider.shown).toContain('opened the *banking*');
  });

  it("finds a reply's and an internal note's words, a ticket by its number and by its requester", async () => {
    const outage = await scenes.fileTicket(karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    await scenes.fileTicket(michael.id, 'Report a Problem', 'Mail stopped on my iPhone');
    const card = await scenes.card(outage.number);
    await scenes.clickAndSubmit(john.id, card, 'Reply to requester', { 'Message to the requester': 'We restarted the gateway; please try again.' });
    await scenes.clickAndSubmit(john.id, await scenes.card(outage.number), 'Internal note', { Note: 'Load balancer certificate expired overnight.' });
    expect((await search(john.id, 'gateway')).numbers).toEqual([`#${outage.number}`]);
    const note = await search(john.id, 'certificate expired');
    expect(note.numbers).toEqual([`#${outage.number}`]);
    expect(note.shown).toContain('*certificate* *expired*');
    expect((await search(john.id, `#${outage.number}`)).numbers).toEqual([`#${outage.number}`]);
    expect((await search(john.id, String(outage.number + 1))).numbers).toEqual([`#${outage.number + 1}`]);
    const byRequester = await search(john.id, karen.id);
    expect(byRequester.numbers).toEqual([`#${outage.number}`]);
  });

  it('finds an edited requester message by its new words, and forgets a deleted one', async () => {
    const outage = await scenes.fileTicket(karen.id, 'Report a Problem', 'Entire mobile online banking is down');
    const { message } = await harness.requests.writeInDm(karen.id, 'The app says error 503', outage.requesterDmTs);
    await harness.settle();
    await harness.requests.editInDm(message, 'The app says timeout on login');
    await harness.settle();
    expect((await search(john.id, 'timeout')).numbers).toEqual([`#${outage.number}`]);
    const { message: secret } = await harness.requests.writeInDm(karen.id, 'my password is hunter2', outage.requesterDmTs);
    await harness.settle();
    expect((await search(john.id, 'hunter2')).numbers).toEqual([`#${outage.number}`]);
    await harness.requests.deleteInDm(secret);
    await harness.settle();
    expect((await search(john.id, 'hunter2')).numbers).toEqual([]);
    // Nor do the index's own pages keep the erased words.
    const db = harness.helpdesk.db;
    const pages: { text: unknown }[] = db.isSqlite
      ? await db.manager.query('SELECT block AS text FROM ticket_search_data')
      : await db.manager.query('SELECT body AS text, document::text AS words FROM ticket_search');
    const stored = pages.map((page) => (Buffer.isBuffer(page.text) ? page.text.toString('latin1') : JSON.stringify(page))).join('');
    // SQLite's index stores stems, each sharing its start with the term before it: look for the word's tail.
    expect(stored).toContain('bank');
    expect(stored).not.toContain('unter2');
  });

  it("refuses anyone but agents and managers, and keeps Sys Admins' tickets from Support's agents", async () => {
    const access = await scenes.fileTicket(karen.id, 'Access Issue', 'VPN access for the mobile banking vendor');
    const outage = await scenes.fileTicket(karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    const refused = await search(karen.id, 'banking');
    expect(refused.error).toBe('Search is for agents and managers.');
    expect((await search(john.id, 'banking')).numbers).toEqual([`#${outage.number}`]);
    expect((await search(john.id, `#${access.number}`)).numbers).toEqual([]);
    expect((await search(jerry.id, 'banking')).numbers).toEqual([`#${access.number}`]);
    expect((await search(boss.id, 'vpn')).numbers).toEqual([`#${access.number}`]);
    expect(harness.slack.rejections).toEqual([]);
  });

  it("keeps a transferred ticket's words in its new department only, the index holding the department", async () => {
    const outage = await scenes.fileTicket(karen.id, 'Business Critical Outage', 'Entire mobile online banking is down', 'Customers see #d2 on the login page');
    const other = await scenes.fileTicket(michael.id, 'Report a Problem', 'Mail on my iPhone stopped syncing after the banking update');
    expect((await search(john.id, 'banking')).numbers.sort()).toEqual([`#${outage.number}`, `#${other.number}`].sort());
    expect((await search(jerry.id, 'banking')).numbers).toEqual([]);
    await scenes.clickAndSubmit(john.id, await scenes.card(outage.number), 'Transfer', { 'Transfer to': 'Sys Admins', Reason: 'Needs the load balancer team' });
    const moved = await scenes.ticket(outage.number);
    expect(moved.departmentId).not.toBe(other.departmentId);
    expect((await search(john.id, 'banking')).numbers).toEqual([`#${other.number}`]);
    expect((await search(jerry.id, 'banking')).numbers).toEqual([`#${outage.number}`]);
    // The department is in the index itself (and only there: a typed "#d2" is the word "d2").
    const db = harness.helpdesk.db;
    const [row]: { scope: string }[] = db.isSqlite
      ? await db.manager.query('SELECT scope FROM ticket_search WHERE rowid = ?', [moved.id])
      : await db.manager.query('SELECT document::text AS scope FROM ticket_search WHERE ticket_id = $1', [moved.id]);
    const lexemes = db.isSqlite ? [row?.scope] : [...(row?.scope ?? '').matchAll(/'#d\d+'/g)].map((match) => match[0]);
    expect(lexemes).toEqual([db.isSqlite ? `d${moved.departmentId}` : `'#d${moved.departmentId}'`]);
    expect((await search(jerry.id, 'd2')).numbers).toEqual([`#${outage.number}`]);
    expect(harness.slack.rejections).toEqual([]);
  });
});
