import { PostedMessage } from '../../src/sandbox/local-slack/local-slack';
import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { buttonLabels, visibleText } from '../support/visible-text';

/**
 * Watchers, osTicket's collaborators: Ken follows Karen's outage. He hears in his own DM what Karen
 * hears (never an internal note), writes to the ticket from there, cannot confirm the fix, and
 * stops watching; each change is in the history.
 */
describe('watchers of a ticket', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeAll(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down', 'Every page of the app answers 404.');
    await scenes.click(john, await scenes.card(1001), 'Assign to me');
  });
  afterAll(async () => {
    await harness.stop();
  });

  const karen = people.karen.id;
  const ken = people.ken.id;
  const john = people.john.id;
  const michael = people.michael.id;

  /** Ken's conversation about the ticket: the message that starts it, then its thread. */
  const kensConversation = (): { root: PostedMessage | undefined; thread: string[] } => {
    const root = scenes.dmsTo(ken).find((message) => message.text.includes('added you as a watcher'));
    return { root, thread: root ? harness.slack.messagesIn(root.channel, root.ts).map((message) => visibleText(message)) : [] };
  };

  /** A person opens the Watchers modal (from the card's ⋮ menu, or a button) and saves `watcherIds`. */
  const saveWatchers = async (userId: string, open: () => Promise<unknown>, watcherIds: string[]) => {
    const before = harness.slack.currentView(userId)?.id;
    await open();
    const modal = await harness.slack.waitFor(
      () => {
        const view = harness.slack.currentView(userId);
        return view && view.id !== before && view.view.callback_id === 'ticket_watchers_modal' ? view : null;
      },
      3000,
      'the Watchers modal',
    );
    const response = await harness.requests.submitModal(userId, { Watchers: watcherIds.join('|') }, modal);
    await harness.settle();
    return { modal, body: response.body ? (response.json() as Record<string, unknown>) : {} };
  };

  it('John adds Ken from the card: the card thread, Karen and the history say so, and Ken gets his own conversation', async () => {
    const card = await scenes.card(1001);
    const { body } = await saveWatchers(john, () => harness.requests.chooseOverflow(john, card, 'Watchers…'), [ken]);
    expect(body).toEqual({});
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toBe(`:eyes: <@${john}> added <@${ken}> as a watcher: they hear what the requester hears and can write here.`);
    expect((await scenes.requesterThread(1001)).at(-1)?.text).toContain(`added <@${ken}> as a watcher of #1001`);
    const { root } = kensConversation();
    expect(root && visibleText(root)).toContain(`<@${john}> from the help desk added you as a watcher of <@${karen}>'s ticket *#1001* Entire mobile online banking is down`);
    expect(buttonLabels(root as never)).toEqual(['Stop watching']);
    expect((await scenes.history(1001)).at(-1)).toMatchObject({ type: 'watcher_added', actorId: john });
  });

  it("Ken receives John's reply to Karen but never the internal note", async () => {
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Internal note', { Note: 'Load balancer pool 3 looks dead' });
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'We are on it. Does the website work for you?' });
    const { thread } = kensConversation();
    expect(thread.some((text) => text.includes(`<@${john}> from the help desk replied to <@${karen}> on #1001:\n>We are on it. Does the website work for you?`))).toBe(true);
    expect(thread.join('\n')).not.toContain('Load balancer pool 3');
    expect(scenes.thread(await scenes.card(1001)).join('\n')).toContain('Load balancer pool 3 looks dead');
  });

  it('Ken writes in his thread: it reaches the card thread marked with his name and role', async () => {
    const { root } = kensConversation();
    await harness.requests.writeInDm(ken, 'Branch customers see the same 404 since 9:00', root?.ts ?? null);
    await harness.settle();
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toBe(`:eyes: <@${ken}> (watcher): Branch customers see the same 404 since 9:00`);
    expect((await scenes.history(1001)).at(-1)).toMatchObject({ type: 'watcher_messaged', actorId: ken, text: 'Branch customers see the same 404 since 9:00' });
  });

  it('the resolution reaches Ken without buttons; only Karen can confirm it', async () => {
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Resolve', { Resolution: 'Reconnected the failed load balancer' });
    const { thread } = kensConversation();
    expect(thread.at(-1)).toContain(':white_check_mark: #1001 was resolved by');
    expect(thread.at(-1)).toContain(`<@${karen}> confirms the fix or reopens the ticket.`);
    const { root } = kensConversation();
    expect(buttonLabels(harness.slack.messagesIn(root?.channel ?? '', root?.ts ?? '').at(-1) as never)).toEqual([]);
    // Ken clicks Karen's button (a forged click): refused, the ticket stays resolved.
    const karensPrompt = (await scenes.requesterThread(1001)).find((message) => buttonLabels(message).includes('That fixed it'));
    await scenes.click(ken, karensPrompt as PostedMessage, 'That fixed it');
    expect((await scenes.ticket(1001)).status).toBe('resolved');
    await scenes.click(karen, karensPrompt as PostedMessage, 'That fixed it');
    expect((await scenes.ticket(1001)).status).toBe('closed');
    expect(kensConversation().thread.at(-1)).toContain('#1001 is closed.');
  });

  it('Karen manages the watchers from her DM; picking herself is refused beside the input, changing nothing', async () => {
    const ticket = await scenes.ticket(1001);
    const confirmation = harness.slack.messages.find((message) => message.channel === ticket.requesterDmChannelId && message.ts === ticket.requesterDmTs);
    const refused = await saveWatchers(karen, () => harness.requests.clickButton(karen, confirmation as PostedMessage, 'Watchers…'), [ken, karen]);
    expect(refused.body).toEqual({ response_action: 'errors', errors: { watchers: 'That is the requester: they hear everything about their ticket already.' } });
    harness.slack.closeView(karen);
    const { modal } = await saveWatchers(karen, () => harness.requests.clickButton(karen, confirmation as PostedMessage, 'Watchers…'), [ken, michael]);
    expect(JSON.stringify(modal.view.blocks)).toContain(`"initial_users":["${ken}"]`);
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toBe(`:eyes: <@${karen}> added <@${michael}> as a watcher: they hear what the requester hears and can write here.`);
    expect((await scenes.history(1001)).filter((event) => event.type === 'watcher_added')).toHaveLength(2);
  });

  it('Ken stops watching: he is told, the card thread says so, and what he writes then is not relayed', async () => {
    const { root } = kensConversation();
    await scenes.click(ken, root as PostedMessage, 'Stop watching');
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toBe(`:eyes: <@${ken}> stopped watching this ticket.`);
    expect(scenes.dmsTo(ken).at(-1)?.text).toBe('You stopped watching #1001; you will hear no more of it here.');
    expect((await scenes.history(1001)).at(-1)).toMatchObject({ type: 'watcher_removed', actorId: ken });
    const lines = scenes.thread(await scenes.card(1001)).length;
    await harness.requests.writeInDm(ken, 'Still here?', root?.ts ?? null);
    await harness.settle();
    expect(scenes.thread(await scenes.card(1001))).toHaveLength(lines);
    expect(harness.slack.messagesIn(root?.channel ?? '', root?.ts ?? '').at(-1)?.text).toContain('To add to a ticket, reply in its thread here.');
  });
});
