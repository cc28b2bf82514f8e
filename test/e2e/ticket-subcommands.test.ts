import fc from 'fast-check';
import { RESERVED_WORDS } from '../../src/slack/listeners/commands/command-words';
import { TicketEntity } from '../../src/persistence/entities/ticket.entity';
import { EphemeralMessage } from '../../src/sandbox/local-slack/workspace-types';
import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { initialValues, visibleText } from '../support/visible-text';

const START = new Date('2026-11-23T14:00:00Z');
const MINUTE = 60_000;

describe('/ticket help · list · status · queue, answered only to the caller', () => {
  let harness: Harness;
  let scenes: Scenes;
  let now: Date;
  const advanceMinutes = (minutes: number) => (now = new Date(now.getTime() + minutes * MINUTE));

  beforeEach(async () => {
    now = START;
    harness = await startHarness({ clock: () => now });
    scenes = new Scenes(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  /** Types `/ticket <text>` as `userId` and answers the ephemeral reply Slack shows them (through the response URL). */
  const ask = async (userId: string, text: string): Promise<EphemeralMessage> => {
    const { slack, requests } = harness;
    const before = slack.ephemeralsFor(userId).length;
    const response = await requests.slashCommand(userId, text);
    expect(response.status).toBe(200);
    const answer = await slack.waitFor(() => slack.ephemeralsFor(userId)[before], 3000, `the answer to /ticket ${text}`);
    expect(answer.via).toBe('response_url');
    expect(answer.blocks.length).toBeLessThanOrEqual(50);
    return answer;
  };
  const shown = (answer: EphemeralMessage) => visibleText(answer);
  const ticketCount = () => harness.helpdesk.db.manager.count(TicketEntity);

  /** Karen's outage (#1001, Support, SEV-A: due in 1 hour) with John's internal note and reply; Michael's mail (#1002, Support, due in 24h); Ken's access (#1003, Sys Admins, no SLA). */
  const seedTickets = async () => {
    await scenes.fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down', 'Customers get a 404 on every page');
    await scenes.fileTicket(people.michael.id, 'Report a Problem', 'Mail on my iPhone stopped syncing');
    await scenes.fileTicket(people.ken.id, 'Access Issue', 'Cannot open the shared drive');
    await scenes.click(people.john.id, await scenes.card(1001), 'Assign to me');
    await scenes.clickAndSubmit(people.john.id, await scenes.card(1001), 'Internal note', { Note: 'Looks like LB2 is failing health checks' });
    await scenes.clickAndSubmit(people.john.id, await scenes.card(1001), 'Reply to requester', {
      'Message to the requester': 'We are on it, thanks for your patience',
      Status: 'Keep it open (do not wait for the requester)',
    });
  };

  it('`/ticket help`, `/ticket lst`, `/ticket --help` and `/ticket ?` answer the help and file nothing', async () => {
    for (const text of ['help', 'lst', '--help', '?', 'hlep', 'stauts 1042', '-h']) {
      const answer = shown(await ask(people.karen.id, text));
      expect(answer).toContain('/ticket status 1042');
      expect(answer).toContain('/ticket search printer jam');
      expect(answer).toContain('Reserved first words');
      if (text !== 'help') expect(answer).toContain(`“${text}” is not a \`/ticket\` command`);
    }
    expect(harness.slack.callsTo('views.open')).toHaveLength(0);
    expect(await ticketCount()).toBe(0);
  });

  it('`/ticket Printer on 3rd floor is jammed` still opens the New ticket modal pre-filled', async () => {
    await harness.requests.slashCommand(people.michael.id, 'Printer on 3rd floor is jammed');
    const modal = await harness.slack.waitFor(() => harness.slack.currentView(people.michael.id), 3000, 'the ticket modal');
    expect(initialValues(modal.view)).toMatchObject({ Summary: 'Printer on 3rd floor is jammed' });
    expect(harness.slack.ephemeralsFor(people.michael.id)).toHaveLength(0);
  });

  it('a summary starting with a reserved word is typed in the modal, and files', async () => {
    await harness.requests.slashCommand(people.michael.id, '');
    await harness.slack.waitFor(() => harness.slack.currentView(people.michael.id), 3000, 'the ticket modal');
    const response = await harness.requests.submitModal(people.michael.id, { 'Help topic': 'Report a Problem', Summary: 'help with printer', Details: 'The 3rd floor printer is jammed' });
    expect(response.json()).toMatchObject({ response_action: 'update' });
    expect((await scenes.ticket(1001)).summary).toBe('help with printer');
  });

  it('`/ticket status` shows the requester their own ticket without the internal note', async () => {
    await seedTickets();
    const answer = shown(await ask(people.karen.id, 'status 1001'));
    expect(answer).toContain('Entire mobile online banking is down');
    expect(answer).toContain('In progress');
    expect(answer).toContain('Support');
    expect(answer).toContain(`<@${people.john.id}>`);
    expect(answer).toContain('1h left');
    expect(answer).toContain('We are on it, thanks for your patience');
    expect(answer).not.toContain('LB2');
    expect(answer).not.toContain('Internal note');
    // `#1001` alone asks the same.
    expect(shown(await ask(people.karen.id, '#1001'))).toBe(answer);
  });

  it("`/ticket status` shows an agent or manager of the ticket's department the internal note", async () => {
    await seedTickets();
    for (const staff of [people.jane.id, people.supportManager.id]) {
      const answer = shown(await ask(staff, 'status #1001'));
      expect(answer).toContain('Looks like LB2 is failing health checks');
      expect(answer).toContain('We are on it, thanks for your patience');
    }
  });

  it('answers anyone else exactly as for a number that does not exist, and says clearly what is not a number', async () => {
    await seedTickets();
    const missing = await ask(people.michael.id, 'status 4242');
    for (const [who, number] of [
      [people.michael.id, 1001],
      [people.jerry.id, 1001],
      [people.karen.id, 1002],
    ] as const) {
      const answer = await ask(who, `status ${number}`);
      // The same message, text and blocks, but for the number asked.
      const asSent = (message: EphemeralMessage, asked: number) => JSON.stringify({ text: message.text, blocks: message.blocks }).replaceAll(String(asked), 'N');
      expect(asSent(answer, number)).toBe(asSent(missing, 4242));
    }
    expect(shown(await ask(people.karen.id, 'status abc'))).toContain('“abc” is not a ticket number');
    expect(shown(await ask(people.karen.id, 'status 99999999999999999999'))).toContain('is too large to be a ticket number');
    expect(shown(await ask(people.karen.id, 'status'))).toContain('Which ticket?');
    expect(shown(await ask(people.karen.id, 'status <!channel>'))).toContain('“&lt;!channel&gt;” is not a ticket number');
  });

  it('`/ticket status 1001 extra` shows #1001 and says what else was typed was not used', async () => {
    await seedTickets();
    const answer = shown(await ask(people.karen.id, 'status 1001 extra'));
    expect(answer).toContain('Entire mobile online banking is down');
    expect(answer).toContain('“extra”, were not used');
    const two = shown(await ask(people.karen.id, 'status of #1001, and 1002?'));
    expect(two).toContain('Entire mobile online banking is down');
    expect(two).toContain('“of and 1002?”, were not used');
    expect(two).toContain('`/ticket status 1002`');
    const notHers = await ask(people.karen.id, 'status 1002 please');
    expect(shown(notHers)).toContain('There is no ticket #1002 that you can see');
    expect(shown(notHers)).toContain('“please”, were not used');
    expect(await ticketCount()).toBe(3);
  });

  it('`/ticket list` shows a requester their tickets, and an agent their queue', async () => {
    await seedTickets();
    const karens = shown(await ask(people.karen.id, 'list'));
    expect(karens).toContain('Entire mobile online banking is down');
    expect(karens).not.toContain('Mail on my iPhone');
    const johns = shown(await ask(people.john.id, 'list'));
    expect(johns).toMatch(/Assigned to you\* \(1\)[\s\S]*#1001/);
    expect(johns).toMatch(/Unassigned in Support\* \(1\)[\s\S]*#1002/);
    expect(johns).not.toContain('#1003');
    const extra = shown(await ask(people.karen.id, 'list my broken printer'));
    expect(extra).toContain('the words after it were ignored');
    expect(await ticketCount()).toBe(3);
  });

  it('`/ticket queue` groups the departments’ tickets as Overdue, Due within 4 hours, Later on the business clock', async () => {
    await seedTickets();
    const first = shown(await ask(people.john.id, 'queue'));
    expect(first).toMatch(/Due within 4 hours\* \(1\)[\s\S]*#1001[\s\S]*1h left[\s\S]*Later\* \(1\)[\s\S]*#1002/);
    expect(first).not.toContain('Overdue*');
    advanceMinutes(90);
    const later = shown(await ask(people.john.id, 'queue'));
    expect(later).toMatch(/Overdue\* \(1\)[\s\S]*#1001[\s\S]*overdue by 30m/);
    const jerrys = shown(await ask(people.jerry.id, 'queue'));
    expect(jerrys).toContain('#1003');
    expect(jerrys).not.toContain('#1001');
    expect(shown(await ask(people.karen.id, 'queue'))).toContain('The queue is for a department');
  });

  it('answers any text with a subcommand, the help or the New ticket modal, and never files a ticket by itself', async () => {
    await seedTickets();
    const { slack, requests } = harness;
    const text = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc
        .tuple(fc.constantFrom(...RESERVED_WORDS, 'lst', '--help', '#1001', 'stauts'), fc.constantFrom('', ' 1001', ' #99999999999', ' abc', ' <!here>', ' with printer'))
        .map(([word, rest]) => `${word}${rest}`),
      fc
        .tuple(
          fc.constantFrom(...RESERVED_WORDS, 'STATUS', 'Search'),
          fc.array(fc.oneof(fc.constantFrom('1001', '#1002', '(#1003)', 'extra', 'please', '0', '99999999999', '<@U0KAREN>', '&', '*', '"?"', 'karen'), fc.string({ maxLength: 12 })), {
            maxLength: 4,
          }),
        )
        .map(([word, rest]) => [word, ...rest].join(' ')),
    );
    const who = fc.constantFrom(people.karen.id, people.john.id, people.jerry.id, people.ken.id);
    await fc.assert(
      fc.asyncProperty(text, who, async (typed, userId) => {
        const answers = slack.ephemeralsFor(userId).length;
        const opened = slack.callsTo('views.open').length;
        const response = await requests.slashCommand(userId, typed);
        expect(response.status).toBe(200);
        const outcome = await slack.waitFor(
          () => (slack.ephemeralsFor(userId).length > answers ? 'answer' : slack.callsTo('views.open').length > opened ? 'modal' : null),
          3000,
          `an answer to /ticket ${typed}`,
        );
        if (outcome === 'modal') return slack.closeView(userId);
        const answer = slack.ephemeralsFor(userId).at(-1) as EphemeralMessage;
        expect(answer.blocks.length).toBeLessThanOrEqual(50);
        // A helpful answer: never empty, never the error, and it names whatever after a reserved word it did not use.
        expect(answer.text.trim()).not.toBe('');
        expect(answer.blocks.length).toBeGreaterThan(0);
        expect(shown(answer)).not.toContain('Something went wrong');
        const [word, ...rest] = typed.trim().split(/\s+/u);
        const extra = rest.join(' ');
        if (/^[a-z0-9 ]+$/i.test(extra) && ['help', 'list', 'queue'].includes((word ?? '').toLowerCase())) expect(shown(answer)).toContain(extra);
        if (/^[a-z ]+$/i.test(extra) && /^\d+$/.test(rest[0] ?? '') === false && (word ?? '').toLowerCase() === 'status') expect(shown(answer)).toContain(extra);
        if (/^[*?!.,"' ]+$/.test(extra) && (word ?? '').toLowerCase() === 'search' && userId === people.john.id) expect(shown(answer)).toContain('holds no words');
      }),
      { numRuns: 60 },
    );
    expect(await ticketCount()).toBe(3);
    expect(slack.rejections).toEqual([]);
  });
});
