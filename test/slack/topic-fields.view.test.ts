import fc from 'fast-check';
import { FieldAnswer, TOPIC_FIELD_TYPES, TopicField, validateFieldAnswers } from '../../src/domain/topic-fields';
import { messageProblems, viewProblems } from '../../src/sandbox/local-slack/block-kit-rules';
import { buildTicketCard } from '../../src/slack/views/ticket-card.view';
import { buildTicketModal } from '../../src/slack/views/ticket-modal.view';
import { aTicketRow } from '../support/ticket-row';

const fieldOf = (type: TopicField['type'], index: number): TopicField => ({
  name: `f${index}`,
  label: `Question ${index} <!channel> & more`,
  type,
  required: index % 2 === 0,
  hint: index % 3 === 0 ? 'A hint' : null,
  maxLength: type === 'text' ? 20 : null,
  options: type === 'select' || type === 'multi_select' ? ['Online banking', 'Mobile app'] : [],
});
const EVERY_TYPE = TOPIC_FIELD_TYPES.map(fieldOf);

/** A plausible entry per type, as the modal's state reports it. */
const ENTRIES = {
  f0: 'Payroll',
  f1: 'line one\nline two',
  f2: '12000.5',
  f3: 'ken@example.com',
  f4: 'https://status.example.com',
  f5: '2026-11-30',
  f6: '1795957500',
  f7: 'Mobile app',
  f8: ['Online banking', 'Mobile app'],
  f9: 'U0BOSS',
  f10: 'C0SUPPORT',
  f11: true,
};

describe('help topic fields in views', () => {
  it('builds the New ticket modal with a field of every type, holding what was entered, within Block Kit rules', () => {
    const view = buildTicketModal({ topics: [{ id: 1, name: 'Everything' }], metadata: { source: null }, topic: { id: 1, fields: EVERY_TYPE }, fieldEntries: ENTRIES });
    expect(viewProblems(view)).toEqual([]);
    expect(view.blocks.map((block) => block.block_id)).toEqual(['help_topic', 'summary', 'details', ...EVERY_TYPE.map((field) => `field:${field.name}`)]);
    expect(JSON.stringify(view.blocks[0])).toContain('"dispatch_action":true');
  });

  it("shows every type of answer on the card within Block Kit rules, a person's text never live markup", () => {
    const answers = validateFieldAnswers(EVERY_TYPE, ENTRIES);
    expect(answers.ok).toBe(true);
    if (!answers.ok) return;
    const card = buildTicketCard({ ticket: { ...aTicketRow(), fieldAnswers: answers.value }, departmentName: 'Support', topicName: 'Everything', slaPlanName: null, now: new Date() });
    expect(messageProblems(card.text, card.blocks)).toEqual([]);
    const shown = JSON.stringify(card.blocks);
    expect(shown).not.toContain('<!channel>');
    expect(shown).toContain('12,000.5');
    expect(shown).toContain('<@U0BOSS>');
    expect(shown).toContain('<#C0SUPPORT>');
    expect(shown).toContain('<!date^1795957500^');
  });

  it('keeps any answers on a card within Block Kit rules, however many and however long', () => {
    const answer: fc.Arbitrary<FieldAnswer> = fc.record({
      name: fc.string({ minLength: 1, maxLength: 10 }),
      label: fc.string({ minLength: 1, maxLength: 100 }),
      type: fc.constantFrom('text', 'textarea', 'select', 'email', 'url', 'date'),
      // Long values too: fast-check's strings are mostly short.
      value: fc.oneof(fc.string({ minLength: 1, maxLength: 3000 }), fc.string({ minLength: 1900, maxLength: 3000 }), fc.constant('&<>'.repeat(1000))),
      text: fc.constant(''),
    });
    // A multi-select of up to 100 options of 75 characters, any of them ticked (found by the fresh tester of issue 17: the card was refused).
    const choices: fc.Arbitrary<FieldAnswer> = fc.record({
      name: fc.string({ minLength: 1, maxLength: 10 }),
      label: fc.string({ minLength: 1, maxLength: 100 }),
      type: fc.constant('multi_select' as const),
      value: fc.array(fc.oneof(fc.string({ minLength: 1, maxLength: 75 }), fc.constant('&'.repeat(75))), { minLength: 1, maxLength: 100 }),
      text: fc.constant(''),
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(answer, choices), { maxLength: 20 }), fc.string({ maxLength: 3000 }), (fieldAnswers, details) => {
        const card = buildTicketCard({ ticket: { ...aTicketRow(), details, fieldAnswers }, departmentName: 'Support', topicName: 'T', slaPlanName: null, now: new Date() });
        expect(messageProblems(card.text, card.blocks)).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});
