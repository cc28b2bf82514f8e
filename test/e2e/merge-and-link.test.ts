import { NOT_PERMITTED_MESSAGE } from '../../src/domain/ticket-error';
import { PostedMessage } from '../../src/sandbox/local-slack/local-slack';
import { channels, DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { buttonLabels, visibleText } from '../support/visible-text';

const karen = people.karen.id;
const michael = people.michael.id;
const ken = people.ken.id;
const john = people.john.id;
const jane = people.jane.id;
const jerry = people.jerry.id;

/** Jane works for the Sys Admins too: she can see tickets of both departments. */
const CONFIG = DEMO_CONFIG.replace('    agents: [U0SYSA]\n', '    agents: [U0SYSA, U0JANE]\n');
/** How the local Slack's workspace forms a link to a card (auth.test's url, then archives/<channel>/p<ts without the dot>). */
const cardLink = (card: PostedMessage, number: number) => `<https://helpdesk-demo.slack.com/archives/${card.channel}/p${card.ts.replace('.', '')}|#${number}>`;

describe('merging a duplicate into another ticket, and linking related tickets', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness({ config: CONFIG });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  /** A person picks `option` from the card's ⋮ menu, waits for the modal it opens, fills it by label and submits it. */
  const chooseAndSubmit = async (userId: string, number: number, option: string, fills: Record<string, string | null>) => {
    const { slack, requests } = harness;
    const before = slack.currentView(userId)?.id;
    await requests.chooseOverflow(userId, await scenes.card(number), option);
    const modal = await slack.waitFor(
      () => {
        const open = slack.currentView(userId);
        return open && open.id !== before ? open : null;
      },
      3000,
      `the modal behind "${option}"`,
    );
    const response = await requests.submitModal(userId, fills, modal);
    await harness.settle();
    const body = response.body ? (response.json() as { response_action?: string; errors?: Record<string, string> }) : {};
    if (body.response_action !== 'errors') slack.closeView(userId);
    return { modal, errors: Object.values(body.errors ?? {}) };
  };

  const selectOptions = (view: { blocks: unknown[] }): string[] =>
    (view.blocks as { type: string; element?: { type: string; options?: { text: { text: string } }[] } }[])
      .filter((block) => block.type === 'input' && block.element?.type === 'static_select')
      .flatMap((block) => block.element?.options?.map((option) => option.text.text) ?? []);

  it("merges Michael's duplicate into Karen's outage: the duplicate closes as merged, both cards link each other, the history moves over, and Michael is told", async () => {
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down', 'Customers are reporting they are getting a 404 error when browsing to online banking');
    await scenes.fileTicket(ken, 'Report a Problem', 'Printer on 3rd floor is jammed');
    await scenes.fileTicket(michael, 'Business Critical Outage', 'Mobile banking down on my iPhone', 'The bank app shows a 404 since this morning');
    await harness.requests.writeInDm(michael, 'It fails on Wi-Fi too', (await scenes.ticket(1003)).requesterDmTs);
    await harness.settle();

    const { modal, errors } = await chooseAndSubmit(john, 1003, 'Merge into…', { 'Merge into': '#1001 Entire mobile online banking is down' });
    // Offered: Karen's outage (similar summary), not the printer, not the duplicate itself.
    expect(selectOptions(modal.view as { blocks: unknown[] })).toEqual(['#1001 Entire mobile online banking is down']);
    expect(errors).toEqual([]);

    const duplicate = await scenes.ticket(1003);
    expect(duplicate).toMatchObject({ status: 'closed', closeReason: 'merged' });
    const duplicateCard = await scenes.card(1003);
    const survivingCard = await scenes.card(1001);
    expect(visibleText(duplicateCard)).toContain(`Merged into ${cardLink(survivingCard, 1001)}`);
    expect(visibleText(duplicateCard)).toContain(`*Closed*\n<@${john}>`);
    expect(buttonLabels(duplicateCard)).toEqual(['Reopen']);
    expect(visibleText(survivingCard)).toContain(`Merged in ${cardLink(duplicateCard, 1003)}`);
    expect((await scenes.ticket(1001)).status).toBe('open');

    const history = await scenes.history(1003);
    expect(history.at(-1)).toMatchObject({ type: 'merged', actorId: john });
    // The duplicate's requester now watches the surviving ticket, and is told so in a conversation of its own.
    expect((await scenes.history(1001)).slice(-2)).toMatchObject([
      { type: 'merged_from', actorId: john },
      { type: 'watcher_added', actorId: john },
    ]);
    await harness.settle();
    expect(scenes.dmsTo(michael).map((message) => message.text)).toContainEqual(expect.stringContaining(`<@${john}> from the help desk added you as a watcher of <@${karen}>'s ticket *#1001*`));

    const survivingThread = scenes.thread(survivingCard).join('\n');
    expect(survivingThread).toContain(`<@${john}> merged #1003, a duplicate from <@${michael}>, into this ticket. Its history:`);
    expect(survivingThread).toContain('*History of #1003 so far*');
    expect(survivingThread).toContain('It fails on Wi-Fi too');
    expect(scenes.thread(duplicateCard).at(-1)).toContain(`<@${john}> merged this ticket into #1001 as a duplicate`);

    const michaelSees = (await scenes.requesterThread(1003)).map(visibleText).join('\n');
    expect(michaelSees).toContain(`Your ticket #1003 is about the same problem as #1001, which the help desk is already working on: <@${john}> merged it into #1001 and closed it here.`);
    // Karen's conversation is not disturbed by a merge into her ticket.
    expect((await scenes.requesterThread(1001)).map(visibleText).join('\n')).not.toContain('#1003');

    // A merge was a mistake: the duplicate reopens like any closed ticket, and its card says it was merged.
    await scenes.click(john, duplicateCard, 'Reopen');
    expect((await scenes.ticket(1003)).status).toBe('open');
    expect(visibleText(await scenes.card(1003))).toContain(`Was merged into ${cardLink(survivingCard, 1001)}`);
    // And merging it again is no mistake.
    expect((await chooseAndSubmit(john, 1003, 'Merge into…', { 'Or type its number': '1001' })).errors).toEqual([]);
    expect((await scenes.ticket(1003)).status).toBe('closed');
  });

  it('links two related tickets of different departments: both cards show the other number as a link to its card', async () => {
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    await scenes.fileTicket(ken, 'Access Issue', 'Cannot log in to the load balancer console');
    expect((await scenes.card(1002)).channel).toBe(channels.sysadmins);

    const { errors } = await chooseAndSubmit(jane, 1001, 'Link ticket…', { 'Related ticket number': '#1002' });
    expect(errors).toEqual([]);
    const outage = await scenes.card(1001);
    const access = await scenes.card(1002);
    expect(visibleText(outage)).toContain(`Related ${cardLink(access, 1002)}`);
    expect(visibleText(access)).toContain(`Related ${cardLink(outage, 1001)}`);
    expect(scenes.thread(outage).at(-1)).toBe(`:link: <@${jane}> linked this ticket to #1002.`);
    expect(scenes.thread(access).at(-1)).toBe(`:link: <@${jane}> linked this ticket to #1001.`);
    expect((await scenes.history(1002)).at(-1)).toMatchObject({ type: 'linked', actorId: jane });
    // Nothing else changes, and nobody else is told.
    expect(await scenes.ticket(1001)).toMatchObject({ status: 'open', version: 1 });
    expect((await scenes.requesterThread(1002)).map(visibleText).join('\n')).not.toContain('#1001');

    const again = await chooseAndSubmit(jerry, 1002, 'Link ticket…', { 'Related ticket number': '1001' });
    expect(again.errors).toEqual(['There is no ticket #1001 that you can see. Check the number (the cards show it, e.g. #1042).']);
    const twice = await chooseAndSubmit(jane, 1002, 'Link ticket…', { 'Related ticket number': '1001' });
    expect(twice.errors).toEqual(['#1002 and #1001 are already linked.']);
    const itself = await chooseAndSubmit(jane, 1002, 'Link ticket…', { 'Related ticket number': '1002' });
    expect(itself.errors).toEqual(['A ticket cannot be linked to itself: type the number of the related ticket.']);
  });

  describe('refusals keep the form open with the reason, and change nothing', () => {
    beforeEach(async () => {
      await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
      await scenes.fileTicket(ken, 'Access Issue', 'Cannot log in to the load balancer console');
      await scenes.fileTicket(michael, 'Business Critical Outage', 'Mobile banking down on my iPhone');
    });

    const unchanged = async () => {
      expect(await scenes.ticket(1003)).toMatchObject({ status: 'open', version: 1 });
      expect((await scenes.history(1001)).map((event) => event.type)).toEqual(['created']);
    };

    it.each([
      ['into a ticket of another department', '1002', '#1002 is in another department: a ticket can only be merged into a ticket of its own department (transfer it first).'],
      ['into itself', '#1003', 'A ticket cannot be merged into itself: pick the ticket #1003 duplicates.'],
      ['into an unknown number', '9999', 'There is no ticket #9999 that you can see. Check the number (the cards show it, e.g. #1042).'],
      ['into words that are no number', 'the outage', '"the outage" is not a ticket number: type its digits, such as 1042.'],
    ])('refuses a merge %s', async (_what, typed, message) => {
      const { errors } = await chooseAndSubmit(john, 1003, 'Merge into…', { 'Or type its number': typed });
      expect(errors).toEqual([message]);
      await unchanged();
    });

    it('refuses a merge into a closed ticket', async () => {
      await scenes.fileTicket(karen, 'Report a Problem', 'Printer on 3rd floor is jammed');
      const response = await harness.requests.chooseOverflow(john, await scenes.card(1004), 'Close');
      expect(response.status).toBe(200);
      await harness.settle();
      expect((await scenes.ticket(1004)).status).toBe('closed');
      const { errors } = await chooseAndSubmit(john, 1003, 'Merge into…', { 'Or type its number': '1004' });
      expect(errors).toEqual(['#1004 is closed: merge into a ticket that is still being worked on, or reopen it first.']);
      await unchanged();
    });

    it('refuses a form opened before the duplicate changed (stale view), and merges nothing', async () => {
      const { slack, requests } = harness;
      await requests.chooseOverflow(john, await scenes.card(1003), 'Merge into…');
      const modal = await slack.waitFor(() => slack.currentView(john), 3000, 'the Merge modal');
      await scenes.click(jane, await scenes.card(1003), 'Assign to me');
      const response = await requests.submitModal(john, { 'Merge into': '#1001 Entire mobile online banking is down' }, modal);
      await harness.settle();
      expect(Object.values((response.json() as { errors: Record<string, string> }).errors)).toEqual(['#1003 changed since you last saw it.']);
      expect(await scenes.ticket(1003)).toMatchObject({ status: 'in_progress', assigneeId: jane });
      expect((await scenes.history(1001)).map((event) => event.type)).toEqual(['created']);
    });

    it('asks for a ticket when none is picked or typed, and for one of them when both differ', async () => {
      expect((await chooseAndSubmit(john, 1003, 'Merge into…', {})).errors).toEqual(['Pick a ticket above or type its number.']);
      const both = await chooseAndSubmit(john, 1003, 'Merge into…', { 'Merge into': '#1001 Entire mobile online banking is down', 'Or type its number': '1002' });
      expect(both.errors).toEqual(['You picked #1001 above and typed #1002: keep one of them.']);
      await unchanged();
    });

    it('refuses the menu to someone outside the department, as every card action', async () => {
      await harness.requests.chooseOverflow(jerry, await scenes.card(1003), 'Merge into…');
      await harness.settle();
      expect(harness.slack.ephemeralsFor(jerry).at(-1)?.text).toBe(NOT_PERMITTED_MESSAGE);
      expect(harness.slack.currentView(jerry)).toBeNull();
      await unchanged();
    });
  });
});
