import fc from 'fast-check';
import { TICKET_EVENT_TYPES } from '../../src/domain/ticket-event';
import { TicketEventRow } from '../../src/persistence/entities/ticket-event.entity';
import { TicketRow } from '../../src/persistence/entities/ticket.entity';
import { buildRequesterConfirmation } from '../../src/slack/views/requester-confirmation.view';
import { decodeSlackText, escapeMrkdwn } from '../../src/slack/views/mrkdwn';
import { messageContent } from '../../src/slack/views/message-content';
import { relayText } from '../../src/slack/views/relay-text';
import { readableSlackText, relayableSlackText } from '../../src/slack/views/slack-markup';
import { buildRetiredCard, buildTicketCard } from '../../src/slack/views/ticket-card.view';
import { historySummary, threadLines } from '../../src/slack/views/ticket-event.view';
import { requesterUpdate } from '../../src/slack/views/requester-update.view';
import { channelAlert, staffMessage } from '../../src/slack/views/staff-alert.view';
import { breachSummary } from '../../src/slack/views/breach-summary.view';
import { buildTicketSubmittedModal } from '../../src/slack/views/ticket-submitted.view';
import { buildEscalateModal, buildNoteModal, buildReplyModal, buildResolveModal, buildStillBrokenModal } from '../../src/slack/views/work-modals.view';
import { messageProblems, viewProblems } from '../../src/sandbox/local-slack/block-kit-rules';
import { T0 } from '../domain/ticket-fixtures';
import { aTicketRow } from '../support/ticket-row';
import { liveBroadcasts, liveBroadcastsIn } from '../support/live-broadcasts';
import { markup } from '../support/markup-arbitrary';

const names = {
  users: new Map([['U0MICHAEL', 'Michael Michael']]),
  channels: new Map([['C0SYSADM', 'sysadmins']]),
};

describe('text from Slack, decoded once at the edge', () => {
  it('gives back any text a person typed, after Slack escapes it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: fc.constantFrom('&', '<', '>', 'amp;', 'lt;', 'gt;', '&amp;', '|', '!', '@', 'x') })), (typed) => {
        const delivered = escapeMrkdwn(typed);
        expect(readableSlackText(delivered)).toBe(typed);
        expect(relayableSlackText(delivered)).toBe(typed);
        expect(messageContent({ text: delivered }) === delivered || typed.trim() === '').toBe(true);
      }),
    );
  });

  it('turns mentions, channel links and labelled links into what people read', () => {
    const delivered = 'VPN drops for <@U0MICHAEL> since 9:05, see <https://status.example.com/vpn|the status page> and <#C0SYSADM|sysadmins>';
    expect(readableSlackText(delivered, names)).toBe('VPN drops for @Michael Michael since 9:05, see the status page (https://status.example.com/vpn) and #sysadmins');
  });

  it('falls back to the label, then the id, when a name is unknown', () => {
    expect(readableSlackText('<@U0NOBODY|nobody> <@U0GHOST> <#C0UNKNOWN> <#C0SYSADM>', names)).toBe('@nobody @U0GHOST #C0UNKNOWN #sysadmins');
  });

  it('shows broadcasts, user groups and dates as plain text', () => {
    expect(readableSlackText('<!here> <!CHANNEL|channel> <!everyone> <!subteam^S0ONCALL|@oncall> <!subteam^S0OPS> <!date^1392734382^{date_short}|Feb 18, 2014>')).toBe(
      '@here @channel @everyone @oncall @S0OPS Feb 18, 2014',
    );
    expect(readableSlackText('<mailto:karen@example.com|karen@example.com> <https://example.com> a &amp;lt; b')).toBe('karen@example.com https://example.com a &lt; b');
  });

  it('keeps mentions and web links as markup in a relayed message, and the rest as text', () => {
    expect(relayableSlackText('ask <@U0JANE> in <#C0SUPPORT|support>, see <https://x.example/a?b=1&amp;c=2|the log> <!here> <!subteam^S1|@ops> &lt;3')).toBe(
      'ask <@U0JANE> in <#C0SUPPORT>, see <https://x.example/a?b=1&c=2|the log> @here @ops <3',
    );
  });
});

describe('a message whose content is in attachments or blocks', () => {
  it('reads pretext, title, text and fields of attachments, and the fallback when there is nothing else', () => {
    const content = messageContent({
      text: '',
      attachments: [
        {
          pretext: 'Alert from Grafana',
          title: 'VPN gateway down',
          title_link: 'https://grafana.example/d/1',
          text: 'Packet loss &gt; 80%',
          fields: [{ title: 'Host', value: 'vpn-1' }],
          fallback: 'x',
        },
        { fallback: 'Disk full on db-2' },
      ],
    });
    expect(readableSlackText(content)).toBe('Alert from Grafana\nVPN gateway down (https://grafana.example/d/1)\nPacket loss > 80%\nHost: vpn-1\n\nDisk full on db-2');
  });

  it('reads section, header, context and rich_text blocks', () => {
    const content = messageContent({
      text: '',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Disk & CPU alert' } },
        { type: 'section', text: { type: 'mrkdwn', text: '*db-2* disk at 95% &lt;critical&gt;' }, fields: [{ type: 'mrkdwn', text: '*Host*\ndb-2' }] },
        {
          type: 'context',
          elements: [
            { type: 'mrkdwn', text: 'PagerDuty' },
            { type: 'image', image_url: 'https://x', alt_text: 'logo' },
          ],
        },
        {
          type: 'rich_text',
          elements: [
            {
              type: 'rich_text_section',
              elements: [
                { type: 'text', text: 'Ping ' },
                { type: 'user', user_id: 'U0MICHAEL' },
                { type: 'text', text: ' <now>' },
                { type: 'broadcast', range: 'here' },
              ],
            },
            { type: 'rich_text_list', elements: [{ type: 'rich_text_section', elements: [{ type: 'link', url: 'https://runbook.example', text: 'runbook' }] }] },
          ],
        },
        { type: 'divider' },
      ],
    });
    expect(readableSlackText(content, names)).toBe('Disk & CPU alert\n*db-2* disk at 95% <critical>\n*Host*\ndb-2\nPagerDuty\nPing @Michael Michael <now>@here\n• runbook (https://runbook.example)');
  });
});

describe('the relay tokenizer', () => {
  it('shows nested broadcasts and user groups as typed', () => {
    expect(relayText('<!<!subteam^S1|channel>>')).toBe('&lt;!&lt;!subteam^S1|channel&gt;&gt;');
    expect(relayText(':paperclip: attached a file in their DM: <!<!subteam^S1|here>>.png')).toBe(':paperclip: attached a file in their DM: &lt;!&lt;!subteam^S1|here&gt;&gt;.png');
    expect(relayText('<!EVERYONE> <!Group> <!here|x>')).toBe('&lt;!EVERYONE&gt; &lt;!Group&gt; &lt;!here|x&gt;');
  });

  it('keeps the allow-list live: a mention of one person, a channel link, a web link with an escaped label', () => {
    expect(relayText('<@U0JANE|jane> <#C0SUPPORT|support> <https://x.example/?a=1&b=2|a *label* & more> <https://x.example>')).toBe(
      '<@U0JANE> <#C0SUPPORT> <https://x.example/?a=1&amp;b=2|a *label* &amp; more> <https://x.example>',
    );
  });

  it('escapes everything else: dates, mailto, other schemes, user groups written as mentions', () => {
    expect(relayText('<!date^1^{date}|x> <mailto:a@b|a> <javascript:alert(1)> <@S0OPS> <#C0X|<!here>>')).toBe(
      '&lt;!date^1^{date}|x&gt; &lt;mailto:a@b|a&gt; &lt;javascript:alert(1)&gt; &lt;@S0OPS&gt; &lt;#C0X|&lt;!here&gt;&gt;',
    );
  });

  it('renders text without allow-listed tokens exactly as typed', () => {
    fc.assert(
      fc.property(markup, (typed) => {
        fc.pre(!/<(@[UW]|#[CG]|https?:\/\/)/i.test(typed));
        expect(decodeSlackText(relayText(typed))).toBe(typed);
      }),
    );
  });
});

const row = (overrides: Partial<TicketRow> = {}): TicketRow => aTicketRow({ cardChannelId: 'C0SUPPORT', cardTs: '1.1', requesterDmChannelId: 'D0KAREN', requesterDmTs: '1.2', ...overrides });

const event = (type: TicketEventRow['type'], text: string): TicketEventRow => ({
  id: 1,
  ticketId: 7,
  type,
  actorId: 'U0JOHN',
  at: T0,
  before: { departmentId: 1, priority: 'normal', status: 'open' },
  after: { departmentId: 2, priority: 'high', status: 'waiting', assigneeId: 'U0JOHN', escalationLevel: 1 },
  text,
});

/** Everything the app posts or shows that carries text people wrote, built from `written`. */
const everyViewOf = (written: string, summary = written, slaText = written): { text?: string; blocks?: unknown }[] => {
  const ticket = row({ summary, details: written });
  const departmentName = () => 'Support';
  const events = TICKET_EVENT_TYPES.map((type) =>
    event(type, ['sla_warning', 'overdue', 'sla_escalated', 'first_response_warning', 'first_response_overdue', 'requester_reminded', 'assignee_nudged'].includes(type) ? slaText : written),
  );
  const contexts = events.map((one) => ({ ticket, event: one, departmentName }));
  return [
    buildTicketCard({ ticket, departmentName: 'Support', topicName: 'Report a Problem', slaPlanName: 'Default', now: T0 }),
    buildRetiredCard(1042, summary, 'Sys Admins', 'C0SYSADM'),
    buildRequesterConfirmation({ number: 1042, summary, departmentName: 'Support', priority: 'normal' }),
    buildTicketSubmittedModal({ number: 1042, summary, departmentName: 'Support' }),
    ...[buildReplyModal, buildNoteModal, buildResolveModal, buildEscalateModal].map((build) => build(ticket)),
    buildStillBrokenModal(ticket),
    ...contexts.flatMap((context) => threadLines(context).map((text) => ({ text }))),
    ...contexts.flatMap((context) => [requesterUpdate(context), staffMessage(context), channelAlert(context, ['U0SYSA'])]).filter((message) => message !== null),
    breachSummary('Support', [{ number: 1042, summary }]),
    ...historySummary(ticket, events, departmentName).map((text) => ({ text })),
  ];
};

describe('no live broadcast or user-group mention ever leaves the app', () => {
  it('the checker finds what Slack would parse, nested, in any case', () => {
    expect(liveBroadcasts('<!<!subteam^S1|channel>>')).toEqual(['<!<!subteam^S1|channel>', '<!subteam^S1|channel>']);
    expect(liveBroadcasts('x <!Here> <! everyone> <@S0OPS> <!date^1^{date}|x> &lt;!channel&gt; <@U0JANE>')).toEqual(['<!Here>', '<! everyone>', '<@S0OPS>']);
  });

  it('through every view builder, whether the text was typed in a modal or came from a Slack message', () => {
    fc.assert(
      fc.property(markup, (generated) => {
        for (const written of [generated, readableSlackText(generated), relayableSlackText(generated)]) {
          for (const view of everyViewOf(written)) expect(liveBroadcastsIn(view)).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('mentions of many people', () => {
  it('keeps at most a few mentions live, so a text cannot ping a whole channel one person at a time', () => {
    const everyone = ['U0JOHN', 'U0JANE', 'U0MGR', 'U0SYSA', 'U0BOSS', 'U0KEN', 'U0MICHAEL'].map((id) => `<@${id}>`).join(' ');
    expect(relayText(everyone)).toBe('<@U0JOHN> <@U0JANE> <@U0MGR> <@U0SYSA> <@U0BOSS> &lt;@U0KEN&gt; &lt;@U0MICHAEL&gt;');
  });
});

describe("Slack's limits", () => {
  /** Texts that grow most when escaped or quoted, at the longest the app takes (summary 150, details and replies 3,000). */
  const worst = (length: number): string[] =>
    ['&', '<', '>', '\n', '📧', '👨‍👩‍👧‍👦', '<@U0MICHAEL>', '<https://status.example.com/vpn|the status page>'].map((unit) => unit.repeat(Math.floor(length / unit.length)));

  it('every message and view built from the longest, most escaped texts stays within them', () => {
    const summaries = worst(150);
    for (const [index, written] of worst(3000).entries()) {
      // The SLA and follow-up events' words are the app's own ("past its due time"), not what people wrote.
      for (const view of everyViewOf(written, summaries[index], 'past its due time')) {
        const problems = (view as { type?: string }).type === 'modal' ? viewProblems(view) : messageProblems(view.text, view.blocks);
        expect(problems).toEqual([]);
      }
    }
  });

  it('a storm of 150 breaches whose summaries are 150 ampersands or angle brackets is one message of at most 50 blocks that counts what it leaves out', () => {
    for (const summary of worst(150)) {
      const items = Array.from({ length: 150 }, (_, index) => ({ number: 1001 + index, summary }));
      const message = breachSummary('Support', items);
      expect(messageProblems(message.text, message.blocks)).toEqual([]);
      const shown = message.blocks.map((block) => JSON.stringify(block)).join('');
      const listed = (shown.match(/\*#\d+\*/g) ?? []).length;
      expect(listed + Number(/…and (\d+) more/.exec(shown)?.[1] ?? 0)).toBe(150);
    }
  });
});
