import { isJsonObject } from '../json';

/**
 * The Block Kit limits real Slack enforces, checked the way Slack checks them: a list of
 * problems, each naming where it is (`[3].elements[0].text`), empty when the payload is valid.
 */

const MESSAGE_BLOCKS_MAX = 50;
const VIEW_BLOCKS_MAX = 100;
const SECTION_TEXT_MAX = 3000;
const FIELD_TEXT_MAX = 2000;
const FIELDS_MAX = 10;
const HEADER_TEXT_MAX = 150;
const BUTTON_TEXT_MAX = 75;
const BUTTON_VALUE_MAX = 2000;
const ID_MAX = 255;
const MODAL_TEXT_MAX = 24;
const OPTION_TEXT_MAX = 75;
const OPTION_VALUE_MAX = 150;
const OPTIONS_MAX = 100;
const OPTION_GROUPS_MAX = 100;
const OPTION_GROUP_LABEL_MAX = 75;
const ACTIONS_ELEMENTS_MAX = 25;
const CONTEXT_ELEMENTS_MAX = 10;
const INPUT_LABEL_MAX = 2000;
const PLAIN_TEXT_INPUT_MAX = 3000;
const PRIVATE_METADATA_MAX = 3000;
const MESSAGE_TEXT_MAX = 40000;
const PLACEHOLDER_MAX = 150;
const OPTION_DESCRIPTION_MAX = 75;

const MESSAGE_BLOCK_TYPES = new Set(['section', 'header', 'context', 'divider', 'actions', 'image', 'rich_text']);
const VIEW_BLOCK_TYPES = new Set([...MESSAGE_BLOCK_TYPES, 'input']);

class Problems {
  readonly list: string[] = [];
  add(path: string, message: string): void {
    this.list.push(`${path}: ${message}`);
  }
}

const checkText = (problems: Problems, path: string, value: unknown, max: number, kinds: readonly string[] = ['plain_text', 'mrkdwn']) => {
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
const checkWholeCharacters = (problems: Problems, path: string, value: unknown): void => {
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) problems.add(path, 'holds half a character (a lone UTF-16 surrogate)');
  } else if (Array.isArray(value)) value.forEach((item, index) => checkWholeCharacters(problems, `${path}[${index}]`, item));
  else if (isJsonObject(value)) Object.entries(value).forEach(([key, item]) => checkWholeCharacters(problems, `${path}.${key}`, item));
};

const checkPlaceholder = (problems: Problems, path: string, element: { placeholder?: unknown }) => {
  if (element.placeholder !== undefined) checkText(problems, `${path}.placeholder`, element.placeholder, PLACEHOLDER_MAX, ['plain_text']);
};

const checkId = (problems: Problems, path: string, value: unknown) => {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.length === 0) return problems.add(path, 'must be a non-empty string');
  if (value.length > ID_MAX) problems.add(path, `must be at most ${ID_MAX} characters`);
};

const checkOption = (problems: Problems, path: string, option: unknown) => {
  if (!isJsonObject(option)) return problems.add(path, 'must be an option object');
  checkText(problems, `${path}.text`, option.text, OPTION_TEXT_MAX, ['plain_text']);
  if (option.description !== undefined) checkText(problems, `${path}.description`, option.description, OPTION_DESCRIPTION_MAX, ['plain_text']);
  if (typeof option.value !== 'string' || option.value.length > OPTION_VALUE_MAX) {
    problems.add(`${path}.value`, `must be a string of at most ${OPTION_VALUE_MAX} characters`);
  }
};

const checkOptionList = (problems: Problems, path: string, options: unknown, max: number) => {
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
const checkSelectOptions = (problems: Problems, path: string, element: Record<string, unknown>) => {
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

const checkElement = (problems: Problems, path: string, element: unknown, inInput: boolean) => {
  if (!isJsonObject(element)) return problems.add(path, 'must be an element object');
  checkId(problems, `${path}.action_id`, element.action_id);
  switch (element.type) {
    case 'button':
      checkText(problems, `${path}.text`, element.text, BUTTON_TEXT_MAX, ['plain_text']);
      if (element.value !== undefined && (typeof element.value !== 'string' || element.value.length > BUTTON_VALUE_MAX)) {
        problems.add(`${path}.value`, `must be a string of at most ${BUTTON_VALUE_MAX} characters`);
      }
      if (element.url !== undefined && (typeof element.url !== 'string' || element.url.length > 3000)) {
        problems.add(`${path}.url`, 'must be a URL of at most 3000 characters');
      }
      if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
        problems.add(`${path}.style`, 'must be primary or danger');
      }
      return;
    case 'static_select': {
      checkPlaceholder(problems, path, element);
      checkSelectOptions(problems, path, element);
      if (element.initial_option !== undefined) checkOption(problems, `${path}.initial_option`, element.initial_option);
      return;
    }
    case 'plain_text_input': {
      if (!inInput) problems.add(path, 'plain_text_input is only allowed in input blocks');
      checkPlaceholder(problems, path, element);
      const max = element.max_length;
      if (max !== undefined && (typeof max !== 'number' || max < 1 || max > PLAIN_TEXT_INPUT_MAX)) {
        problems.add(`${path}.max_length`, `must be between 1 and ${PLAIN_TEXT_INPUT_MAX}`);
      }
      const initial = element.initial_value;
      if (initial !== undefined && typeof initial !== 'string') problems.add(`${path}.initial_value`, 'must be a string');
      if (typeof initial === 'string' && typeof max === 'number' && initial.length > max) {
        problems.add(`${path}.initial_value`, `is longer than max_length ${max}`);
      }
      if (typeof initial === 'string' && initial.length > PLAIN_TEXT_INPUT_MAX) {
        problems.add(`${path}.initial_value`, `must be at most ${PLAIN_TEXT_INPUT_MAX} characters`);
      }
      return;
    }
    case 'overflow': {
      const options = element.options;
      if (!Array.isArray(options) || options.length < 2 || options.length > 5) return problems.add(`${path}.options`, 'must list 2 to 5 options');
      options.forEach((option, index) => checkOption(problems, `${path}.options[${index}]`, option));
      return;
    }
    case 'checkboxes':
    case 'radio_buttons': {
      const options = element.options;
      if (!Array.isArray(options) || options.length === 0 || options.length > 10) return problems.add(`${path}.options`, 'must list 1 to 10 options');
      options.forEach((option, index) => checkOption(problems, `${path}.options[${index}]`, option));
      return;
    }
    case 'users_select':
    case 'conversations_select':
    case 'channels_select':
    case 'datepicker':
      return checkPlaceholder(problems, path, element);
    default:
      problems.add(`${path}.type`, `unsupported element type ${String(element.type)}`);
  }
};

const checkBlock = (problems: Problems, path: string, block: unknown, allowed: Set<string>, actionIds: Set<string>) => {
  if (!isJsonObject(block)) return problems.add(path, 'must be a block object');
  if (!allowed.has(String(block.type))) return problems.add(`${path}.type`, `${String(block.type)} is not allowed here`);
  checkId(problems, `${path}.block_id`, block.block_id);
  switch (block.type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) problems.add(path, 'needs text or fields');
      if (block.text !== undefined) checkText(problems, `${path}.text`, block.text, SECTION_TEXT_MAX);
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields) || block.fields.length > FIELDS_MAX) problems.add(`${path}.fields`, `must list at most ${FIELDS_MAX} fields`);
        else block.fields.forEach((field, index) => checkText(problems, `${path}.fields[${index}]`, field, FIELD_TEXT_MAX));
      }
      if (block.accessory !== undefined) checkElement(problems, `${path}.accessory`, block.accessory, false);
      return;
    }
    case 'header':
      return checkText(problems, `${path}.text`, block.text, HEADER_TEXT_MAX, ['plain_text']);
    case 'context': {
      const elements = block.elements;
      if (!Array.isArray(elements) || elements.length === 0 || elements.length > CONTEXT_ELEMENTS_MAX) {
        return problems.add(`${path}.elements`, `must list 1 to ${CONTEXT_ELEMENTS_MAX} elements`);
      }
      elements.forEach((element, index) => {
        if (isJsonObject(element) && element.type === 'image') return;
        checkText(problems, `${path}.elements[${index}]`, element, SECTION_TEXT_MAX);
      });
      return;
    }
    case 'actions': {
      const elements = block.elements;
      if (!Array.isArray(elements) || elements.length === 0 || elements.length > ACTIONS_ELEMENTS_MAX) {
        return problems.add(`${path}.elements`, `must list 1 to ${ACTIONS_ELEMENTS_MAX} elements`);
      }
      const seen = new Set<string>();
      elements.forEach((element, index) => {
        checkElement(problems, `${path}.elements[${index}]`, element, false);
        const actionId = isJsonObject(element) ? element.action_id : undefined;
        if (typeof actionId === 'string') {
          if (seen.has(actionId) || actionIds.has(actionId)) problems.add(`${path}.elements[${index}].action_id`, `duplicate action_id ${actionId}`);
          seen.add(actionId);
        }
      });
      seen.forEach((id) => actionIds.add(id));
      return;
    }
    case 'input':
      checkText(problems, `${path}.label`, block.label, INPUT_LABEL_MAX, ['plain_text']);
      if (block.hint !== undefined) checkText(problems, `${path}.hint`, block.hint, INPUT_LABEL_MAX, ['plain_text']);
      return checkElement(problems, `${path}.element`, block.element, true);
    default:
      return;
  }
};

const checkBlockList = (problems: Problems, blocks: unknown, max: number, allowed: Set<string>, path = 'blocks') => {
  if (!Array.isArray(blocks)) return problems.add(path, 'must be an array');
  if (blocks.length > max) problems.add(path, `must hold at most ${max} blocks (has ${blocks.length})`);
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  blocks.forEach((block, index) => {
    checkBlock(problems, `${path}[${index}]`, block, allowed, actionIds);
    const blockId = isJsonObject(block) ? block.block_id : undefined;
    if (typeof blockId === 'string') {
      if (blockIds.has(blockId)) problems.add(`${path}[${index}].block_id`, `duplicate block_id ${blockId}`);
      blockIds.add(blockId);
    }
  });
};

/** Problems with a message's `text` and `blocks`, as chat.postMessage and chat.update see them. */
export const messageProblems = (text: unknown, blocks: unknown): string[] => {
  const problems = new Problems();
  if (blocks !== undefined) checkBlockList(problems, blocks, MESSAGE_BLOCKS_MAX, MESSAGE_BLOCK_TYPES);
  if (typeof text === 'string' && text.length > MESSAGE_TEXT_MAX) problems.add('text', `must be at most ${MESSAGE_TEXT_MAX} characters`);
  checkWholeCharacters(problems, 'text', text);
  checkWholeCharacters(problems, 'blocks', blocks);
  return problems.list;
};

/** Problems with a modal or home view, as views.open/update/push/publish see them. */
export const viewProblems = (view: unknown): string[] => {
  const problems = new Problems();
  if (!isJsonObject(view)) return ['view: must be an object'];
  if (view.type !== 'modal' && view.type !== 'home') problems.add('view.type', 'must be modal or home');
  if (view.type === 'modal') {
    checkText(problems, 'view.title', view.title, MODAL_TEXT_MAX, ['plain_text']);
    if (view.submit !== undefined) checkText(problems, 'view.submit', view.submit, MODAL_TEXT_MAX, ['plain_text']);
    if (view.close !== undefined) checkText(problems, 'view.close', view.close, MODAL_TEXT_MAX, ['plain_text']);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((block) => isJsonObject(block) && block.type === 'input');
    if (hasInput && view.submit === undefined) problems.add('view.submit', 'is required when the view has input blocks');
  }
  checkId(problems, 'view.callback_id', view.callback_id);
  if (view.private_metadata !== undefined && (typeof view.private_metadata !== 'string' || view.private_metadata.length > PRIVATE_METADATA_MAX)) {
    problems.add('view.private_metadata', `must be a string of at most ${PRIVATE_METADATA_MAX} characters`);
  }
  checkBlockList(problems, view.blocks, VIEW_BLOCKS_MAX, VIEW_BLOCK_TYPES, 'view.blocks');
  checkWholeCharacters(problems, 'view', view);
  return problems.list;
};
