import fc from 'fast-check';
import { messageProblems, viewProblems } from '../../src/sandbox/local-slack/block-kit-rules';
import { buildLinkModal, buildMergeModal } from '../../src/slack/views/relation-modals.view';
import { buildTicketCard } from '../../src/slack/views/ticket-card.view';
import { CardRelation, relationsLine } from '../../src/slack/views/ticket-relations.view';
import { T0 } from '../domain/ticket-fixtures';
import { aTicketRow } from '../support/ticket-row';
import { visibleText } from '../support/visible-text';

type InputJson = { type: string; label: { text: string }; element: { type: string; options?: { value: string }[] } };
const inputs = (view: { blocks: unknown[] }): InputJson[] => (view.blocks as InputJson[]).filter((block) => block.type === 'input');

const link = (number: number): CardRelation => ({ kind: 'related', number, url: `https://helpdesk-demo.slack.com/archives/C0SUPPORT/p${number}000100` });

describe('the Merge and Link modals', () => {
  it('offers any candidates within Slack limits, whatever their summaries hold, each by its number', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ number: fc.integer({ min: 1, max: 999_999_999 }), summary: fc.string({ maxLength: 300 }), sameRequester: fc.boolean() }), { maxLength: 120 }), (found) => {
        const candidates = found.map((candidate, index) => ({ ...candidate, ticketId: index + 1 }));
        const view = buildMergeModal(aTicketRow({ summary: '<!channel> *everything* is down' }), candidates);
        expect(viewProblems(view)).toEqual([]);
        const options = inputs(view).flatMap((block) => block.element.options ?? []);
        expect(options.map((option) => option.value)).toEqual(candidates.slice(0, 100).map((candidate) => String(candidate.number)));
      }),
    );
    expect(viewProblems(buildLinkModal(aTicketRow()))).toEqual([]);
  });

  it('asks only for a number when no candidate was found', () => {
    const view = buildMergeModal(aTicketRow(), []);
    expect(inputs(view).map((block) => block.label.text)).toEqual(['Ticket number']);
  });
});

describe("the card's related tickets", () => {
  it('lists merged and related numbers as links to their cards, a number without a card as plain text', () => {
    const line = relationsLine([{ kind: 'merged_into', number: 1001, url: null }, { kind: 'merged_from', number: 1003, url: 'https://x.slack.com/archives/C1/p1' }, link(1005)]);
    expect(line).toBe(
      ':twisted_rightwards_arrows: Merged into #1001 · :twisted_rightwards_arrows: Merged in <https://x.slack.com/archives/C1/p1|#1003> · :link: Related <https://helpdesk-demo.slack.com/archives/C0SUPPORT/p1005000100|#1005>',
    );
  });

  it('offers Merge into… and Link ticket… beside the related tickets of a ticket being worked on, outside the main menu Slack caps at five', () => {
    const build = (status: 'open' | 'resolved' | 'closed', relations: CardRelation[] = []) =>
      buildTicketCard({ ticket: aTicketRow({ status }), departmentName: 'Support', topicName: 'Report a Problem', slaPlanName: null, now: T0, relations });
    const open = build('open');
    expect(messageProblems(open.text, open.blocks)).toEqual([]);
    const section = open.blocks.find((block) => block.block_id === 'ticket_relations') as { text: { text: string }; accessory: { options: { text: { text: string } }[] } };
    expect(section.text.text).toBe('_No related tickets._');
    expect(section.accessory.options.map((option) => option.text.text)).toEqual(['Merge into…', 'Link ticket…']);
    expect(visibleText(build('closed'))).not.toContain('related');
    expect(build('resolved', [link(1001)]).blocks.some((block) => block.block_id === 'ticket_relations')).toBe(false);
    expect(visibleText(build('resolved', [link(1001)]))).toContain(':link: Related <');
  });

  it('says a merged ticket reopened since was merged', () => {
    expect(relationsLine([{ kind: 'merged_into', number: 1001, url: null }], false)).toBe(':twisted_rightwards_arrows: Was merged into #1001');
  });

  it('counts the related tickets past twenty, so a card with hundreds stays within Slack limits', () => {
    const relations = Array.from({ length: 300 }, (_, index) => link(1000 + index));
    expect(relationsLine(relations)).toMatch(/#1019>, and 280 more$|#1019> and 280 more$/);
    const card = buildTicketCard({ ticket: aTicketRow(), departmentName: 'Support', topicName: 'Report a Problem', slaPlanName: null, now: T0, relations });
    expect(messageProblems(card.text, card.blocks)).toEqual([]);
    expect(visibleText(card)).toContain('Related <https://helpdesk-demo.slack.com/archives/C0SUPPORT/p1000000100|#1000>');
  });
});
