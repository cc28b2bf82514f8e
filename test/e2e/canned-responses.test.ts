import { Json } from '../../src/sandbox/json';
import { OpenView } from '../../src/sandbox/local-slack/local-slack';
import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';

const CONFIG = `${DEMO_CONFIG}
canned_responses:
  - title: Looking into it
    text: "Hi {requester.name}, {agent.name} from {department} here: we are looking into {ticket.number} ({ticket.summary})."
  - title: Outage bridge
    department: Support
    text: "The outage bridge for {ticket.number} is open; Sys Admins are on it."
  - title: Password reset
    department: Sys Admins
    text: "Your password is reset, {requester.name}."
`;

const karen = people.karen.id;
const john = people.john.id;
const ken = people.ken.id;

/** The message input of a Reply or Internal note modal as the person sees it: its block id and what it shows. */
const messageInput = (open: OpenView | null): { blockId: string; initial: unknown } => {
  const block = ((open?.view.blocks as Json[] | undefined) ?? []).find((candidate) => candidate.type === 'input' && String(candidate.block_id).startsWith('text'));
  if (!block) throw new Error('the modal has no message input');
  return { blockId: String(block.block_id), initial: (block.element as Json).initial_value };
};
const cannedTitles = (open: OpenView | null): string[] => {
  const block = ((open?.view.blocks as Json[] | undefined) ?? []).find((candidate) => candidate.block_id === 'canned');
  return (((block?.element as Json | undefined)?.options as Json[] | undefined) ?? []).map((option) => String((option.text as Json).text));
};

describe('canned responses in Reply to requester and Internal note', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness({ config: CONFIG });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  /** Opens a card button's modal and answers it. */
  const openFromCard = async (userId: string, label: string): Promise<OpenView> => {
    await harness.requests.clickButton(userId, await scenes.card(1001), label);
    return harness.slack.waitFor(() => harness.slack.currentView(userId), 3000, `the ${label} modal`);
  };
  /** Waits until the app has updated the modal after a choice (views.update). */
  const updated = (userId: string, hash: string) =>
    harness.slack.waitFor(
      () => {
        const open = harness.slack.currentView(userId);
        return open && open.hash !== hash ? open : null;
      },
      3000,
      'the updated modal',
    );

  it("John inserts “Looking into it” after what he typed, with Karen's name, his, the department and the ticket filled in, edits nothing and sends it", async () => {
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    const modal = await openFromCard(john, 'Reply to requester');
    // Support's responses and those for everyone, never the Sys Admins'.
    expect(cannedTitles(modal)).toEqual(['Looking into it', 'Outage bridge']);

    await harness.requests.chooseInModal(john, 'Insert a canned response', 'Looking into it', { 'Message to the requester': 'Thanks for telling us.' });
    const filled = await updated(john, modal.hash);
    const expected = 'Thanks for telling us.\n\nHi Karen Karen, John Doe from Support here: we are looking into #1001 (Entire mobile online banking is down).';
    expect(messageInput(filled)).toEqual({ blockId: 'text.1', initial: expected });

    const response = await harness.requests.submitModal(john, {});
    expect(response.body).toBe('');
    await harness.settle();
    expect((await scenes.requesterThread(1001)).map((message) => message.text).join('\n')).toContain(
      'Hi Karen Karen, John Doe from Support here: we are looking into #1001 (Entire mobile online banking is down).',
    );
    expect((await scenes.history(1001)).at(-1)).toMatchObject({ type: 'replied', actorId: john, text: expected });
  });

  it('the inserted text can be edited before it is sent, and a second response goes after the first', async () => {
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    const modal = await openFromCard(john, 'Internal note');
    await harness.requests.chooseInModal(john, 'Insert a canned response', 'Outage bridge');
    const first = await updated(john, modal.hash);
    expect(messageInput(first)).toEqual({ blockId: 'text.1', initial: 'The outage bridge for #1001 is open; Sys Admins are on it.' });
    await harness.requests.chooseInModal(john, 'Insert a canned response', 'Looking into it');
    const second = await updated(john, first.hash);
    expect(messageInput(second).blockId).toBe('text.2');
    expect(messageInput(second).initial).toBe(
      'The outage bridge for #1001 is open; Sys Admins are on it.\n\nHi Karen Karen, John Doe from Support here: we are looking into #1001 (Entire mobile online banking is down).',
    );

    await harness.requests.submitModal(john, { Note: 'The outage bridge for #1001 is open; Jerry is on it.' });
    await harness.settle();
    expect((await scenes.history(1001)).at(-1)).toMatchObject({ type: 'noted', text: 'The outage bridge for #1001 is open; Jerry is on it.' });
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toContain('Jerry is on it');
  });

  it('a response that does not fit leaves what was typed and says why; a forged choice and an outsider change nothing', async () => {
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    const modal = await openFromCard(john, 'Reply to requester');
    const long = 'x'.repeat(2990);
    await harness.requests.chooseInModal(john, 'Insert a canned response', 'Looking into it', { 'Message to the requester': long });
    const refused = await updated(john, modal.hash);
    expect(messageInput(refused).blockId).toBe('text');
    const select = (refused.view.blocks as Json[]).find((block) => block.block_id === 'canned');
    expect(((select?.hint as Json).text as string).startsWith('"Looking into it" did not fit')).toBe(true);
    const response = await harness.requests.submitModal(john, {});
    expect(response.body).toBe('');
    await harness.settle();
    expect((await scenes.history(1001)).at(-1)).toMatchObject({ type: 'replied', text: long });

    // Ken forges the choice in a copy of John's modal: no update, no event.
    const updates = harness.slack.callsTo('views.update').length;
    const events = (await scenes.history(1001)).length;
    const copy = await openFromCard(john, 'Reply to requester');
    harness.slack.closeView(john);
    const payload = harness.requests.viewSubmission(john, {}, copy).payload;
    await harness.requests.interaction({
      ...payload,
      type: 'block_actions',
      user: { id: ken, username: 'ken', name: 'ken', team_id: harness.slack.teamId },
      container: { type: 'view', view_id: copy.id },
      actions: [
        {
          type: 'static_select',
          action_id: 'ticket_insert_canned',
          block_id: 'canned',
          selected_option: { text: { type: 'plain_text', text: 'Password reset' }, value: 'Password reset' },
          action_ts: '1',
        },
      ],
    });
    await harness.settle();
    expect(harness.slack.callsTo('views.update').length).toBe(updates);
    expect((await scenes.history(1001)).length).toBe(events + 1);
    expect((await scenes.history(1001)).at(-1)).toMatchObject({ type: 'refused', actorId: ken });
  });
});
