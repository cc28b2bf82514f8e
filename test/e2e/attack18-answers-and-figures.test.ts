import { sharedFiles } from '../../src/sandbox/local-slack/local-files';
import { channels, DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { buttonLabels, visibleText } from '../support/visible-text';

/**
 * The fresh tester of issue 18's satisfaction question, first-response SLA and manager report.
 * SEV-A asks a first response within 30 minutes (warned 15 before); Sam (U0MGR) manages
 * Support and Sys Admins.
 */
const CONFIG = DEMO_CONFIG.replace('    grace_period: 1h\n', '    grace_period: 1h\n    first_response: 30m\n    warn_before: 15m\n').replace(
  '    managers: [U0BOSS]\n',
  '    managers: [U0BOSS, U0MGR]\n',
);

const MINUTE = 60_000;
const START = new Date('2026-11-23T14:00:00Z');

describe('issue 18 answers and figures, attacked', () => {
  let harness: Harness;
  let scenes: Scenes;
  let now: Date;
  const karen = people.karen.id;
  const john = people.john.id;
  const sam = people.supportManager.id;
  const at = (minutes: number) => (now = new Date(START.getTime() + minutes * MINUTE));

  beforeEach(async () => {
    now = START;
    harness = await startHarness({ config: CONFIG, clock: () => now });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  const questions = async (number: number) => (await scenes.requesterThread(number)).filter((message) => visibleText(message).includes('How did we do?'));
  const slaAt = async (minutes: number) => {
    at(minutes);
    const report = await harness.helpdesk.slaSweep.tick();
    await harness.settle();
    return report;
  };
  const report = async (userId: string, text: string) => {
    await harness.requests.slashCommand(userId, text);
    await harness.settle();
    const answer = harness.slack.ephemerals.filter((message) => message.user === userId).at(-1);
    if (!answer) throw new Error('no answer');
    return visibleText(answer);
  };

  it("counts neither Karen's own message nor a note as the first response, and stops once John replies", async () => {
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    at(2);
    await harness.requests.writeInDm(karen, 'It is down for everyone in the branch too', (await scenes.ticket(1001)).requesterDmTs);
    await harness.settle();
    at(3);
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Internal note', { Note: 'Gateway logs show 502s' });
    expect((await scenes.ticket(1001)).firstResponseAt).toBeNull();
    expect(await slaAt(16)).toMatchObject({ warned: 1 });
    at(20);
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Reply to requester', {
      'Message to the requester': 'We are on it.',
      Status: 'Keep it open (do not wait for the requester)',
    });
    expect((await scenes.ticket(1001)).firstResponseAt).toEqual(now);
    await slaAt(31);
    expect((await scenes.history(1001)).filter((event) => event.type.startsWith('first_response')).map((event) => event.type)).toEqual(['first_response_warning']);
  });

  it('sends no first-response breach after a reopen when John had written Karen the resolution (it is her first answer from staff)', async () => {
    await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    at(5);
    await scenes.clickAndSubmit(john, await scenes.card(1001), 'Resolve', { Resolution: 'Restarted the mobile gateway' });
    at(10);
    const resolution = (await scenes.requesterThread(1001)).at(-1);
    if (!resolution) throw new Error('no resolution');
    await scenes.clickAndSubmit(karen, resolution, 'Still broken', { 'What is still wrong?': 'Still a 404' });
    expect((await scenes.ticket(1001)).status).toBe('open');
    await slaAt(31);
    const alerts = harness.slack.messagesIn(channels.support, null).filter((message) => visibleText(message).includes('*First response overdue*'));
    expect(alerts).toEqual([]);
    expect(scenes.dmsTo(people.supportManager.id).filter((message) => visibleText(message).includes('First response overdue'))).toEqual([]);
    // Her first answer from John was the resolution, at minute 5: the report's CSV says so.
    expect((await scenes.ticket(1001)).firstResponseAt).toEqual(new Date(START.getTime() + 5 * MINUTE));
  });

  it('asks the requester of a merged duplicate nothing', async () => {
    await scenes.fileTicket(karen, 'Report a Problem', 'Entire mobile online banking is down');
    await scenes.fileTicket(people.michael.id, 'Report a Problem', 'Mobile banking down');
    await harness.requests.chooseOverflow(john, await scenes.card(1002), 'Merge into…');
    const modal = await harness.slack.waitFor(() => harness.slack.currentView(john), 3000, 'the merge modal');
    await harness.requests.submitModal(john, { 'Or type its number': '1001' }, modal);
    await harness.settle();
    expect(await scenes.ticket(1002)).toMatchObject({ status: 'closed', closeReason: 'merged' });
    expect(await questions(1002)).toEqual([]);
  });

  it('takes one answer when the rating is clicked twice and both modals are sent, and a 3,000-character comment with markup and emoji reaches the card and thread', async () => {
    await scenes.fileTicket(karen, 'Report a Problem', 'Entire mobile online banking is down');
    await harness.requests.chooseOverflow(john, await scenes.card(1001), 'Close');
    await harness.settle();
    const [question] = await questions(1001);
    if (!question) throw new Error('no question');
    await harness.requests.clickButton(karen, question, 'Great');
    const first = await harness.slack.waitFor(() => harness.slack.currentView(karen), 3000, 'the first modal');
    await harness.requests.clickButton(karen, question, 'Great');
    const second = await harness.slack.waitFor(() => (harness.slack.currentView(karen)?.id !== first?.id ? harness.slack.currentView(karen) : null), 3000, 'the second modal');
    const comment = `*Thanks* <!channel> <@${john}> \`code\` 😀👍🏽 ${'x'.repeat(3000)}`.slice(0, 3000);
    const [one, two] = await Promise.all([harness.requests.submitModal(karen, { Comment: comment }, first), harness.requests.submitModal(karen, { Comment: 'again' }, second)]);
    await harness.settle();
    const answers = [one, two].map((response) => (response.body ? response.json() : {}));
    expect(answers.filter((body) => body.response_action === 'errors')).toHaveLength(1);
    expect((await scenes.history(1001)).filter((event) => event.type === 'satisfaction_rated')).toHaveLength(1);
    expect(harness.slack.rejections).toEqual([]);
    expect(harness.slack.messages.filter((message) => message.text.includes('<!channel>'))).toHaveLength(0);
    expect(buttonLabels(question)).toEqual([]);
  });

  it('answers report 0, -1, 100000, 1.5 and abc with how to write it, and a manager of two departments gets both', async () => {
    for (const words of ['report -1', 'report 1.5', 'report abc', 'report 7 days']) {
      const text = await report(sam, words);
      expect(text).toContain(`“${words.slice('report '.length)}” is not a number of days. Write \`/ticket report\` for the last 7 days, or \`/ticket report 30\` (1 to 366).`);
    }
    // 0 and 100000 are numbers of days, only not ones a report covers.
    expect(await report(sam, 'report 0')).toContain('A report covers 1 to 366 days, not 0. Write `/ticket report`');
    expect(await report(sam, 'report 100000')).toContain('A report covers 1 to 366 days, not 100000.');
    const text = await report(sam, 'report 366');
    expect(text).toContain('*Support*');
    expect(text).toContain('*Sys Admins*');
    expect(text).toContain('0 opened');
    const [file] = sharedFiles(harness.slack, harness.slack.dmChannelOf(sam) ?? '');
    expect(file?.content).toBe('Number,Help topic,Priority,Created,First response,First response SLA met,Resolved,Closed,Resolution SLA met,Satisfaction\r\n');
    expect(text).toContain('is in your DM with the app');
  });
});
