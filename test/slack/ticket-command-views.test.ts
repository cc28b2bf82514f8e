import fc from 'fast-check';
import { slaStateOf } from '../../src/domain/sla-state';
import { TicketEventType } from '../../src/domain/ticket-event';
import { PUBLIC_EVENT_TYPES } from '../../src/domain/ticket-visibility';
import { messageProblems } from '../../src/sandbox/local-slack/block-kit-rules';
import { DepartmentRow, TicketEventRow } from '../../src/services/ports/records';
import { TicketListing } from '../../src/services/ticket-lookup.service';
import { queueSnapshotAnswer, requesterListAnswer, staffListAnswer } from '../../src/slack/views/ticket-lists.view';
import { ticketStatusAnswer } from '../../src/slack/views/ticket-status.view';
import { helpAnswer } from '../../src/slack/views/command-help.view';
import { RESERVED_WORDS } from '../../src/slack/listeners/commands/command-words';
import { aTicketRow } from '../support/ticket-row';
import { visibleText } from '../support/visible-text';

const NOW = new Date('2026-11-23T15:00:00Z');
const HOUR = 3600_000;
const SUPPORT: DepartmentRow = {
  id: 1,
  name: 'Support',
  channelId: 'C0SUPPORT',
  agentIds: ['U0JOHN'],
  managerIds: ['U0MGR'],
  slaPlanId: 1,
  escalationChannelId: null,
  notify: {},
  satisfaction: true,
  digestCron: null,
  active: true,
};

/** `count` listings with summaries of 150 characters full of markup, due an hour apart from 3 hours ago. */
const listings = (count: number, summary = '<!channel> *x* & '.repeat(9).slice(0, 150)): TicketListing[] =>
  Array.from({ length: count }, (_, index) => {
    const ticket = aTicketRow({ number: 1000 + index, summary, dueAt: new Date(NOW.getTime() + (index - 3) * HOUR), assigneeId: index % 2 ? 'U0JOHN' : null });
    return { ticket, department: SUPPORT, sla: slaStateOf(ticket, NOW) };
  });
const pageOf = (rows: TicketListing[], total = rows.length) => ({ rows, offset: 0, total });

describe('the /ticket answers stay within Slack’s message limits and say what they leave out', () => {
  it('lists at most 15 tickets per list and counts the rest', () => {
    const answer = requesterListAnswer({ open: pageOf(listings(15), 480), recent: pageOf(listings(3)) }, 14);
    expect(messageProblems(answer.text, answer.blocks)).toEqual([]);
    expect(visibleText(answer)).toContain('…and 465 more not shown here');
    const staff = staffListAnswer({ mine: pageOf(listings(15), 20), unassigned: pageOf(listings(15), 500) }, ['Support']);
    expect(messageProblems(staff.text, staff.blocks)).toEqual([]);
    expect(visibleText(staff)).toMatch(/…and 5 more[\s\S]*…and 485 more/);
  });

  it('groups a snapshot of 200 of 5,000 tickets within 50 blocks, and says only the most urgent are grouped', () => {
    const answer = queueSnapshotAnswer(pageOf(listings(200), 5000), { open: 4000, in_progress: 900, waiting: 100 }, ['Support']);
    expect(messageProblems(answer.text, answer.blocks)).toEqual([]);
    const text = visibleText(answer);
    expect(text).toMatch(/Overdue\* \(4\)[\s\S]*Due within 4 hours\* \(4\)[\s\S]*Later\* \(192\+\)/);
    expect(text).toContain('Only the 200 most urgent of 5,000 open tickets are grouped here');
    // Markup in a summary is shown as typed, never live.
    expect(text).not.toContain('<!channel>');
  });

  it('shows a long history’s latest entries whole, and says how many earlier ones are elsewhere', () => {
    const ticket = aTicketRow({ number: 1042 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 4000 }), fc.constantFrom<'staff' | 'requester'>('staff', 'requester'), (count, length, audience) => {
        // The service hands the requester only the public history.
        const types: TicketEventType[] = audience === 'staff' ? ['replied', 'requester_messaged', 'noted', 'resolved'] : ['replied', 'requester_messaged', 'resolved'];
        const history: TicketEventRow[] = Array.from({ length: count }, (_, index) => ({
          id: index + 1,
          ticketId: ticket.id,
          type: types[index % types.length]!,
          actorId: 'U0JOHN',
          at: new Date(NOW.getTime() - (count - index) * 60_000),
          before: {},
          after: {},
          text: `entry${index}. ${'é'.repeat(length)}`,
        }));
        const answer = ticketStatusAnswer({ ticket, department: SUPPORT, sla: slaStateOf(ticket, NOW), audience, history }, () => 'Support');
        expect(messageProblems(answer.text, answer.blocks)).toEqual([]);
        const text = visibleText(answer);
        if (count > 0) expect(text).toContain(`entry${count - 1}.`);
        const left = text.match(/(\d+) earlier entr(y is|ies are) not shown here/);
        const shownEntries = new Set([...text.matchAll(/entry(\d+)\./g)].map((match) => match[1])).size;
        expect(shownEntries + Number(left?.[1] ?? 0)).toBe(count);
        // Short entries share sections: a couple of hundred fit in one message.
        if (length <= 20) expect(left).toBeNull();
      }),
      { numRuns: 40 },
    );
  });

  it('leaves room for a note: the longest lists take at most 30 blocks', () => {
    // Every summary 150 `&`, each escaped to five characters; 15 tickets in each group.
    const worst = listings(200, '&'.repeat(150)).map((listing, index) => {
      const ticket = { ...listing.ticket, dueAt: new Date(NOW.getTime() + (index < 20 ? -HOUR : index < 40 ? HOUR : 10 * HOUR)) };
      return { ...listing, ticket, sla: slaStateOf(ticket, NOW) };
    });
    const snapshot = queueSnapshotAnswer(pageOf(worst, 900), { open: 900, in_progress: 0, waiting: 0 }, ['Support', 'Sys Admins']);
    const staff = staffListAnswer({ mine: pageOf(worst.slice(0, 15), 100), unassigned: pageOf(worst.slice(0, 15), 100) }, ['Support']);
    const requester = requesterListAnswer({ open: pageOf(worst.slice(0, 15), 100), recent: pageOf(worst.slice(0, 15), 100) }, 14);
    for (const answer of [snapshot, staff, requester]) {
      expect(answer.blocks.length).toBeLessThanOrEqual(30);
      expect(messageProblems(answer.text, answer.blocks)).toEqual([]);
    }
  });

  it('echoes what was typed escaped in the help', () => {
    const answer = helpAnswer('<!here> --help', RESERVED_WORDS);
    expect(messageProblems(answer.text, answer.blocks)).toEqual([]);
    expect(visibleText(answer)).toContain('“&lt;!here&gt; --help” is not a `/ticket` command');
  });
});

describe('/ticket status tells the requester every public entry of their history in words', () => {
  const ticket = aTicketRow({ requesterId: 'U0KAREN' });
  const afterOf: Partial<Record<TicketEventType, TicketEventRow['after']>> = {
    assigned: { assigneeId: 'U0JOHN' },
    transferred: { departmentId: 1 },
    merged: { mergedIntoNumber: 1001 },
    satisfaction_rated: { satisfaction: 4 },
  };
  const history: TicketEventRow[] = PUBLIC_EVENT_TYPES.map((type, index) => ({
    id: index + 1,
    ticketId: ticket.id,
    type,
    actorId: type === 'merged' || type === 'assigned' || type === 'replied' || type === 'resolved' ? 'U0JOHN' : 'U0KAREN',
    at: new Date(NOW.getTime() - (PUBLIC_EVENT_TYPES.length - index) * 60_000),
    before: {},
    after: afterOf[type] ?? {},
    text: type === 'satisfaction_rated' ? 'Fast fix' : null,
  }));
  const text = visibleText(ticketStatusAnswer({ ticket, department: SUPPORT, sla: slaStateOf(ticket, NOW), audience: 'requester', history }, () => 'Support'));

  it.each(PUBLIC_EVENT_TYPES.map((type) => [type, type.replace(/_/g, ' ')]))('%s is told in words, not as its event name', (_type, raw) => {
    expect(text).not.toContain(`: ${raw}`);
  });

  it('says how Karen rated it, and where her duplicate went', () => {
    expect(text).toContain('You said how we did: ★★★★☆ Good');
    expect(text).toContain('Fast fix');
    expect(text).toContain('merged it into #1001');
  });
});
