import fc from 'fast-check';
import { FieldEntry, TOPIC_FIELD_TYPES, TopicField, validateFieldAnswers } from '../../src/domain/topic-fields';

const field = (overrides: Partial<TopicField> & Pick<TopicField, 'name' | 'type'>): TopicField => ({ label: overrides.name, required: false, hint: null, maxLength: null, options: [], ...overrides });

/** The seeds' Business Critical Outage form. */
const OUTAGE: TopicField[] = [
  field({ name: 'affected_system', label: 'Affected system', type: 'select', required: true, options: ['Online banking', 'Mobile app', 'Branch systems', 'Email'] }),
  field({ name: 'customers_affected', label: 'Customers affected', type: 'number' }),
  field({ name: 'started_at', label: 'Started at', type: 'datetime', required: true }),
];

describe('help topic field answers', () => {
  it("keeps Karen's outage answers in the fields' order, typed, with their words for search", () => {
    const result = validateFieldAnswers(OUTAGE, { started_at: String(Date.parse('2026-11-30T09:05:00Z') / 1000), customers_affected: ' 12000 ', affected_system: 'Online banking' });
    expect(result).toEqual({
      ok: true,
      value: [
        { name: 'affected_system', label: 'Affected system', type: 'select', value: 'Online banking', text: 'Online banking' },
        { name: 'customers_affected', label: 'Customers affected', type: 'number', value: 12000, text: '12000' },
        { name: 'started_at', label: 'Started at', type: 'datetime', value: '2026-11-30T09:05:00.000Z', text: '2026-11-30T09:05:00.000Z' },
      ],
    });
  });

  it('names every problem at once: a required field left empty, a bad number, an option no longer offered', () => {
    expect(validateFieldAnswers(OUTAGE, { affected_system: 'Mainframe', customers_affected: '12 thousand', started_at: null })).toEqual({
      ok: false,
      error: {
        affected_system: '“Mainframe” is no longer offered for Affected system. Please choose again.',
        customers_affected: '“12 thousand” is not a number. Write it in digits, like 1200.',
        started_at: 'Please choose Started at.',
      },
    });
  });

  it.each([
    ['email', 'karen@example', '“karen@example” is not an email address. Write it like karen@example.com.'],
    ['email', 'Karen <karen@example.com>', '“Karen <karen@example.com>” is not an email address. Write it like karen@example.com.'],
    ['url', 'javascript:alert(1)', '“javascript:alert(1)” is not a web address. Write it whole, like https://status.example.com.'],
    ['date', '2026-02-30', 'Pick a date for f.'],
    ['user', '@ken', 'Pick a person for f.'],
    ['channel', '#support', 'Pick a channel for f.'],
    ['number', '1e400', '“1e400” is not a number. Write it in digits, like 1200.'],
    ['number', '12345678901234567891', '“12345678901234567891” has more digits than can be kept exactly (at most 15). Round it, like 1200000.'],
    ['number', '1000000000000000000000', '“1000000000000000000000” is too large a number for f.'],
    ['number', '0.12345678901234567', '“0.12345678901234567” has more digits than can be kept exactly (at most 15). Round it, like 1200000.'],
  ] as const)('refuses a %s of "%s"', (type, entry, message) => {
    expect(validateFieldAnswers([field({ name: 'f', type })], { f: entry })).toEqual({ ok: false, error: { f: message } });
  });

  it("holds a text answer to the field's maximum length, and a required checkbox to being ticked", () => {
    const fields = [field({ name: 'which_system', label: 'Which system', type: 'text', maxLength: 10 }), field({ name: 'agree', label: 'I asked my manager', type: 'checkbox', required: true })];
    expect(validateFieldAnswers(fields, { which_system: 'Payroll portal', agree: false })).toEqual({
      ok: false,
      error: { which_system: 'Which system is 14 characters; the limit is 10.', agree: 'Please tick “I asked my manager”.' },
    });
    expect(validateFieldAnswers(fields, { which_system: 'Payroll', agree: true })).toMatchObject({ ok: true, value: [{ value: 'Payroll' }, { value: true }] });
  });

  it('gives no answer for an optional field left empty, and orders multi-select choices as the options are', () => {
    const fields = [field({ name: 'note', type: 'textarea' }), field({ name: 'apps', type: 'multi_select', options: ['Mail', 'Calendar', 'Drive'] })];
    expect(validateFieldAnswers(fields, { note: '  ', apps: ['Drive', 'Mail', 'Drive'] })).toEqual({
      ok: true,
      value: [{ name: 'apps', label: 'apps', type: 'multi_select', value: ['Mail', 'Drive'], text: 'Mail, Drive' }],
    });
  });

  it('keeps every whole number it accepts as typed: never stored as another number', () => {
    const counts = [field({ name: 'n', type: 'number' })];
    const wholeNumber = fc.oneof(
      fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }),
      fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.integer({ min: 0, max: 8 })).map(([digits, zeros]) => digits * 10n ** BigInt(zeros)),
    );
    fc.assert(
      fc.property(wholeNumber, (typed) => {
        const result = validateFieldAnswers(counts, { n: typed.toString() });
        if (result.ok) expect(result.value[0]).toMatchObject({ value: Number(typed), text: typed.toString() });
        else expect(result.error.n).toMatch(/has more digits than can be kept exactly|is too large a number/);
      }),
    );
  });

  const anyField = fc.record({
    name: fc.constantFrom('a', 'b', 'c', 'd'),
    label: fc.string({ minLength: 1, maxLength: 20 }),
    type: fc.constantFrom(...TOPIC_FIELD_TYPES),
    required: fc.boolean(),
    hint: fc.constant(null),
    maxLength: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
    options: fc.array(fc.string({ minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 4 }),
  });
  const anyEntry: fc.Arbitrary<FieldEntry> = fc.oneof(fc.string(), fc.array(fc.string()), fc.boolean(), fc.constant(null), fc.integer({ min: 0, max: 4_000_000_000 }).map(String));

  it('answers any entries for any fields with answers or an error per field, never both, never throwing', () => {
    fc.assert(
      fc.property(fc.uniqueArray(anyField, { selector: (candidate) => candidate.name, maxLength: 4 }), fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), anyEntry), (fields, entries) => {
        const result = validateFieldAnswers(fields, entries);
        const names: string[] = fields.map((candidate) => candidate.name);
        if (result.ok) {
          // Answers keep the fields' order, and every required field is answered.
          const answered = result.value.map((answer) => answer.name);
          expect(answered).toEqual(names.filter((name) => answered.includes(name)));
          for (const required of fields.filter((candidate) => candidate.required)) expect(answered).toContain(required.name);
        } else {
          expect(Object.keys(result.error).every((name) => names.includes(name))).toBe(true);
          expect(Object.values(result.error).every((message) => message.length > 0 && message.length <= 2000)).toBe(true);
        }
      }),
    );
  });
});
