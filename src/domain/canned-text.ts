/**
 * The variables of a canned response's text (osTicket's canned responses with their `%{ticket.*}`
 * variables, written here `{ticket.number}`): the ticket's number (`#1042`) and summary, the
 * requester's and the answering agent's names, the department's name, and the ticket's help-topic
 * field values as `{field.<name>}`. Anything else in braces is an unknown variable, refused when
 * helpdesk.yml is read.
 */
export const CANNED_VARIABLES = ['ticket.number', 'ticket.summary', 'requester.name', 'agent.name', 'department'] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];

/** The prefix of a help-topic field's variable: `{field.Affected system}`. */
const FIELD_PREFIX = 'field.';

/** `{…}` with no brace or line break inside. */
const VARIABLE = /\{([^{}\n]*)\}/g;

/** What the variables stand for when a response is inserted: plain text, as a person would type it. */
export interface CannedValues {
  readonly variables: Readonly<Record<CannedVariable, string>>;
  /** The ticket's help-topic field values by field name; a field without a value keeps its `{field.<name>}` for the agent to fill in. */
  readonly fields: Readonly<Record<string, string>>;
}

const isKnown = (name: string): boolean => (CANNED_VARIABLES as readonly string[]).includes(name) || (name.startsWith(FIELD_PREFIX) && name.length > FIELD_PREFIX.length);

/** Every variable name the text uses that is not one of CANNED_VARIABLES or `field.<name>`, once each, in order of appearance. */
export const unknownVariables = (text: string): string[] => [...new Set([...text.matchAll(VARIABLE)].map((match) => match[1] ?? '').filter((name) => !isKnown(name)))];

/** The names of the help-topic fields the text uses (`{field.<name>}`), once each. */
export const fieldVariables = (text: string): string[] => [
  ...new Set(
    [...text.matchAll(VARIABLE)]
      .map((match) => match[1] ?? '')
      .filter((name) => name.startsWith(FIELD_PREFIX) && name.length > FIELD_PREFIX.length)
      .map((name) => name.slice(FIELD_PREFIX.length)),
  ),
];

/**
 * The text with its variables replaced by `values`, in one pass (a value that itself holds
 * `{…}` is not read again). An unknown variable, or a field without a value, is left as written.
 */
export const fillCannedText = (text: string, values: CannedValues): string =>
  text.replace(VARIABLE, (whole, name: string) => {
    if ((CANNED_VARIABLES as readonly string[]).includes(name)) return values.variables[name as CannedVariable];
    if (name.startsWith(FIELD_PREFIX)) return values.fields[name.slice(FIELD_PREFIX.length)] ?? whole;
    return whole;
  });
