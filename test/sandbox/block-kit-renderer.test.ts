import { BlockRenderContext, renderBlock, renderMessageBody } from '../../src/sandbox/web/render-blocks';
import { renderModal } from '../../src/sandbox/web/render-modal';
import { formatSlackDate, renderMrkdwn, renderPlainText } from '../../src/sandbox/web/render-mrkdwn';

const context: BlockRenderContext = {
  userName: (id) => ({ U0KAREN: 'Karen Karen', U0JOHN: 'John Doe' })[id] ?? null,
  channelName: (id) => ({ C0SUPPORT: 'support' })[id] ?? null,
  timeZone: 'America/New_York',
  now: new Date('2026-11-22T15:00:00Z'),
  permalinkTarget: (url) => (url.startsWith('https://helpdesk-demo.slack.com/archives/C0SUPPORT/p1763800001000001') ? { channel: 'C0SUPPORT', ts: '1763800001.000001' } : null),
  people: [
    { id: 'U0KAREN', realName: 'Karen Karen' },
    { id: 'U0JOHN', realName: 'John Doe' },
  ],
  channels: [{ id: 'C0SUPPORT', name: 'support' }],
};

describe('mrkdwn to HTML', () => {
  it.each([
    ['*bold*', '<b>bold</b>'],
    ['_italic_', '<i>italic</i>'],
    ['~strike~', '<s>strike</s>'],
    ['a `code` span', 'a <code>code</code> span'],
    ['```\nline 1\nline 2```', '<pre>line 1\nline 2</pre>'],
    ['two\nlines', 'two<br>lines'],
    ['&gt; quoted\nnot quoted', '<blockquote>quoted</blockquote><br>not quoted'],
    ['file_name_with_underscores and 2*3*4', 'file_name_with_underscores and 2*3*4'],
    [':rotating_light: Emergency', '🚨 Emergency'],
    [':not_an_emoji_we_know:', ':not_an_emoji_we_know:'],
  ])('%j', (text, html) => {
    expect(renderMrkdwn(text, context)).toBe(html);
  });

  it('shows mentions as names and channels by name', () => {
    expect(renderMrkdwn('<@U0KAREN> asked <@U0JOHN> in <#C0SUPPORT>', context)).toBe(
      '<span class="mention">@Karen Karen</span> asked <span class="mention">@John Doe</span> in <span class="mention">#support</span>',
    );
    expect(renderMrkdwn('<@U0NOBODY> <#C0OTHER|other>', context)).toBe('<span class="mention">@U0NOBODY</span> <span class="mention">#other</span>');
    expect(renderMrkdwn('<!channel> <!here>', context)).toBe('<span class="mention">@channel</span> <span class="mention">@here</span>');
  });

  it("renders links, and turns this workspace's permalinks into links inside the page", () => {
    expect(renderMrkdwn('<https://example.com/a?b=1&amp;c=2|the docs>', context)).toBe('<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the docs</a>');
    expect(renderMrkdwn('<https://helpdesk-demo.slack.com/archives/C0SUPPORT/p1763800001000001|the card>', context)).toBe(
      '<a href="#" class="permalink" data-channel="C0SUPPORT" data-ts="1763800001.000001">the card</a>',
    );
    // Only web and mail links become links.
    expect(renderMrkdwn('<javascript:alert(1)|click me>', context)).toBe('click me');
  });

  it("shows <!date^…> in the viewer's time zone, with Today and Yesterday", () => {
    const epoch = Date.parse('2026-11-22T14:30:00Z') / 1000;
    expect(renderMrkdwn(`<!date^${epoch}^{date_short_pretty} at {time}|fallback>`, context)).toBe('<time datetime="2026-11-22T14:30:00.000Z">Today at 9:30 AM</time>');
    expect(formatSlackDate(epoch - 86_400, '{date_pretty}', context)).toBe('Yesterday');
    expect(formatSlackDate(epoch - 5 * 86_400, '{date_short_pretty}', context)).toBe('Nov 17, 2026');
    expect(formatSlackDate(epoch, '{date_num} {time}', { ...context, timeZone: 'Asia/Tokyo' })).toBe('11/22/2026 11:30 PM');
  });

  it('never lets user text become HTML', () => {
    const nasty = '&lt;img src=x onerror=alert(1)&gt; "quotes" \'single\' <script>alert(2)</script> \uE0000\uE001';
    const html = renderMrkdwn(nasty, context);
    expect(html).not.toMatch(/<img|<script|onerror=alert\(1\)"/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;quotes&quot; &#39;single&#39;');
    // A forged placeholder in the text cannot pull in another piece of markup.
    expect(html).not.toContain('\uE000');
    expect(renderPlainText('<b>not bold</b>\nnext')).toBe('&lt;b&gt;not bold&lt;/b&gt;<br>next');
    expect(renderMrkdwn('<https://x.example/"onmouseover="alert(1)|x>', context)).toContain('href="https://x.example/&quot;onmouseover=&quot;alert(1)"');
  });
});

describe('Block Kit to HTML', () => {
  it('renders a header, a section with fields and an accessory, context, divider and actions', () => {
    const html = renderMessageBody(
      'fallback',
      [
        { type: 'header', text: { type: 'plain_text', text: '#1001 Entire mobile online banking is down' } },
        {
          type: 'section',
          block_id: 'fields',
          fields: [
            { type: 'mrkdwn', text: '*Requester*\n<@U0KAREN>' },
            { type: 'mrkdwn', text: '*Priority*\n:rotating_light: Emergency' },
          ],
          accessory: { type: 'button', action_id: 'open', text: { type: 'plain_text', text: 'Open' } },
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'Support · Escalation level 0' }] },
        { type: 'divider' },
        {
          type: 'actions',
          block_id: 'card',
          elements: [
            { type: 'button', action_id: 'assign', text: { type: 'plain_text', text: 'Assign to me' }, style: 'primary', value: '{"t":1}' },
            { type: 'button', action_id: 'close', text: { type: 'plain_text', text: 'Close' }, style: 'danger' },
            { type: 'overflow', action_id: 'more', options: [{ text: { type: 'plain_text', text: 'Release' }, value: 'release' }] },
            { type: 'users_select', action_id: 'who', placeholder: { type: 'plain_text', text: 'Assign…' } },
          ],
        },
      ],
      context,
    );
    expect(html).toContain('<div class="bk-header">#1001 Entire mobile online banking is down</div>');
    expect(html).toContain('<div class="bk-field"><b>Requester</b><br><span class="mention">@Karen Karen</span></div>');
    expect(html).toContain('🚨 Emergency');
    expect(html).toContain('<div class="bk-accessory"><button type="button" class="bk-button" data-block-id="fields" data-action-id="open">Open</button></div>');
    expect(html).toContain('<div class="bk-context"><span>Support · Escalation level 0</span></div>');
    expect(html).toContain('<hr class="bk-divider">');
    expect(html).toContain('class="bk-button primary" data-block-id="card" data-action-id="assign">Assign to me</button>');
    expect(html).toContain('class="bk-button danger" data-block-id="card" data-action-id="close">Close</button>');
    expect(html).toContain('<option value="release">Release</option>');
    expect(html).toContain('<option value="U0JOHN">John Doe</option>');
    expect(html).not.toContain('fallback');
  });

  it('falls back to the message text when there are no blocks, and names blocks it cannot draw', () => {
    expect(renderMessageBody('*hello*', [], context)).toBe('<div class="bk-text"><b>hello</b></div>');
    expect(renderBlock({ type: 'video' }, context)).toBe('<div class="bk-unsupported">[video block]</div>');
  });

  it('escapes ids and values it puts in attributes', () => {
    const html = renderBlock({ type: 'actions', block_id: '"><script>', elements: [{ type: 'button', action_id: 'a"b', text: { type: 'plain_text', text: '<i>x</i>' } }] }, context);
    expect(html).not.toContain('<script>');
    expect(html).toContain('data-block-id="&quot;&gt;&lt;script&gt;" data-action-id="a&quot;b">&lt;i&gt;x&lt;/i&gt;</button>');
  });
});

describe('modals as forms', () => {
  const modal = {
    id: 'V1',
    errors: { summary: 'Keep the summary to one line.' },
    view: {
      type: 'modal',
      title: { type: 'plain_text', text: 'New ticket' },
      submit: { type: 'plain_text', text: 'Submit' },
      close: { type: 'plain_text', text: 'Cancel' },
      blocks: [
        {
          type: 'input',
          block_id: 'topic',
          label: { type: 'plain_text', text: 'Help topic' },
          element: {
            type: 'static_select',
            action_id: 'value',
            options: [
              { text: { type: 'plain_text', text: 'Report a Problem' }, value: '1' },
              { text: { type: 'plain_text', text: 'Business Critical Outage' }, value: '2' },
            ],
            initial_option: { text: { type: 'plain_text', text: 'Business Critical Outage' }, value: '2' },
          },
        },
        { type: 'input', block_id: 'summary', label: { type: 'plain_text', text: 'Summary' }, element: { type: 'plain_text_input', action_id: 'value', initial_value: 'a "quoted" <b>' } },
        { type: 'input', block_id: 'details', optional: true, label: { type: 'plain_text', text: 'Details' }, element: { type: 'plain_text_input', action_id: 'value', multiline: true } },
        {
          type: 'input',
          block_id: 'keep',
          optional: true,
          label: { type: 'plain_text', text: 'Status' },
          element: { type: 'checkboxes', action_id: 'value', options: [{ text: { type: 'plain_text', text: 'Keep it open' }, value: 'keep' }] },
        },
        { type: 'input', block_id: 'who', label: { type: 'plain_text', text: 'Assignee' }, element: { type: 'users_select', action_id: 'value', initial_user: 'U0JOHN' } },
        { type: 'input', block_id: 'where', label: { type: 'plain_text', text: 'Channel' }, element: { type: 'conversations_select', action_id: 'value' } },
      ],
    },
  };

  it('names every input by its block id, with initial values, the inline error and the buttons', () => {
    const html = renderModal(modal, context);
    expect(html).toContain('<span>New ticket</span>');
    expect(html).toContain('<option value="2" selected>Business Critical Outage</option>');
    expect(html).toContain('<input type="text" name="summary" placeholder="" value="a &quot;quoted&quot; &lt;b&gt;">');
    expect(html).toContain('<div class="input-error" role="alert">Keep the summary to one line.</div>');
    expect(html).toContain('<textarea name="details" rows="5" placeholder=""></textarea>');
    expect(html).toContain('Details <span class="optional">(optional)</span>');
    expect(html).toContain('<input type="checkbox" name="keep" value="keep"> Keep it open');
    expect(html).toContain('<option value="U0JOHN" selected>John Doe</option>');
    expect(html).toContain('<option value="C0SUPPORT">#support</option>');
    expect(html).toContain('<button type="submit" class="bk-button primary">Submit</button>');
    expect(html).toContain('data-close>Cancel</button>');
  });

  it('shows a select of option groups as groups, every option in its group, the initial one chosen', () => {
    const option = (index: number) => ({ text: { type: 'plain_text', text: `Agent ${index}` }, value: `U${index}` });
    const groups = [0, 1].map((group) => ({ label: { type: 'plain_text', text: `Group ${group + 1}` }, options: Array.from({ length: 100 }, (_, index) => option(group * 100 + index)) }));
    const select = { type: 'static_select', action_id: 'value', option_groups: groups, initial_option: option(150) };
    const html = renderModal(
      {
        id: 'V3',
        errors: {},
        view: { type: 'modal', title: { type: 'plain_text', text: 'Assign ticket' }, blocks: [{ type: 'input', block_id: 'choice', label: { type: 'plain_text', text: 'Agent' }, element: select }] },
      },
      context,
    );
    expect(html).toContain('<optgroup label="Group 2"><option value="U100">Agent 100</option>');
    expect(html).toContain('<option value="U150" selected>Agent 150</option>');
    expect(html.match(/<option value="U/g)).toHaveLength(200);
    const inMessage = renderBlock({ type: 'actions', block_id: 'filters', elements: [select] }, context);
    expect(inMessage).toContain('<optgroup label="Group 1">');
    expect(inMessage.match(/<option value="U/g)).toHaveLength(200);
  });

  it('has no Submit button when the view has none, as a confirmation', () => {
    const html = renderModal(
      { id: 'V2', errors: {}, view: { type: 'modal', title: { type: 'plain_text', text: 'Ticket created' }, close: { type: 'plain_text', text: 'Done' }, blocks: [] } },
      context,
    );
    expect(html).not.toContain('type="submit"');
    expect(html).toContain('data-close>Done</button>');
  });
});
