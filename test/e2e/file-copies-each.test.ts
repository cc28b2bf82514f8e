import { PostedMessage } from '../../src/sandbox/local-slack/local-slack';
import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';

const { karen, john } = people;

/**
 * Each file of a message is its own copy: one Slack will never give (deleted since it was shared)
 * or take (its upload refused) is named as not copied and its sender told why, while the others go
 * through; one that failed for a while is tried again, and no file is shared twice.
 */
describe('files are copied one by one: a lost file does not hold up the others', () => {
  jest.setTimeout(60_000);
  let harness: Harness;
  let scenes: Scenes;
  beforeEach(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
    await scenes.fileTicket(karen.id, 'Report a Problem', 'Entire mobile online banking is down');
  });
  afterEach(async () => {
    await harness.stop();
  });

  const copiedNames = (thread: PostedMessage[]): string[] =>
    thread.filter((message) => message.user === harness.slack.botUserId).flatMap((message) => (message.files ?? []).map((file) => String(file.name)));
  /** The card's thread and Karen's ticket thread, read as they are now. */
  const threads = async () => {
    const card = await scenes.card(1001);
    const ticket = await scenes.ticket(1001);
    return {
      card: () => harness.slack.messagesIn(card.channel, card.ts),
      karens: () => harness.slack.messagesIn(ticket.requesterDmChannelId ?? '', ticket.requesterDmTs ?? ''),
    };
  };

  it('Karen deletes one of her two screenshots before Slack could give it: the other reaches the card, the lost one is named there, and Karen is told why', async () => {
    const ticket = await scenes.ticket(1001);
    const asked = harness.slack.callsTo('files.getUploadURLExternal').length;
    // Slack has trouble for a while, long enough for Karen to delete her first screenshot.
    harness.slack.failNext('files.getUploadURLExternal', { error: 'internal_error' }, 2);
    const { message } = await harness.requests.shareFilesInDm(karen.id, 'two screenshots', ticket.requesterDmTs, [
      { name: 'gone.png', bytes: Buffer.from('png 1') },
      { name: 'login-error.png', bytes: Buffer.from('png 2') },
    ]);
    await harness.slack.waitFor(() => harness.slack.callsTo('files.getUploadURLExternal').length >= asked + 2, 5000, 'the first attempt');
    harness.slack.files.remove(String(message.files?.[0]?.id));
    const { card } = await threads();
    await harness.slack.waitFor(() => card().some((reply) => reply.text.includes('was not copied here')) && copiedNames(card()).length === 1, 15_000, 'the retry');
    await harness.settle();
    const thread = card();
    expect(copiedNames(thread)).toEqual(['login-error.png']);
    expect(thread.filter((reply) => reply.text.includes('was not copied here')).map((reply) => reply.text)).toEqual([
      ':paperclip: `gone.png` was not copied here: Slack no longer has it (it may have been deleted; HTTP 404).',
    ]);
    const told = (await scenes.requesterThread(1001)).map((reply) => reply.text).filter((text) => text.includes('was not passed on'));
    expect(told).toEqual(['`gone.png` was not passed on: Slack no longer has it (it may have been deleted; HTTP 404).']);
  });

  it("Slack refuses one of John's files for good and fails another for a while: Karen gets the good ones once each, and John is told in the card thread", async () => {
    const files = ['runbook.txt', 'refused.txt', 'dashboard.json'].map((name) => harness.slack.files.share(name, Buffer.from(`${name} bytes`), john.id));
    // The first file waits (Slack's trouble for a while); the second is refused as Slack refuses a request it will never take.
    harness.slack.failNext('files.getUploadURLExternal', { error: 'internal_error' }, 1);
    harness.slack.failNext('files.getUploadURLExternal', { error: 'invalid_arguments' }, 1);
    await scenes.clickAndSubmit(john.id, await scenes.card(1001), 'Reply to requester', { 'Message to the requester': 'Three files for you', Files: files.map((file) => file.id).join('|') });
    const { card, karens } = await threads();
    await harness.slack.waitFor(() => copiedNames(karens()).length === 2, 15_000, 'the two good files');
    await harness.settle();
    expect(copiedNames(karens()).sort()).toEqual(['dashboard.json', 'runbook.txt']);
    expect(
      karens()
        .filter((reply) => reply.text.includes('was not copied here'))
        .map((reply) => reply.text),
    ).toEqual([':paperclip: `refused.txt` was not copied here: Slack refused it (files.getUploadURLExternal: invalid_arguments).']);
    expect(card().map((reply) => reply.text)).toContain(`<@${john.id}>: \`refused.txt\` did not reach <@${karen.id}>: Slack refused it (files.getUploadURLExternal: invalid_arguments).`);
  });
});
