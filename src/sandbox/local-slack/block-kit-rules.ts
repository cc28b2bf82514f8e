import { isJsonObject } from '../json';
import {
  ACTIONS_ELEMENTS_MAX,
  CONTEXT_ELEMENTS_MAX,
  FIELDS_MAX,
  FIELD_TEXT_MAX,
  HEADER_TEXT_MAX,
  INPUT_LABEL_MAX,
  MESSAGE_BLOCKS_MAX,
  MESSAGE_BLOCK_TYPES,
  MESSAGE_TEXT_MAX,
  MODAL_TEXT_MAX,
  PRIVATE_METADATA_MAX,
  SECTION_TEXT_MAX,
  VIEW_BLOCKS_MAX,
  VIEW_BLOCK_TYPES,
} from './block-kit-limits';
import { Problems, checkId, checkText, checkWholeCharacters } from './block-kit-composition';
import { checkElement } from './block-kit-elements';

/**
 * The Block Kit limits real Slack enforces, checked the way Slack checks them: a list of
 * problems, each naming where it is (`[3].elements[0].text`), empty when the payload is valid.
 */

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
      if (block.dispatch_action !== undefined && typeof block.dispatch_action !== 'boolean') problems.add(`${path}.dispatch_action`, 'must be true or false');
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
