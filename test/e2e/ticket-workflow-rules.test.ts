import { NOT_PERMITTED_MESSAGE } from '../../src/domain/ticket-error';
import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { channels, DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { buttonLabels, visibleText } from '../support/visible-text';

const karen = people.karen.id;
const ken = people.ken.id;
const john = people.john.id;
const jane = people.jane.id;
const jerry = people.jerry.id;

describe('who may work a ticket, and repeated or conflicting clicks', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness({ config: DEMO_CONFIG.replace('    sla: Default\n', '    sla: Default\n    escalation_channel: C0ESCAL\n') });
    harness.slack.addChannel('C0ESCAL', 'escalations', [people.supportManager.id]);
    scenes = new Scenes(harness);
    await scenes.fileTicket(karen, 'Report a Problem', 'Printer on 3rd floor is jammed');
  });
  afterEach(async () => {
    await harness.stop();
  });

  const lastEphemeral = (userId: string) => harness.slack.ephemeralsFor(userId).at(-1)?.text;

  it.each(['Assign to me', 'Reply to requester', 'Internal note', 'Transfer', 'Escalate', 'Resolve'])('refuses "%s" to someone outside the department, says why, and records it', async (label) => {
    const card = await scenes.card(1001);
    await scenes.click(jerry, card, label);
    expect(lastEphemeral(jerry)).toBe(NOT_PERMITTED_MESSAGE);
    expect(harness.slack.currentView(jerry)).toBeNull();
    expect(await scenes.ticket(1001)).toMatchObject({ status: 'open', assigneeId: null, version: 1 });
    expect(scenes.thread(card).at(-1)).toMatch(new RegExp(`^:no_entry: <@${jerry}> tried to`));
    expect((await scenes.history(1001)).at(-1)).toMatchObject({ type: 'refused', actorId: jerry });
  });

  it('refuses the requester the card buttons', async () => {
    harness.slack.addChannel(channels.support, 'support', [john, jane, people.supportManager.id, karen]);
    await scenes.click(karen, await scenes.card(1001), 'Assign to me');
    expect(lastEphemeral(karen)).toBe(NOT_PERMITTED_MESSAGE);
    expect((await scenes.ticket(1001)).assigneeId).toBeNull();
  });

  it('applies exactly one of two agents claiming at the same moment, and tells the other', async () => {
    const card = await scenes.card(1001);
    await Promise.all([harness.requests.clickButton(john, card, 'Assign to me'), harness.requests.clickButton(jane, card, 'Assign to me')]);
    await harness.settle();
    const ticket = await scenes.ticket(1001);
    expect([john, jane]).toContain(ticket.assigneeId);
    const loser = ticket.assigneeId === john ? jane : john;
    expect(lastEphemeral(loser)).toBe('#1001 changed since you last saw it.');
    expect(scenes.thread(card).filter((line) => line.includes('assigned this'))).toHaveLength(1);
    expect(visibleText(card)).toContain(`*Assignee*\n<@${ticket.assigneeId}>`);
  });

  it('does nothing twice on a double click, and redraws an outdated card', async () => {
    const card = await scenes.card(1001);
    const stale = { ...card, blocks: structuredClone(card.blocks) };
    await scenes.click(john, card, 'Assign to me');
    await scenes.click(john, stale, 'Assign to me');
    expect(lastEphemeral(john)).toBe('#1001 changed since you last saw it.');
    expect((await scenes.history(1001)).filter((event) => event.type === 'assigned')).toHaveLength(1);
    expect(card.edits).toBe(2);
  });

  it('sends one reply when the same Reply modal is submitted twice', async () => {
    await harness.requests.clickButton(john, await scenes.card(1001), 'Reply to requester');
    const modal = await harness.slack.waitFor(() => harness.slack.currentView(john), 3000, 'the reply modal');
    const { payload } = harness.requests.viewSubmission(john, { 'Message to the requester': 'Which printer exactly?' }, modal);
    await Promise.all([harness.requests.interaction(payload), harness.requests.interaction(payload)]);
    await harness.settle();
    const replies = (await scenes.requesterThread(1001)).filter((message) => message.text.includes('Which printer exactly?'));
    expect(replies).toHaveLength(1);
    expect((await scenes.history(1001)).filter((event) => event.type === 'replied')).toHaveLength(1);
  });

  it('answers a modal submitted after the ticket was resolved with an inline error', async () => {
    await harness.requests.clickButton(john, await scenes.card(1001), 'Reply to requester');
    const modal = await harness.slack.waitFor(() => harness.slack.currentView(john), 3000, 'the reply modal');
    await scenes.clickAndSubmit(jane, await scenes.card(1001), 'Resolve', { Resolution: 'Cleared the paper jam' });
    const response = await harness.requests.submitModal(john, { 'Message to the requester': 'On my way' }, modal);
    expect(response.json()).toEqual({ response_action: 'errors', errors: { text: '#1001 is resolved; reopen it first.' } });
    expect((await scenes.requesterThread(1001)).some((message) => message.text.includes('On my way'))).toBe(false);
  });

  it('refuses to assign someone who is not an agent of the department (a forged choice), inline', async () => {
    await harness.requests.chooseOverflow(john, await scenes.card(1001), 'Assign…');
    const modal = await harness.slack.waitFor(() => harness.slack.currentView(john), 3000, 'the assign modal');
    // The select offers only the department's agents; a forged submission names Ken anyway.
    const forged = harness.requests.viewSubmissionOf(john, modal, { choice: jane }) as { view: { state: { values: Record<string, Record<string, { selected_option: { value: string } }>> } } };
    const picked = forged.view.state.values.choice?.value;
    if (picked) picked.selected_option = { ...picked.selected_option, value: ken };
    const response = await harness.requests.interaction(forged);
    expect(response.json()).toEqual({
      response_action: 'errors',
      errors: { choice: "Tickets can only be assigned to an agent of the ticket's department." },
    });
    const accepted = await harness.requests.submitModal(john, { Agent: 'Jane Doe' });
    expect(accepted.body).toBe('');
    await harness.settle();
    expect((await scenes.ticket(1001)).assigneeId).toBe(jane);
    expect(visibleText(scenes.dmsTo(jane).at(-1) as never)).toContain(`<@${john}> assigned you *#1001 Printer on 3rd floor is jammed*`);
  });

  it('releases a ticket from the overflow menu', async () => {
    await scenes.click(john, await scenes.card(1001), 'Assign to me');
    await harness.requests.chooseOverflow(john, await scenes.card(1001), 'Release');
    await harness.settle();
    expect(await scenes.ticket(1001)).toMatchObject({ assigneeId: null, status: 'open' });
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toBe(`<@${john}> released this ticket; it is unassigned.`);
  });

  it('asks for a reason before a transfer or an escalation, keeping the modal open', async () => {
    const { body } = await scenes.clickAndSubmit(john, await scenes.card(1001), 'Transfer', { 'Transfer to': 'Sys Admins', Reason: '' });
    expect(body).toEqual({ response_action: 'errors', errors: { text: 'A reason is required.' } });
    expect((await scenes.ticket(1001)).departmentId).toBe(1);
  });

  it('refuses a forged transfer to the department the ticket is already in', async () => {
    await harness.requests.clickButton(john, await scenes.card(1001), 'Transfer');
    const modal = await harness.slack.waitFor(() => harness.slack.currentView(john), 3000, 'the transfer modal');
    const { payload } = harness.requests.viewSubmission(john, { 'Transfer to': 'Sys Admins', Reason: 'x' }, modal);
    const view = payload.view as { state: { values: Record<string, Record<string, { selected_option: { value: string } }>> } };
    (view.state.values.choice as Record<string, { selected_option: { value: string } }>).value = { selected_option: { value: '1' } };
    const response = await harness.requests.interaction(payload);
    expect(response.json()).toEqual({ response_action: 'errors', errors: { choice: 'Pick a department other than the current one.' } });
  });

  it('posts escalation alerts to the escalation channel as well as to managers', async () => {
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Escalate', { 'New priority': 'High', Reason: 'The CEO needs to print' });
    expect(await scenes.ticket(1001)).toMatchObject({ priority: 'high', escalationLevel: 1 });
    expect(visibleText(harness.slack.messagesIn('C0ESCAL').at(-1) as never)).toContain('The CEO needs to print');
    expect(visibleText(scenes.dmsTo(people.supportManager.id).at(-1) as never)).toContain('*Escalation alert*');
  });

  it('lets the requester reopen with a message that reaches the agents', async () => {
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Resolve', { Resolution: 'Cleared the paper jam' });
    const resolution = (await scenes.requesterThread(1001)).at(-1);
    if (!resolution) throw new Error('no resolution');
    await scenes.clickAndSubmit(karen, resolution, 'Still broken', { 'What is still wrong?': 'It jams again on every second page' });
    expect(await scenes.ticket(1001)).toMatchObject({ status: 'open', resolvedAt: null });
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toContain('It jams again on every second page');
    expect(visibleText(resolution)).toContain('still broken');
    expect(buttonLabels(resolution)).toEqual([]);
  });

  it('refuses Still broken to anyone but the requester', async () => {
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Resolve', { Resolution: 'Cleared the paper jam' });
    const resolution = (await scenes.requesterThread(1001)).at(-1);
    if (!resolution) throw new Error('no resolution');
    harness.slack.addChannel(resolution.channel, 'dm', [karen, ken]);
    await scenes.click(ken, resolution, 'Still broken');
    expect(lastEphemeral(ken)).toBe(NOT_PERMITTED_MESSAGE);
    expect((await scenes.ticket(1001)).status).toBe('resolved');
  });

  it('lets agents close and reopen from the card', async () => {
    await harness.requests.chooseOverflow(john, await scenes.card(1001), 'Close');
    await harness.settle();
    expect((await scenes.ticket(1001)).status).toBe('closed');
    await scenes.click(john, await scenes.card(1001), 'Reopen');
    expect(await scenes.ticket(1001)).toMatchObject({ status: 'open', closedAt: null });
    expect((await scenes.requesterThread(1001)).at(-1)?.text).toBe(`<@${john}> reopened your ticket #1001; the help desk is on it again.`);
  });
});

describe('the requester DM conversation', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
    await scenes.fileTicket(karen, 'Report a Problem', 'Mail on my iPhone stopped syncing');
  });
  afterEach(async () => {
    await harness.stop();
  });

  const dmTs = async () => (await scenes.ticket(1001)).requesterDmTs;

  it('relays a message once even when Slack retries the event', async () => {
    const channel = harness.slack.dmChannelOf(karen) ?? '';
    const message = harness.slack.postAsUser(channel, karen, 'It says "cannot verify server identity"', await dmTs());
    const event = { type: 'message', channel, channel_type: 'im', user: karen, text: message.text, ts: message.ts, thread_ts: message.threadTs };
    await harness.requests.event(event, { eventId: 'Ev01' });
    await harness.requests.event(event, { eventId: 'Ev01', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    await harness.settle();
    expect(scenes.thread(await scenes.card(1001)).filter((line) => line.includes('cannot verify'))).toHaveLength(1);
  });

  it('answers a DM message event only once the message is stored, so a crash before that leaves Slack to retry it', async () => {
    const channel = harness.slack.dmChannelOf(karen) ?? '';
    const message = harness.slack.postAsUser(channel, karen, 'Mail works again on Wi-Fi, not on 4G', await dmTs());
    const event = { type: 'message', channel, channel_type: 'im', user: karen, text: message.text, ts: message.ts, thread_ts: message.threadTs };
    // Another change holds the ticket's row for a moment, so storing the message has to wait.
    let release = () => {};
    const held = harness.helpdesk.db.transaction(async (manager) => {
      await manager.query('UPDATE tickets SET summary = summary WHERE number = 1001');
      await new Promise<void>((resolve) => (release = resolve));
    });
    const answer = harness.requests.event(event, { eventId: 'Ev02' });
    const first = await Promise.race([answer.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 300))]);
    release();
    await held;
    expect(first).toBe('still waiting');
    const response = await answer;
    expect(response.status).toBe(200);
    // No settle: the 200 itself says the message is in the ticket's history.
    expect((await scenes.history(1001)).at(-1)).toMatchObject({ type: 'requester_messaged', actorId: karen, text: 'Mail works again on Wi-Fi, not on 4G' });
  });

  it('still answers a slash command before its listener has finished', async () => {
    // The ack is the HTTP answer; the modal opens after it (Slack allows that within 3 seconds).
    const response = await harness.requests.slashCommand(karen, 'Printer on 3rd floor is jammed');
    expect(response.status).toBe(200);
    await harness.slack.waitFor(() => harness.slack.currentView(karen), 3000, 'the ticket modal');
  });

  it('splits a very long message into several thread messages instead of cutting it', async () => {
    const long = Array.from({ length: 400 }, (_, index) => `line ${index} of the mail log`).join('\n');
    await harness.requests.writeInDm(karen, long, await dmTs());
    await harness.settle();
    const relayed = scenes.thread(await scenes.card(1001)).join('');
    for (const index of [0, 199, 399]) expect(relayed).toContain(`line ${index} of the mail log`);
    expect(scenes.thread(await scenes.card(1001)).length).toBeGreaterThan(1);
    expect(harness.slack.rejections).toEqual([]);
  });

  it('notes files the requester attached', async () => {
    await harness.requests.writeInDm(karen, 'screenshot attached', await dmTs(), { subtype: 'file_share', files: [{ id: 'F1', name: 'mail-error.png' }] });
    await harness.settle();
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toContain(':paperclip: attached a file in their DM: `mail-error.png`');
  });

  it('points to the right place when the requester writes outside a ticket thread', async () => {
    const { ts } = await harness.requests.writeInDm(karen, 'hello?', null);
    const hint = await harness.slack.waitFor(() => harness.slack.messagesIn(harness.slack.dmChannelOf(karen) ?? '', ts)[0], 3000, 'the hint');
    expect(hint.text).toBe('To add to a ticket, reply in its thread here. To file a new ticket, use `/ticket`.');
  });

  it('tells the requester a message on a resolved ticket was not passed on, and how to reopen', async () => {
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Resolve', { Resolution: 'Re-added the mail account' });
    const { ts } = await harness.requests.writeInDm(karen, 'thanks!', await dmTs());
    const answer = await harness.slack.waitFor(
      () => harness.slack.messagesIn(harness.slack.dmChannelOf(karen) ?? '', undefined as unknown as string).find((message) => message.text.includes('was not passed on') && message.ts > ts),
      3000,
      'the answer',
    );
    expect(answer.text).toContain('Use *Still broken* or *Reopen* above');
    expect(await harness.helpdesk.db.manager.countBy(TicketEntity, { status: 'resolved' })).toBe(1);
  });

  it("ignores the app's own messages and other people's bots", async () => {
    const channel = harness.slack.dmChannelOf(karen) ?? '';
    const response = await harness.requests.event({ type: 'message', channel, channel_type: 'im', bot_id: 'B0OTHER', text: 'beep', ts: '1.1', thread_ts: await dmTs() });
    expect(response.status).toBe(200);
    await harness.settle();
    expect(scenes.thread(await scenes.card(1001))).toEqual([]);
  });
});
