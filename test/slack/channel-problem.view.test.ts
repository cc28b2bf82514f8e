import { messageProblems } from '../../src/sandbox/local-slack/block-kit-rules';
import { channelProblemNotice } from '../../src/slack/views/channel-problem.view';
import { buildRequesterConfirmation } from '../../src/slack/views/requester-confirmation.view';

describe('what people read when a department channel refuses the app', () => {
  it('names the ticket, the channel and the fix, escaped, within Slack limits', () => {
    const notice = channelProblemNotice({
      number: 1001,
      summary: 'Entire mobile online banking is down <3rd floor> & more',
      failedKind: 'post_ticket_card',
      channelId: 'C0SUPPORT',
      channelName: 'support',
      error: 'not_in_channel',
      fix: 'invite @helpdesk to #support (type /invite @helpdesk in #support)',
    });
    expect(notice.text).toBe(
      ':warning: Ticket *#1001* (Entire mobile online banking is down &lt;3rd floor&gt; &amp; more) has no home yet: the help desk could not post the ticket card in <#C0SUPPORT> (#support), ' +
        'Slack answered `not_in_channel`. To fix it, invite @helpdesk to #support (type /invite @helpdesk in #support). ' +
        'It will be posted there as soon as the channel works, without a restart; nothing is lost meanwhile.',
    );
    expect(messageProblems(notice.text, notice.blocks)).toEqual([]);
  });

  it('names a channel Slack does not show by its id', () => {
    const notice = channelProblemNotice({ number: 1002, summary: 'VPN drops', failedKind: 'thread_line', channelId: 'C0GONE', channelName: null, error: 'channel_not_found', fix: 'create it' });
    expect(notice.text).toContain("could not post a line in the card's thread in `C0GONE`");
  });

  it('promises Karen only that her ticket is filed and the people who can act know, when the card has no home; otherwise nothing more', () => {
    const data = { number: 1001, summary: 'Entire mobile online banking is down', departmentName: 'Support', priority: 'emergency' as const };
    const waiting = buildRequesterConfirmation({ ...data, cardWaiting: true });
    expect(JSON.stringify(waiting.blocks)).toContain("Your ticket is filed. It cannot reach Support's channel in Slack yet; the people who can act on it have been told");
    expect(messageProblems(waiting.text, waiting.blocks)).toEqual([]);
    expect(buildRequesterConfirmation(data).blocks).toHaveLength(waiting.blocks.length - 1);
  });
});
