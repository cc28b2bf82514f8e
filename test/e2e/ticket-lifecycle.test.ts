import { channels, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { buttonLabels, visibleText } from '../support/visible-text';

/**
 * The osTicket tutorial, in Slack: Karen's "Entire mobile online banking is down" from intake
 * to resolution, asserting at each step what every party sees.
 */
describe('a ticket from intake to resolution', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeAll(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
  });
  afterAll(async () => {
    await harness.stop();
  });

  const karen = people.karen.id;
  const john = people.john.id;
  const jerry = people.jerry.id;

  it('1. Karen files the outage under Business Critical Outage', async () => {
    const ticket = await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down', 'Every page of the app answers 404.');
    expect(ticket).toMatchObject({ number: 1001, priority: 'emergency', status: 'open' });
    const card = await scenes.card(1001);
    expect(card.channel).toBe(channels.support);
    expect(visibleText(card)).toContain('Unassigned');
  });

  it('2. John claims it: the card shows him, the thread says so, Karen hears who is on it', async () => {
    await scenes.click(john, await scenes.card(1001), 'Assign to me');
    const card = await scenes.card(1001);
    expect(card.edits).toBe(1);
    expect(visibleText(card)).toContain(`*Assignee*\n<@${john}>`);
    expect(visibleText(card)).toContain('In progress');
    expect(scenes.thread(card)).toEqual([`<@${john}> assigned this to themselves.`]);
    const dm = await scenes.requesterThread(1001);
    expect(dm.map((message) => message.text)).toEqual([`<@${john}> is now working on your ticket #1001.`]);
  });

  it('3. John replies to Karen: she gets it signed in her DM, the ticket waits on her', async () => {
    const { body } = await scenes.clickAndSubmit(john, await scenes.card(1001), 'Reply to requester', {
      'Message to the requester': 'We are on it. Does the website work for you, or only the app?',
    });
    expect(body).toEqual({});
    const dm = await scenes.requesterThread(1001);
    expect(visibleText(dm.at(-1) as never)).toContain(`<@${john}> from the help desk replied on #1001:\n>We are on it. Does the website work for you, or only the app?`);
    expect(visibleText(await scenes.card(1001))).toContain('Waiting on requester');
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toContain('*Reply to requester* from');
  });

  it('4. Karen answers in her DM thread: it reaches the card thread and the ticket is back in progress', async () => {
    const ticket = await scenes.ticket(1001);
    await harness.requests.writeInDm(karen, 'Only the app; the website is fine. <!channel> please hurry', ticket.requesterDmTs);
    await harness.settle();
    const card = await scenes.card(1001);
    expect(scenes.thread(card).at(-1)).toBe(`:envelope: <@${karen}> (requester): Only the app; the website is fine. @channel please hurry Status: In progress.`);
    expect(visibleText(card)).toContain('In progress');
  });

  it('5. John escalates: priority stays at the top, level 1, the Support manager gets an alert DM', async () => {
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Escalate', { Reason: 'Customers are calling the branch' });
    const ticket = await scenes.ticket(1001);
    expect(ticket).toMatchObject({ escalationLevel: 1, priority: 'emergency' });
    const alert = scenes.dmsTo(people.supportManager.id).at(-1);
    expect(visibleText(alert as never)).toContain('*Escalation alert*');
    expect(visibleText(alert as never)).toContain('Customers are calling the branch');
    expect(visibleText(alert as never)).toContain(`escalated by <@${john}>`);
    expect(buttonLabels(alert as never)).toEqual(['Open the ticket card']);
    expect(visibleText(await scenes.card(1001))).toContain('Escalation level 1');
    // The priority was already the highest, so the escalation kept it; the thread says which it is.
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toMatch(/escalated this \(level 1\), priority .*Emergency: Customers are calling the branch/);
  });

  it('6. John transfers it to Sys Admins: a new card there with the history, the old card retired', async () => {
    const oldCard = await scenes.card(1001);
    await scenes.clickAndSubmit(john, oldCard, 'Transfer', { 'Transfer to': 'Sys Admins', Reason: 'needs the load balancer team' });
    const ticket = await scenes.ticket(1001);
    expect(ticket).toMatchObject({ assigneeId: null, status: 'open', slaPlanId: expect.any(Number) });
    expect(visibleText(oldCard)).toContain(`Transferred to Sys Admins (<#${channels.sysadmins}>)`);
    expect(buttonLabels(oldCard)).toEqual([]);
    const newCard = await scenes.card(1001);
    expect(newCard.channel).toBe(channels.sysadmins);
    expect(visibleText(newCard)).toContain('Unassigned');
    const history = scenes.thread(newCard).join('\n');
    expect(history).toContain('History of #1001 so far');
    expect(history).toContain('Transferred from Support to Sys Admins');
    // Jerry reads what John asked, not only that he replied.
    expect(history).toContain('>We are on it. Does the website work for you, or only the app?');
    const alert = harness.slack.messagesIn(channels.sysadmins, null).at(-1);
    expect(alert?.text).toContain(`<@${jerry}> <@${people.boss.id}>`);
    expect(alert?.text).toContain('needs the load balancer team');
    const dm = await scenes.requesterThread(1001);
    expect(dm.at(-1)?.text).toBe('Your ticket #1001 was passed to Sys Admins, who are better placed to help.');
  });

  it('7. Jerry claims it and adds an internal note that never reaches Karen', async () => {
    await scenes.click(jerry, await scenes.card(1001), 'Assign to me');
    await scenes.clickAndSubmit(jerry, await scenes.card(1001), 'Internal note', { Note: 'LB2 health checks failing since 9:05' });
    expect(scenes.thread(await scenes.card(1001)).at(-1)).toContain('LB2 health checks failing since 9:05');
    const everythingKarenSees = (await scenes.requesterThread(1001)).map((message) => visibleText(message)).join('\n');
    expect(everythingKarenSees).not.toContain('LB2');
  });

  it('8. Jerry resolves it: Karen gets the resolution with That fixed it and Still broken', async () => {
    await scenes.clickAndSubmit(jerry, await scenes.card(1001), 'Resolve', { Resolution: 'Found and reconnected a failed load balancer' });
    expect(visibleText(await scenes.card(1001))).toContain('Resolved');
    expect(buttonLabels(await scenes.card(1001))).toEqual(['Reopen', 'Close', 'Internal note']);
    const resolution = (await scenes.requesterThread(1001)).at(-1);
    expect(visibleText(resolution as never)).toContain('Found and reconnected a failed load balancer');
    expect(buttonLabels(resolution as never)).toEqual(['That fixed it', 'Still broken']);
  });

  it('9. Karen confirms: the ticket is closed and her buttons are replaced by the outcome', async () => {
    const resolution = (await scenes.requesterThread(1001)).at(-1);
    if (!resolution) throw new Error('no resolution message');
    await scenes.click(karen, resolution, 'That fixed it');
    expect(await scenes.ticket(1001)).toMatchObject({ status: 'closed', closedAt: expect.any(Date) });
    expect(buttonLabels(resolution)).toEqual([]);
    expect(visibleText(resolution)).toContain('You confirmed the fix; #1001 is closed.');
    expect(buttonLabels(await scenes.card(1001))).toEqual(['Reopen']);
    const [closed, question] = (await scenes.requesterThread(1001)).slice(-2);
    expect(closed?.text).toContain('Your ticket #1001 is closed');
    // Then, once, the satisfaction question (issue 18; test/e2e/satisfaction.test.ts).
    expect(question?.text).toContain('How did we do?');
  });

  it('keeps the whole story in the history, with every actor', async () => {
    expect((await scenes.history(1001)).map(({ type, actorId }) => `${type} ${actorId}`)).toEqual([
      `created ${karen}`,
      `assigned ${john}`,
      `replied ${john}`,
      `requester_messaged ${karen}`,
      `escalated ${john}`,
      `transferred ${john}`,
      `assigned ${jerry}`,
      `noted ${jerry}`,
      `resolved ${jerry}`,
      `closed ${karen}`,
    ]);
    expect(harness.slack.rejections).toEqual([]);
  });

  it('asked Slack who the bot is once, at start, not again for any of the requests above', () => {
    // Bolt calls auth.test before every listener unless it is told the bot's ids.
    expect(harness.slack.callsTo('auth.test')).toHaveLength(1);
  });
});
