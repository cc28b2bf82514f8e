import { channels, people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { initialValues } from '../support/visible-text';

/** Text typed on Windows (or pasted from it) breaks lines with CRLF, some old tools with a lone CR. */
describe('line breaks of every kind end the first line the summary is taken from', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('pre-fills `/ticket a\\r\\nb` with the summary "a" and the whole text as details', async () => {
    const { slack, requests } = harness;
    const text = 'Entire mobile online banking is down\r\nCustomers get a 404 since 9:05';
    await requests.slashCommand(people.karen.id, text);
    const modal = await slack.waitFor(() => slack.currentView(people.karen.id), 3000, 'the ticket modal');
    expect(initialValues(modal.view)).toEqual({ 'Help topic': null, Summary: 'Entire mobile online banking is down', Details: text });
  });

  it('pre-fills a message shortcut on a message with lone CRs with the first line only', async () => {
    const { slack, requests } = harness;
    const message = slack.postAsUser(channels.general, people.karen.id, 'Mobile banking shows a 404\rStarted at 9:05');
    await requests.messageShortcut(people.ken.id, message);
    const modal = await slack.waitFor(() => slack.currentView(people.ken.id), 3000, 'the ticket modal');
    expect(initialValues(modal.view)).toMatchObject({ Summary: 'Mobile banking shows a 404' });
  });
});
