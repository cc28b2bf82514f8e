import { sharedFiles } from '../../src/sandbox/local-slack/local-files';
import { DEMO_CONFIG, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { visibleText } from '../support/visible-text';

const karen = people.karen.id;
const michael = people.michael.id;
const ken = people.ken.id;
const john = people.john.id;
const sam = people.supportManager.id;

const MINUTE = 60_000;
const DAY = 24 * 60;
const START = new Date('2026-11-23T14:00:00Z');
/** The Default plan answers within an hour (its `first_response`), resolves within 24 hours. */
const CONFIG = DEMO_CONFIG.replace('    grace_period: 24h\n', '    grace_period: 24h\n    first_response: 1h\n');

describe('/ticket report for managers', () => {
  let harness: Harness;
  let scenes: Scenes;
  let now: Date;
  const at = (minutes: number) => (now = new Date(START.getTime() + minutes * MINUTE));

  beforeEach(async () => {
    now = START;
    harness = await startHarness({ config: CONFIG, clock: () => now });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  const report = async (userId: string, text: string) => {
    await harness.requests.slashCommand(userId, text);
    await harness.settle();
    const answer = harness.slack.ephemerals.filter((message) => message.user === userId).at(-1);
    if (!answer) throw new Error('no answer');
    return answer;
  };

  /** #1001 too old for a 7-day report; #1002 open, never answered, past its first-response target; #1003 answered within the hour, resolved within its SLA, closed and rated Great; #1004 another department's. */
  const knownTickets = async () => {
    at(-10 * DAY);
    await scenes.fileTicket(ken, 'Report a Problem', 'Old keyboard');
    at(-3 * DAY);
    await scenes.fileTicket(karen, 'Report a Problem', 'Printer on floor 3 jams');
    at(-120);
    await scenes.fileTicket(michael, 'Report a Problem', 'Mail on my iPhone stopped syncing');
    await scenes.click(john, await scenes.card(1003), 'Assign to me');
    at(-90);
    await scenes.clickAndSubmit(john, await scenes.card(1003), 'Reply to requester', {
      'Message to the requester': 'Remove and add the account again, please.',
      Status: 'Keep it open (do not wait for the requester)',
    });
    at(-60);
    await scenes.clickAndSubmit(john, await scenes.card(1003), 'Resolve', { Resolution: 'Account re-added' });
    const resolution = (await scenes.requesterThread(1003)).at(-1);
    if (!resolution) throw new Error('no resolution');
    await scenes.click(michael, resolution, 'That fixed it');
    const question = (await scenes.requesterThread(1003)).at(-1);
    if (!question) throw new Error('no question');
    await scenes.clickAndSubmit(michael, question, 'Great', {});
    await scenes.fileTicket(ken, 'Access Issue', 'Cannot log in to the VPN');
    at(0);
  };

  it("answers the manager the period's figures and puts the period's tickets, as CSV, in their DM", async () => {
    await knownTickets();
    const answer = await report(sam, 'report 7');
    const text = visibleText(answer);
    expect(text).toContain('Help desk report');
    expect(text).toContain(
      '*Last 7 days*: 2 opened · 1 resolved · first-response SLA met 1 of 1 · resolution SLA met 1 of 1 · 1 first responses, median 30 min · median resolution 1 h · satisfaction 5.0/5 from 1',
    );
    expect(text).toContain("`tickets-2026-11-23-last-7-days.csv`, the period's 2 tickets, is in your DM with the app.");
    expect(text).not.toContain('Sys Admins');

    const dm = harness.slack.dmChannelOf(sam) ?? '';
    // The figures stay in Sam's DM beside the CSV: the command's answer is gone on a reload.
    const kept = harness.slack.messagesIn(dm, null).filter((message) => visibleText(message).includes('Help desk report'));
    expect(kept).toHaveLength(1);
    expect(visibleText(kept[0] as never)).toContain('*Last 7 days*: 2 opened · 1 resolved · first-response SLA met 1 of 1');
    const [file, ...more] = sharedFiles(harness.slack, dm);
    expect(more).toHaveLength(0);
    expect(file?.filename).toBe('tickets-2026-11-23-last-7-days.csv');
    expect(file?.content?.split('\r\n')).toEqual([
      'Number,Help topic,Priority,Created,First response,First response SLA met,Resolved,Closed,Resolution SLA met,Satisfaction',
      '1002,Report a Problem,Normal,2026-11-20T14:00:00.000Z,,no,,,,',
      '1003,Report a Problem,Normal,2026-11-23T12:00:00.000Z,2026-11-23T12:30:00.000Z,yes,2026-11-23T13:00:00.000Z,2026-11-23T13:00:00.000Z,yes,5',
      '',
    ]);
  });

  it('covers more days when asked, and refuses what is not a number of days', async () => {
    await knownTickets();
    await report(sam, 'report 30');
    const [file] = sharedFiles(harness.slack, harness.slack.dmChannelOf(sam) ?? '');
    expect(file?.content?.split('\r\n').slice(1, 2)).toEqual(['1001,Report a Problem,Normal,2026-11-13T14:00:00.000Z,,no,,,,']);
    expect(visibleText((await report(sam, 'report lots')) as never)).toContain('“lots” is not a number of days.');
  });

  it('tells someone who manages no department that the report is for managers, and uploads nothing', async () => {
    const answer = await report(john, 'report');
    expect(answer.text).toContain("The report is for a department's managers");
    expect(sharedFiles(harness.slack)).toHaveLength(0);
  });
});
