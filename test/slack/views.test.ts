import fc from 'fast-check';
import { messageProblems, viewProblems } from '../../src/sandbox/local-slack/block-kit-rules';
import { TicketRow } from '../../src/persistence/entities/ticket.entity';
import { buildRequesterConfirmation } from '../../src/slack/views/requester-confirmation.view';
import { buildTicketCard } from '../../src/slack/views/ticket-card.view';
import { buildTicketModal } from '../../src/slack/views/ticket-modal.view';
import { buildAssignModal, buildEscalateModal, buildNoteModal, buildReplyModal, buildResolveModal, buildStillBrokenModal, buildTransferModal } from '../../src/slack/views/work-modals.view';
import { prefillFromCommandText, prefillFromMessage } from '../../src/slack/views/ticket-modal-prefill';
import { escapeMrkdwn } from '../../src/slack/views/mrkdwn';
import { splitText } from '../../src/slack/views/text-cuts';
import { buildEditModal, buildWithdrawModal } from '../../src/slack/views/ticket-edit.view';
import { buttonLabels, mrkdwnTexts, visibleText } from '../support/visible-text';
import { T0 } from '../domain/ticket-fixtures';
import { aTicketRow } from '../support/ticket-row';

const row = aTicketRow;

const card = (overrides: Partial<TicketRow> = {}, now = T0) => buildTicketCard({ ticket: row(overrides), departmentName: 'Support', topicName: 'Business Critical Outage', slaPlanName: 'SEV-A', now });

describe('escaping user text', () => {
  it('escapes the three characters Slack asks for, so text cannot mention @channel or forge links', () => {
    expect(escapeMrkdwn('<!channel> & <@U0BOSS> <https://evil|click>')).toBe('&lt;!channel&gt; &amp; &lt;@U0BOSS&gt; &lt;https://evil|click&gt;');
  });

  it('shows hostile summaries and details on the card as typed, keeping only a mention of one person live', () => {
    const built = card({ summary: 'Down <!channel>', details: 'see <!here> & <@U0BOSS>' });
    const text = mrkdwnTexts(built);
    expect(text).not.toMatch(/<!channel>|<!here>/);
    expect(text).toContain('#1042 Down &lt;!channel&gt;');
    expect(text).toContain('see &lt;!here&gt; &amp; <@U0BOSS>');
  });

  it('never splits an escape when cutting long text into sections', () => {
    const pieces = splitText(escapeMrkdwn('&'.repeat(2000)), 3000);
    expect(pieces.every((piece) => /^(&amp;)+$/.test(piece))).toBe(true);
    expect(pieces.join('')).toBe('&amp;'.repeat(2000));
  });
});

describe('the ticket card', () => {
  it('shows number, summary, requester, topic, priority, status, assignee, due time and details', () => {
    const text = visibleText(card());
    for (const expected of ['#1042 Entire mobile online banking is down', '<@U0KAREN>', 'Business Critical Outage', 'Normal', 'Open', '_Unassigned_', '404 on every page', 'SEV-A']) {
      expect(text).toContain(expected);
    }
    expect(text).toContain(`<!date^${Math.floor((T0.getTime() + 3600_000) / 1000)}^{date_short_pretty} at {time}|2026-11-23 15:00 UTC>`);
  });

  it('marks an active ticket past its due time as overdue, and a resolved one not', () => {
    const late = new Date(T0.getTime() + 2 * 3600_000);
    expect(visibleText(card({}, late))).toContain('*Overdue*');
    expect(visibleText(card({ status: 'resolved' }, late))).not.toContain('Overdue');
  });

  it('stays within Slack limits with the longest summary and details, keeping every character of the details', () => {
    const details = '<&>'.repeat(1000);
    const built = card({ summary: 'S'.repeat(150), details });
    expect(messageProblems(built.text, built.blocks)).toEqual([]);
    // The details' sections: not the line of related tickets under them.
    const sectionTexts = built.blocks.flatMap((block) => (block.type === 'section' && block.text && block.block_id !== 'ticket_relations' ? [block.text.text] : []));
    const shown = sectionTexts.filter((text) => !text.startsWith('*S')).join('');
    expect(shown).toBe(escapeMrkdwn(details));
    expect(visibleText(built)).toContain(`*${'S'.repeat(150)}*`);
  });

  it('says so when there are no details', () => {
    expect(visibleText(card({ details: '' }))).toContain('No details given');
  });

  it('carries the ticket id and version in its buttons, under spelled-out keys', () => {
    const actions = card({ version: 4, assigneeId: 'U0JOHN' }).blocks.find((block) => block.type === 'actions') as { elements: { type: string; value: string; options?: { value: string }[] }[] };
    const buttons = actions.elements.filter((element) => element.type === 'button');
    expect(buttons.map((element) => JSON.parse(element.value) as unknown)).toEqual(Array(6).fill({ ticketId: 7, version: 4 }));
    const menu = actions.elements.find((element) => element.type === 'overflow');
    expect(menu?.options?.map((option) => JSON.parse(option.value) as unknown)).toEqual([
      { ticketId: 7, version: 4, action: 'assign' },
      { ticketId: 7, version: 4, action: 'release' },
      { ticketId: 7, version: 4, action: 'close' },
      { ticketId: 7, version: 4, action: 'edit' },
      { ticketId: 7, version: 4, action: 'watchers' },
    ]);
  });

  it('offers Release only on a ticket someone holds', () => {
    const menuOf = (assigneeId: string | null) =>
      (card({ assigneeId }).blocks.find((block) => block.type === 'actions') as { elements: { type: string; options?: { text: { text: string } }[] }[] }).elements
        .find((element) => element.type === 'overflow')
        ?.options?.map((option) => option.text.text);
    expect(menuOf(null)).toEqual(['Assign…', 'Close', 'Edit…', 'Watchers…']);
    expect(menuOf('U0JOHN')).toEqual(['Assign…', 'Release', 'Close', 'Edit…', 'Watchers…']);
  });

  it('gives every workflow modal the ticket id and version in private_metadata, under spelled-out keys', () => {
    const ticket = row({ id: 7, version: 4 });
    const modals = [buildReplyModal, buildNoteModal, buildResolveModal, buildEscalateModal, buildStillBrokenModal].map((build) => build(ticket));
    modals.push(buildTransferModal(ticket, []), buildAssignModal(ticket, []));
    for (const modal of modals) expect(JSON.parse(modal.private_metadata ?? '')).toEqual({ ticketId: 7, version: 4 });
  });

  it('offers Reopen, Close and Internal note on a resolved ticket, and only Reopen on a closed one', () => {
    expect(buttonLabels(card({ status: 'resolved' }) as never)).toEqual(['Reopen', 'Close', 'Internal note']);
    expect(buttonLabels(card({ status: 'closed' }) as never)).toEqual(['Reopen']);
  });
});

describe('the requester confirmation', () => {
  it('gives number, summary, department and priority', () => {
    const message = buildRequesterConfirmation({ number: 1001, summary: 'Mail on my iPhone <3', departmentName: 'Support', priority: 'emergency' });
    const text = visibleText(message);
    expect(text).toContain('*#1001*');
    expect(text).toContain('Mail on my iPhone &lt;3');
    expect(text).toContain('Support');
    expect(text).toContain('Emergency');
    expect(messageProblems(message.text, message.blocks)).toEqual([]);
  });
});

describe('the New ticket modal', () => {
  const topics = Array.from({ length: 120 }, (_, index) => ({ id: index + 1, name: `Topic ${index + 1} ${'x'.repeat(80)}` }));

  it('stays valid with more topics than a select holds and long topic names', () => {
    const view = buildTicketModal({ topics, metadata: { source: null } });
    expect(viewProblems(view)).toEqual([]);
  });

  it('preselects the only topic', () => {
    const view = buildTicketModal({ topics: [{ id: 3, name: 'Report a Problem' }], metadata: { source: null } });
    expect(JSON.stringify(view)).toContain('"initial_option":{"text":{"type":"plain_text","text":"Report a Problem","emoji":true},"value":"3"}');
  });

  it('takes the summary up to the first line break of any kind (LF, CRLF, lone CR), never a break character', () => {
    const line = fc
      .string({ minLength: 1, maxLength: 60 })
      .map((text) => text.replace(/[\r\n]/g, ' ').trim())
      .filter((text) => text.length > 0);
    fc.assert(
      fc.property(fc.array(line, { minLength: 2, maxLength: 4 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, lineBreak) => {
        const text = lines.join(lineBreak);
        for (const prefill of [prefillFromCommandText(text), prefillFromMessage(text)]) {
          expect(prefill.summary).toBe(lines[0]);
          expect(prefill.details).toBe(text);
        }
      }),
      { numRuns: 300 },
    );
    expect(prefillFromCommandText('a\r\nb')).toEqual({ summary: 'a', details: 'a\r\nb' });
  });

  it('prefills from command text and from messages within the input limits', () => {
    expect(prefillFromCommandText('  Printer on 3rd floor is jammed ')).toEqual({ summary: 'Printer on 3rd floor is jammed', details: '' });
    expect(prefillFromCommandText('Printer jammed\ntray 2, since Monday')).toEqual({ summary: 'Printer jammed', details: 'Printer jammed\ntray 2, since Monday' });
    const long = prefillFromMessage(`Incident\n${'z'.repeat(5000)}`);
    expect(long).toMatchObject({ summary: 'Incident', notice: expect.stringContaining('5,009 characters') });
    expect(long.details).toHaveLength(3000);
    const view = buildTicketModal({ topics: topics.slice(0, 3), ...long, metadata: { source: { channelId: 'C1', messageTs: '1.2' } } });
    expect(viewProblems(view)).toEqual([]);
  });
});

describe('the Edit, Withdraw and canned-response views', () => {
  const topics = Array.from({ length: 120 }, (_, index) => ({
    id: index + 1,
    name: `Topic ${index + 1} ${'x'.repeat(80)}`,
    departmentId: 1,
    priority: 'normal' as const,
    slaPlanId: null,
    fields: [],
    active: true,
  }));

  it('offers the department’s topics, the current one picked, within Slack’s limits, whatever their number and names', () => {
    const view = buildEditModal(aTicketRow({ helpTopicId: 5, summary: 's'.repeat(150) }), topics, topics[4]?.name ?? '');
    expect(viewProblems(view)).toEqual([]);
    const topicBlock = view.blocks.find((block) => block.block_id === 'edit_topic');
    expect(JSON.stringify(topicBlock)).toContain('"initial_option":{"text":{"type":"plain_text","text":"Topic 5 ');
    expect(viewProblems(buildWithdrawModal(aTicketRow()))).toEqual([]);
  });

  it('offers Withdraw ticket on the requester’s DM while the ticket is open, never once it is resolved or closed', () => {
    const data = { number: 1001, summary: 'Mail on my iPhone', departmentName: 'Support', priority: 'normal' as const, topicName: 'Report a Problem', ticket: { id: 7, version: 2 } };
    const open = buildRequesterConfirmation(data);
    expect(buttonLabels(open as never)).toEqual(['Withdraw ticket', 'Watchers…']);
    expect(visibleText(open)).toContain('Report a Problem');
    expect(messageProblems(open.text, open.blocks)).toEqual([]);
    for (const status of ['resolved', 'closed'] as const) {
      expect(buttonLabels(buildRequesterConfirmation({ ...data, current: { status, assigneeId: null, dueAt: null } }) as never)).toEqual(['Watchers…']);
    }
  });

  it('keeps 100 canned responses with long titles and a full message within Slack’s limits', () => {
    const canned = Array.from({ length: 130 }, (_, index) => ({ title: `${index} ${'t'.repeat(73)}` }));
    for (const build of [buildReplyModal, buildNoteModal]) {
      const view = build(aTicketRow(), canned, { blockId: 'text.3', text: 'x'.repeat(3000), notice: 'n'.repeat(150) });
      expect(viewProblems(view)).toEqual([]);
    }
  });
});
