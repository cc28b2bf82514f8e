import { NOT_PERMITTED_MESSAGE } from '../../src/domain/ticket-error';
import { PostedMessage } from '../../src/sandbox/local-slack/local-slack';
import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';

const michael = people.michael.id;
const jerry = people.jerry.id;
const john = people.john.id;

/** The card buttons that change a ticket, by label, with their action ids. */
const BUTTONS = { 'Assign to me': 'ticket_assign_self', Resolve: 'ticket_resolve', Close: 'ticket_close', Reopen: 'ticket_reopen' } as const;
type Label = keyof typeof BUTTONS;

describe('who may act is decided first', () => {
  let harness: Harness;
  let scenes: Scenes;
  let now = new Date('2026-11-23T14:00:00Z');
  beforeEach(async () => {
    now = new Date('2026-11-23T14:00:00Z');
    harness = await startHarness({ clock: () => now });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  /**
   * Michael clicks a card button whose value names ticket `ticketId` at `version`. Slack signs every
   * click, so the value is one the app could have produced: a button of another card, or of an
   * older version of this one.
   */
  const clickAs = async (userId: string, message: PostedMessage, label: Label, ticketId: number, version: number) => {
    const element = { type: 'button', action_id: BUTTONS[label], text: { type: 'plain_text', text: label }, value: JSON.stringify({ ticketId, version }) };
    const response = await harness.requests.act(userId, message, 'ticket_actions', element);
    expect(response.status).toBe(200);
    await harness.settle();
  };
  const ephemeralsOf = (userId: string) => harness.slack.ephemeralsFor(userId).map((message) => message.text);
  const cardEdits = (message: PostedMessage) => harness.slack.callsTo('chat.update').filter((call) => call.args.ts === message.ts).length;

  it('answers Michael the same words on an open ticket, a closed one, a stale card and a ticket that does not exist', async () => {
    const open = await scenes.fileTicket(people.karen.id, 'Report a Problem', 'Printer on 3rd floor is jammed');
    const closed = await scenes.fileTicket(people.ken.id, 'Report a Problem', 'Cannot log in to payroll');
    await harness.requests.chooseOverflow(john, await scenes.card(closed.number), 'Close');
    const assigned = await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
    await scenes.click(john, await scenes.card(assigned.number), 'Assign to me');
    await harness.settle();
    const before = await Promise.all([open, closed, assigned].map((ticket) => scenes.ticket(ticket.number)));

    const card = await scenes.card(open.number);
    const cases: [number, number][] = [
      [open.id, before[0]?.version ?? 0], // open, current card
      [closed.id, before[1]?.version ?? 0], // closed
      [assigned.id, 1], // a stale card
      [9999, 1], // no such ticket
    ];
    for (const [t, v] of cases) for (const label of Object.keys(BUTTONS) as Label[]) await clickAs(michael, card, label, t, v);

    const answers = ephemeralsOf(michael);
    expect(answers).toHaveLength(16);
    expect(new Set(answers)).toEqual(new Set([NOT_PERMITTED_MESSAGE]));
    expect(NOT_PERMITTED_MESSAGE).not.toMatch(/#?\d{4}|jammed|payroll|banking|Support/);
    expect(harness.slack.currentView(michael)).toBeNull();
    const after = await Promise.all([open, closed, assigned].map((ticket) => scenes.ticket(ticket.number)));
    expect(after.map(({ status, version, assigneeId }) => ({ status, version, assigneeId }))).toEqual(before.map(({ status, version, assigneeId }) => ({ status, version, assigneeId })));
  });

  it('shows a burst of 10 clicks as one line in the card thread, without redrawing the card', async () => {
    const ticket = await scenes.fileTicket(people.karen.id, 'Report a Problem', 'Printer on 3rd floor is jammed');
    const card = await scenes.card(ticket.number);
    const editsBefore = cardEdits(card);
    for (let click = 0; click < 10; click += 1) {
      now = new Date(now.getTime() + 20_000);
      await clickAs(michael, card, click % 2 === 0 ? 'Assign to me' : 'Resolve', ticket.id, ticket.version);
    }
    const lines = scenes.thread(card).filter((line) => line.includes(`<@${michael}>`));
    expect(lines).toEqual([`:no_entry: <@${michael}> tried to assign this ticket, but is not an agent or manager of its department (further attempts within 10 minutes are not listed).`]);
    expect(cardEdits(card)).toBe(editsBefore);
    expect((await scenes.history(ticket.number)).filter((event) => event.type === 'refused')).toHaveLength(1);
    expect(ephemeralsOf(michael)).toHaveLength(10);

    // Someone else's attempt is their own line; Michael's next burst, ten minutes after his line, is a new one.
    await scenes.click(jerry, card, 'Assign to me');
    now = new Date(now.getTime() + 10 * 60_000);
    await clickAs(michael, card, 'Close', ticket.id, ticket.version);
    expect(
      scenes
        .thread(card)
        .filter((line) => line.startsWith(':no_entry:'))
        .map((line) => line.split(' tried to ')[0]),
    ).toEqual([`:no_entry: <@${michael}>`, `:no_entry: <@${jerry}>`, `:no_entry: <@${michael}>`]);
    expect(cardEdits(card)).toBe(editsBefore);
  });

  it('makes one line of ten simultaneous clicks (one statement claims the line, on every instance)', async () => {
    const ticket = await scenes.fileTicket(people.karen.id, 'Report a Problem', 'Printer on 3rd floor is jammed');
    const card = await scenes.card(ticket.number);
    const element = { type: 'button', action_id: 'ticket_assign_self', text: { type: 'plain_text', text: 'Assign to me' }, value: JSON.stringify({ ticketId: ticket.id, version: ticket.version }) };
    const responses = await Promise.all(Array.from({ length: 10 }, () => harness.requests.act(michael, card, 'ticket_actions', element)));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    await harness.settle();
    expect(scenes.thread(card).filter((line) => line.includes(`<@${michael}>`))).toHaveLength(1);
    expect(ephemeralsOf(michael)).toEqual(Array(10).fill(NOT_PERMITTED_MESSAGE));
  });

  it('still redraws the card for an agent who clicked an outdated one', async () => {
    const ticket = await scenes.fileTicket(people.karen.id, 'Report a Problem', 'Printer on 3rd floor is jammed');
    const card = await scenes.card(ticket.number);
    await scenes.click(john, card, 'Assign to me');
    const edits = cardEdits(card);
    await clickAs(people.jane.id, card, 'Assign to me', ticket.id, 1);
    expect(ephemeralsOf(people.jane.id).at(-1)).toBe(`#${ticket.number} changed since you last saw it.`);
    expect(cardEdits(card)).toBe(edits + 1);
  });
});
