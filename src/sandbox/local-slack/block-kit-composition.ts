import { isJsonObject } from '../json';
import { ID_MAX, OPTIONS_MAX, OPTION_DESCRIPTION_MAX, OPTION_GROUPS_MAX, OPTION_GROUP_LABEL_MAX, OPTION_TEXT_MAX, OPTION_VALUE_MAX, PLACEHOLDER_MAX } from './block-kit-limits';

/** Checks of Block Kit's composition objects (text, option, option group) and of ids, shared by elements and blocks. */
/** The problems found in one payload, each as `path: message`. */
export class Problems {
  readonly list: string[] = [];
  add(path: string, message: string): void {
    this.list.push(`${path}: ${message}`);
  }
}

export const checkText = (problems: Problems, path: string, value: unknown, max: number, kinds: readonly string[] = ['plain_text', 'mrkdwn']) => {
  if (!isJsonObject(value)) return problems.add(path, 'must be a text object');
  if (!kinds.includes(String(value.type))) return problems.add(`${path}.type`, `must be ${kinds.join(' or ')}`);
  if (typeof value.text !== 'string' || value.text.length === 0) return problems.add(`${path}.text`, 'must not be empty');
  if (value.text.length > max) problems.add(`${path}.text`, `must be at most ${max} characters (is ${value.text.length})`);
};

/** Half of a surrogate pair with no other half: not a character, and not valid Unicode to store or show. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Every string in a payload must be whole Unicode. The real Web API client cannot even send a
 * top-level string argument (`text`) holding a lone surrogate: it form-encodes it with
 * node:querystring, which throws `URIError: URI malformed` before the request leaves. In a
 * JSON-encoded argument (blocks, a view) it travels as a `\ud83d` escape, which Slack refuses.
 */
export const checkWholeCharacters = (problems: Problems, path: string, value: unknown): void => {
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) problems.add(path, 'holds half a character (a lone UTF-16 surrogate)');
  } else if (Array.isArray(value)) value.forEach((item, index) => checkWholeCharacters(problems, `${path}[${index}]`, item));
  else if (isJsonObject(value)) Object.entries(value).forEach(([key, item]) => checkWholeCharacters(problems, `${path}.${key}`, item));
};

export const checkPlaceholder = (problems: Problems, path: string, element: { placeholder?: unknown }) => {
  if (element.placeholder !== undefined) checkText(problems, `${path}.placeholder`, element.placeholder, PLACEHOLDER_MAX, ['plain_text']);
};

export const checkId = (problems: Problems, path: string, value: unknown) => {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.length === 0) return problems.add(path, 'must be a non-empty string');
  if (value.length > ID_MAX) problems.add(path, `must be at most ${ID_MAX} characters`);
};

export const checkOption = (problems: Problems, path: string, option: unknown) => {
  if (!isJsonObject(option)) return problems.add(path, 'must be an option object');
  checkText(problems, `${path}.text`, option.text, OPTION_TEXT_MAX, ['plain_text']);
  if (option.description !== undefined) checkText(problems, `${path}.description`, option.description, OPTION_DESCRIPTION_MAX, ['plain_text']);
  if (typeof option.value !== 'string' || option.value.length > OPTION_VALUE_MAX) {
    problems.add(`${path}.value`, `must be a string of at most ${OPTION_VALUE_MAX} characters`);
  }
};

export const checkOptionList = (problems: Problems, path: string, options: unknown, max: number) => {
  if (!Array.isArray(options) || options.length === 0) return problems.add(path, 'must list at least one option');
  if (options.length > max) problems.add(path, `must list at most ${max} options (lists ${options.length})`);
  options.forEach((option, index) => checkOption(problems, `${path}[${index}]`, option));
};

/**
 * A static select lists either `options` (at most 100) or `option_groups` (at most 100 groups,
 * each labelled in plain text of at most 75 characters and holding 1 to 100 options), never both
 * (https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element,
 * https://docs.slack.dev/reference/block-kit/composition-objects/option-group-object).
 */
export const checkSelectOptions = (problems: Problems, path: string, element: Record<string, unknown>) => {
  const { options, option_groups: groups } = element;
  if (options !== undefined && groups !== undefined) return problems.add(path, 'must list options or option_groups, not both');
  if (groups === undefined) return checkOptionList(problems, `${path}.options`, options, OPTIONS_MAX);
  if (!Array.isArray(groups) || groups.length === 0) return problems.add(`${path}.option_groups`, 'must list at least one option group');
  if (groups.length > OPTION_GROUPS_MAX) problems.add(`${path}.option_groups`, `must list at most ${OPTION_GROUPS_MAX} option groups (lists ${groups.length})`);
  groups.forEach((group, index) => {
    const at = `${path}.option_groups[${index}]`;
    if (!isJsonObject(group)) return problems.add(at, 'must be an option group object');
    checkText(problems, `${at}.label`, group.label, OPTION_GROUP_LABEL_MAX, ['plain_text']);
    checkOptionList(problems, `${at}.options`, group.options, OPTIONS_MAX);
  });
};
