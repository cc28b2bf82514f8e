import { WebClient } from '@slack/web-api';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { people } from '../support/demo-workspace';
import { errorOf, startLocalSlackWithBot } from '../support/local-slack-client';

const modal = (blocks: unknown[]) => ({ type: 'modal', title: { type: 'plain_text', text: 'Ticket' }, blocks });
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** views.open, views.push and views.update refuse a view over 250 kB with view_too_large, as Slack documents for each. */
describe("the local Slack's modal size limit", () => {
  let slack: LocalSlack;
  let client: WebClient;
  beforeAll(async () => {
    ({ slack, client } = await startLocalSlackWithBot());
  });
  afterAll(async () => slack.stop());

  it('refuses a modal over 250 kB and accepts one just under, counting UTF-8 bytes', async () => {
    // 95 sections of 1,450 party poppers: 2,900 UTF-16 units each, but about 5,800 bytes: 550 kB in all.
    const huge = modal(Array.from({ length: 95 }, () => section('🎉'.repeat(1450))));
    expect(await errorOf(client.views.open({ trigger_id: slack.issueTrigger(people.karen.id), view: huge as never }))).toBe('view_too_large');
    expect(await errorOf(client.views.push({ trigger_id: slack.issueTrigger(people.karen.id), view: huge as never }))).toBe('view_too_large');
    const fits = modal(Array.from({ length: 40 }, () => section('🎉'.repeat(1450))));
    const opened = (await client.views.open({ trigger_id: slack.issueTrigger(people.karen.id), view: fits as never })) as { view?: { id?: string } };
    expect(await errorOf(client.views.update({ view_id: String(opened.view?.id), view: huge as never }))).toBe('view_too_large');
  });
});
