import { OutboxMessageEntity } from '../../src/persistence/entities/outbox-message.entity';
import { PostedMessage } from '../../src/sandbox/local-slack/local-slack';
import { people } from '../support/demo-workspace';
import { Harness, startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';
import { relayText } from '../../src/slack/views/relay-text';

type Json = Record<string, unknown>;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Slack markup that is open at the end of a text: a `<` or an `&` whose token is not closed. */
const OPEN_MARKUP = /<[^>]*$|&[a-z]{0,3}$/;

const allStrings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(allStrings) : value && typeof value === 'object' ? Object.values(value).flatMap(allStrings) : [];

const headerOf = (card: PostedMessage): string => {
  const header = card.blocks.find((block) => block.type === 'header');
  return String((header?.text as Json | undefined)?.text);
};

/**
 * Issue 13.1: every cut the app makes in text for Slack falls between whole characters and
 * outside Slack markup, so Slack (and the Web API client before it) accepts every piece at once.
 */
describe('whole characters and whole markup at every cut', () => {
  let harness: Harness;
  let scenes: Scenes;
  beforeAll(async () => {
    harness = await startHarness();
    scenes = new Scenes(harness);
  });
  afterAll(async () => {
    await harness.stop();
  });

  const karen = people.karen.id;

  /** Karen writes in her ticket's DM thread; the card thread's new lines, once everything is delivered. */
  const karenWrites = async (number: number, text: string): Promise<string[]> => {
    const ticket = await scenes.ticket(number);
    const before = scenes.thread(await scenes.card(number)).length;
    await harness.requests.writeInDm(karen, text, ticket.requesterDmTs);
    await harness.settle();
    return scenes.thread(await scenes.card(number)).slice(before);
  };

  it("relays Karen's 2,864 × a, 📧 and more in pieces that join to her line, on the first attempt", async () => {
    const ticket = await scenes.fileTicket(karen, 'Business Critical Outage', 'Entire mobile online banking is down');
    const text = `${'a'.repeat(2864)}📧 and the rest of what she wrote`;
    const line = `:envelope: <@${karen}> (requester): ${text}`;
    // The emoji straddles the 2,900th code unit, where the relayed line is split.
    expect(line.indexOf('📧')).toBe(2899);

    const started = Date.now();
    const pieces = await karenWrites(ticket.number, text);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(pieces.join('')).toBe(line);
    expect(pieces.map((piece) => piece.length)).toEqual([2899, line.length - 2899]);
    expect(pieces.some((piece) => LONE_SURROGATE.test(piece))).toBe(false);

    const outbox = await harness.helpdesk.db.manager.find(OutboxMessageEntity, { where: { ticketId: ticket.id } });
    expect(outbox.filter((message) => message.sentAt === null || message.attempts !== 1)).toEqual([]);
    expect(harness.logs.filter((entry) => entry.includes('will be retried'))).toEqual([]);
  });

  it('keeps a mention that falls on the split whole, in one piece', async () => {
    const text = `${'b'.repeat(2860)} <@${people.michael.id}> can confirm it`;
    const line = `:envelope: <@${karen}> (requester): ${text}`;
    const mentionAt = line.indexOf(`<@${people.michael.id}>`);
    expect(mentionAt < 2900 && mentionAt + 12 > 2900).toBe(true);

    const pieces = await karenWrites(1001, text);
    expect(pieces.join('')).toBe(line);
    expect(pieces.every((piece) => piece.length <= 2900 && !OPEN_MARKUP.test(piece))).toBe(true);
    expect(pieces[1]?.startsWith(`<@${people.michael.id}>`)).toBe(true);
  });

  it('keeps ZWJ families, flags and skin tones that fall on the split whole', async () => {
    for (const emoji of ['👨‍👩‍👧‍👦', '🇬🇧', '👍🏽', 'e\u0301\u0323']) {
      const text = `${'c'.repeat(2863)}${emoji} done`;
      const line = `:envelope: <@${karen}> (requester): ${text}`;
      const pieces = await karenWrites(1001, text);
      expect(pieces.join('')).toBe(line);
      expect(pieces).toEqual([line.slice(0, 2898), line.slice(2898)]);
    }
  });

  it.each([
    ['half an emoji', `${'x'.repeat(142)}🔥${'y'.repeat(6)}`, 'x'.repeat(142)],
    ['a ZWJ family', `${'x'.repeat(139)}👨‍👩‍👧‍👦`, 'x'.repeat(139)],
    ['a flag', `${'x'.repeat(142)}🇬🇧yyyy`, 'x'.repeat(142)],
    ['an accent', `${'x'.repeat(142)}e\u0301${'y'.repeat(6)}`, 'x'.repeat(142)],
    ['a mention', `${'x'.repeat(137)} <@${people.michael.id}>`, `${'x'.repeat(137)} `],
  ])('ends the card header of a 150-character summary before %s, with the ellipsis', async (_what, summary, kept) => {
    expect(summary).toHaveLength(150);
    const ticket = await scenes.fileTicket(karen, 'Report a Problem', summary);
    expect(ticket.summary).toBe(summary);
    const card = await scenes.card(ticket.number);
    expect(headerOf(card)).toBe(`#${ticket.number} ${kept}…`);
    // The whole summary is on the card too, under the header, as the relay shows what people wrote.
    expect(card.blocks.some((block) => (block.text as Json | undefined)?.text === `*${relayText(summary)}*`)).toBe(true);
  });

  it('keeps an &amp; that falls on the 3,000-character split of the card details whole', async () => {
    const details = `${'q'.repeat(2998)}&r`;
    const ticket = await scenes.fileTicket(karen, 'Report a Problem', 'Printer & scanner down', details);
    const card = await scenes.card(ticket.number);
    const sections = card.blocks.filter((block) => block.type === 'section' && block.text !== undefined).map((block) => String((block.text as Json).text));
    const pieces = sections.filter((text) => /^[q&ampr;]+$/.test(text));
    expect(pieces).toEqual(['q'.repeat(2998), '&amp;r']);
  });

  it('posts the history after a transfer in pieces that keep an emoji on the split whole', async () => {
    const ticket = await scenes.fileTicket(karen, 'Report a Problem', 'VPN drops every few minutes');
    await karenWrites(ticket.number, `${'a'.repeat(2804)}📧 after`);
    await scenes.clickAndSubmit(people.john.id, await scenes.card(ticket.number), 'Transfer', { 'Transfer to': 'Sys Admins', Reason: 'needs the network team' });
    const thread = scenes.thread(await scenes.card(ticket.number));
    const history = thread.slice(0, 2);
    const joined = history.join('');
    expect(joined.startsWith(`*History of #${ticket.number} so far*\n`)).toBe(true);
    // The emoji straddles the 2,900th code unit of the history, where it is split.
    expect(joined.indexOf('📧')).toBe(2899);
    expect(history.map((piece) => piece.length)[0]).toBe(2899);
    expect(history.some((piece) => LONE_SURROGATE.test(piece))).toBe(false);
    expect(joined).toContain(`${'a'.repeat(2804)}📧 after`);
  });

  it('keeps a link whose label John wrote over two lines whole in the history after a transfer', async () => {
    const ticket = await scenes.fileTicket(karen, 'Report a Problem', 'VPN drops for the whole floor');
    const reason = 'network team, see <https://status.example.com/vpn|the status\npage> first';
    await scenes.clickAndSubmit(people.john.id, await scenes.card(ticket.number), 'Transfer', { 'Transfer to': 'Sys Admins', Reason: reason });
    const history = scenes.thread(await scenes.card(ticket.number)).find((line) => line.startsWith(`*History of #${ticket.number} so far*`)) ?? '';
    const transferLine = history.split('\n').find((line) => line.startsWith('• Transferred')) ?? '';
    expect(transferLine).toContain('network team, see <https://status.example.com/vpn|the status');
    expect(history).toContain('<https://status.example.com/vpn|the status\npage>');
    expect(history.split('\n• ').every((line) => !/<[^>]*$/.test(line))).toBe(true);
  });

  it('sent Slack nothing it refused, and no text holding half a character', () => {
    expect(harness.slack.rejections).toEqual([]);
    const texts = harness.slack.messages.flatMap((message) => [message.text, ...allStrings(message.blocks)]);
    expect(texts.filter((text) => LONE_SURROGATE.test(text))).toEqual([]);
  });
});
