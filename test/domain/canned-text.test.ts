import fc from 'fast-check';
import { CANNED_VARIABLES, CannedValues, fieldVariables, fillCannedText, unknownVariables } from '../../src/domain/canned-text';

const VALUES: CannedValues = {
  variables: { 'ticket.number': '#1001', 'ticket.summary': 'Entire mobile online banking is down', 'requester.name': 'Karen Karen', 'agent.name': 'John Doe', department: 'Support' },
  fields: { 'Affected system': 'Online banking' },
};

describe('canned response variables', () => {
  it('fills every known variable and the fields that have a value; a field without one stays for the agent', () => {
    const text = 'Hi {requester.name}, {agent.name} of {department} on {ticket.number} ({ticket.summary}): {field.Affected system}, started {field.Started at}.';
    expect(fillCannedText(text, VALUES)).toBe('Hi Karen Karen, John Doe of Support on #1001 (Entire mobile online banking is down): Online banking, started {field.Started at}.');
    expect(fieldVariables(text)).toEqual(['Affected system', 'Started at']);
    expect(unknownVariables(text)).toEqual([]);
  });

  it('knows an unknown variable, once, and an empty field name', () => {
    expect(unknownVariables('{ticket.owner} {ticket.owner} {field.} {}')).toEqual(['ticket.owner', 'field.', '']);
  });

  it('never reads a value twice: a summary holding {agent.name} is shown as typed', () => {
    fc.assert(
      fc.property(fc.string(), (summary) => {
        const values = { ...VALUES, variables: { ...VALUES.variables, 'ticket.summary': summary } };
        return fillCannedText('«{ticket.summary}»', values) === `«${summary}»`;
      }),
    );
  });

  it('leaves no known variable in the filled text, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom(...CANNED_VARIABLES.map((name) => `{${name}}`)))), (parts) => {
        const filled = fillCannedText(parts.join(''), VALUES);
        return CANNED_VARIABLES.every((name) => !filled.includes(`{${name}}`));
      }),
    );
  });
});
